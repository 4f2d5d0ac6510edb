import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AckFirst, type AckTimers } from '../../../adapters/chat/ack-first.js';

/** The fake clock drives every timer the queue sets: nothing here waits on real time. */
const timers: AckTimers = {
  now: () => Date.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
  setImmediate: (run) => setImmediate(run),
};

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('AckFirst: acknowledgements in flight (Discord defers)', () => {
  it('holds work back until every acknowledgement in flight has been sent', async () => {
    const acks = new AckFirst({ maxWaitMs: 10_000, timers });
    const order: string[] = [];
    let release!: () => void;
    const slowAck = acks.ack(
      () =>
        new Promise<void>((resolve) => {
          release = () => {
            order.push('ack 2 sent');
            resolve();
          };
        }),
    );
    await acks.ack(async () => {
      order.push('ack 1 sent');
    });
    const work = acks.turn().then(() => order.push('work 1 starts'));
    await vi.advanceTimersByTimeAsync(20);
    expect(order).toEqual(['ack 1 sent']);
    release();
    await slowAck;
    await vi.advanceTimersByTimeAsync(1);
    await work;
    expect(order).toEqual(['ack 1 sent', 'ack 2 sent', 'work 1 starts']);
  });

  it('lets work start anyway after its longest wait', async () => {
    const acks = new AckFirst({ maxWaitMs: 30, timers });
    void acks.ack(() => new Promise<void>(() => {}));
    let started = false;
    void acks.turn().then(() => {
      started = true;
    });
    await vi.advanceTimersByTimeAsync(29);
    expect(started).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(started).toBe(true);
  });

  it('starts work on the next turn when no acknowledgement is in flight', async () => {
    const acks = new AckFirst({ timers });
    let started = false;
    void acks.turn().then(() => {
      started = true;
    });
    expect(started).toBe(false);
    await vi.advanceTimersByTimeAsync(0);
    expect(started).toBe(true);
  });
});

describe('AckFirst: a quiet moment after the acknowledgements (Slack responses)', () => {
  it('holds work while acks keep going out, and starts it once they go quiet', async () => {
    const acks = new AckFirst({ quietMs: 20, maxWaitMs: 1_000, timers });
    const started: string[] = [];
    await acks.ack(async () => undefined);
    void acks.turn().then(() => started.push('a'));
    void acks.turn().then(() => started.push('b'));
    await vi.advanceTimersByTimeAsync(5);
    expect(started).toEqual([]);
    expect(acks.pending).toBe(2);
    await vi.advanceTimersByTimeAsync(20);
    expect(started).toEqual(['a', 'b']);
    expect(acks.pending).toBe(0);
  });

  it('starts work that waited too long even when acks never stop', async () => {
    const acks = new AckFirst({ quietMs: 20, maxWaitMs: 100, timers });
    const started: string[] = [];
    void acks.turn().then(() => started.push('old'));
    for (let ms = 0; ms < 90; ms += 10) {
      await acks.ack(async () => undefined);
      await vi.advanceTimersByTimeAsync(10);
    }
    expect(started).toEqual([]);
    await acks.ack(async () => undefined);
    await vi.advanceTimersByTimeAsync(10);
    expect(started).toEqual(['old']);
  });
});

describe('AckFirst: requests counted from their arrival (Slack over HTTP)', () => {
  it('holds work while a request that arrived is still unanswered, and starts it once all are answered and quiet', async () => {
    const acks = new AckFirst({ quietMs: 20, maxWaitMs: 1_000, timers });
    const started: string[] = [];
    const first = acks.arrived();
    const second = acks.arrived();
    first();
    void acks.turn().then(() => started.push('work of the first'));
    // Well past the quiet moment: the second request is still being read, so its ack is still to come.
    await vi.advanceTimersByTimeAsync(500);
    expect(started).toEqual([]);
    second();
    // A second call (the response closing after it finished) changes nothing.
    second();
    await vi.advanceTimersByTimeAsync(19);
    expect(started).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(started).toEqual(['work of the first']);
  });

  it('still lets work start after its longest wait when a request never finishes', async () => {
    const acks = new AckFirst({ quietMs: 20, maxWaitMs: 100, timers });
    acks.arrived();
    let started = false;
    void acks.turn().then(() => {
      started = true;
    });
    await vi.advanceTimersByTimeAsync(99);
    expect(started).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(started).toBe(true);
  });
});
