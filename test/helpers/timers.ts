import type { ProviderTimers } from '../../src/providers/timers.js';

/**
 * Provider timers for tests. A wait before a retry is recorded and skipped. An attempt's deadline is
 * the real one (so nothing can hang a test for good) and also passes the moment the test calls
 * `expire()`.
 */
export interface TestTimers extends ProviderTimers {
  /** Every wait asked for before a retry, in ms, oldest first. */
  readonly waits: number[];
  /** Ends every attempt under way as timed out, as its deadline would. */
  expire(): void;
}

const timedOut = () => new DOMException('The operation was aborted due to timeout', 'TimeoutError');

export function testTimers(): TestTimers {
  const waits: number[] = [];
  const underWay = new Set<AbortController>();
  return {
    waits,
    async sleep(ms) {
      waits.push(ms);
    },
    deadline(ms) {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(timedOut()), ms);
      underWay.add(controller);
      return {
        signal: controller.signal,
        clear() {
          clearTimeout(timer);
          underWay.delete(controller);
        },
      };
    },
    expire() {
      for (const controller of underWay) controller.abort(timedOut());
      underWay.clear();
    },
  };
}
