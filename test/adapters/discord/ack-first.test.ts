import { describe, expect, it } from 'vitest';
import { AckFirst } from '../../../adapters/discord/ack-first.js';

describe('AckFirst', () => {
  it('holds work back until every acknowledgement in flight has been sent', async () => {
    const acks = new AckFirst(10_000);
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
    const work = acks.idle().then(() => order.push('work 1 starts'));
    await new Promise((r) => setTimeout(r, 20));
    expect(order).toEqual(['ack 1 sent']);
    release();
    await slowAck;
    await work;
    expect(order).toEqual(['ack 1 sent', 'ack 2 sent', 'work 1 starts']);
  });

  it('lets work start anyway after its longest wait', async () => {
    const acks = new AckFirst(30);
    void acks.ack(() => new Promise<void>(() => {}));
    const started = await Promise.race([
      acks.idle().then(() => 'started'),
      new Promise((r) => setTimeout(() => r('stuck'), 2_000)),
    ]);
    expect(started).toBe('started');
  });
});
