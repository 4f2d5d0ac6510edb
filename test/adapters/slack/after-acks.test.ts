import { describe, expect, it } from 'vitest';
import { AfterAcks } from '../../../adapters/slack/after-acks.js';

const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

describe('AfterAcks: acks first, work after', () => {
  it('holds work while acks keep going out, and starts it once they go quiet', async () => {
    let clock = 0;
    const queue = new AfterAcks(20, 1_000, () => clock);
    const started: string[] = [];
    queue.acked();
    queue.push(() => started.push('a'));
    queue.push(() => started.push('b'));
    await tick(5);
    expect(started).toEqual([]);
    clock = 25; // 25 ms without an ack
    await tick(30);
    expect(started).toEqual(['a', 'b']);
    expect(queue.pending).toBe(0);
  });

  it('starts work that waited too long even when acks never stop', async () => {
    let clock = 0;
    const queue = new AfterAcks(20, 100, () => clock);
    const started: string[] = [];
    queue.push(() => started.push('old'));
    queue.acked();
    await tick(5);
    expect(started).toEqual([]);
    clock = 150;
    queue.acked();
    await tick(30);
    expect(started).toEqual(['old']);
  });
});
