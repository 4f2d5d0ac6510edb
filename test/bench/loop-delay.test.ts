import { setTimeout as idleFor, setImmediate as nextTurn } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { OperationDelays } from '../../bench/loop-delay.js';

/** Blocks the event loop for `ms` (a stall outside any measured operation). */
function blockFor(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    // busy: this is the stall itself
  }
}

describe('OperationDelays (storage bench)', () => {
  it('does not count the time between measured operations as a stall of the next one', async () => {
    // Operations that wait on I/O for 20 ms (long enough for the 1 ms probe to tick) and never block.
    const delays = new OperationDelays(['op'] as const);
    await delays.measure('op', true, () => idleFor(20));
    blockFor(600);
    await delays.measure('op', true, () => idleFor(20));
    expect(delays.worstMs('op')).toBeLessThan(600);
  });

  it('counts a stall inside a measured operation against that operation only', async () => {
    const delays = new OperationDelays(['blocking', 'idle'] as const);
    await delays.measure('idle', true, () => nextTurn());
    await delays.measure('blocking', true, async () => {
      await nextTurn();
      blockFor(100);
      await idleFor(5);
    });
    await delays.measure('idle', true, () => nextTurn());
    expect(delays.worstMs('blocking')).toBeGreaterThanOrEqual(90);
    expect(delays.worstMs('idle')).toBeLessThan(100);
  });

  it('leaves warm-up operations out', async () => {
    const delays = new OperationDelays(['op'] as const);
    await delays.measure('op', false, async () => {
      await nextTurn();
      blockFor(100);
      await idleFor(5);
    });
    expect(delays.worstMs('op')).toBe(0);
  });
});
