import { setTimeout as wait } from 'node:timers/promises';

/** One attempt's deadline: its signal aborts with a `TimeoutError` when time is up; `clear` ends it early. */
export interface Deadline {
  signal: AbortSignal;
  clear(): void;
}

/**
 * The clock of a provider's HTTP calls: the wait before a retry and the deadline of one attempt. Real
 * timers unless the settings pass others, so a test can see which wait was asked for without spending
 * it, and end a hung attempt the moment it has reached the vendor instead of after its timeout.
 */
export interface ProviderTimers {
  /** Waits `ms` before a read is tried again (Retry-After, or the backoff). */
  sleep(ms: number): Promise<void>;
  /** The deadline of one attempt that may take `ms`; the caller clears it when the attempt is over. */
  deadline(ms: number): Deadline;
}

export const realTimers: ProviderTimers = {
  sleep: (ms) => wait(ms),
  deadline: timeoutSignal,
};

/**
 * Aborts with a `TimeoutError` after `ms`, as `AbortSignal.timeout` does, but its timer ends with the
 * attempt: `AbortSignal.timeout` costs ~50 µs to make and keeps its timer until it fires, so a sweep's
 * thousands of reads left thousands of live timers behind them, and their cost delayed the answers
 * of the reads still in flight.
 */
function timeoutSignal(ms: number): Deadline {
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError')),
    ms,
  );
  return { signal: controller.signal, clear: () => clearTimeout(timer) };
}
