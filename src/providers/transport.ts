import { readWithinLimit } from './body-limit.js';
import { fetchWithinOrigin } from './redirects.js';

export interface Transport {
  provider: string;
  mutates: boolean;
  secrets: readonly string[];
  timeoutMs: number;
  maxResponseBytes: number;
}

/**
 * One attempt: redirects kept to the vendor's origin, and the body read in full (within the cap)
 * under the same deadline as the headers, so a stalled or endless body cannot hang a command.
 */
export function transport(fetchImpl: typeof globalThis.fetch, t: Transport): typeof globalThis.fetch {
  return async (input, init) => {
    const url = input instanceof Request ? input.url : input;
    const deadline = timeoutSignal(t.timeoutMs);
    try {
      const response = await fetchWithinOrigin(fetchImpl, url, { ...init, signal: deadline.signal }, t);
      const body = await readWithinLimit(response, { ...t, maxBytes: t.maxResponseBytes });
      return new Response(body && body.byteLength > 0 ? body : null, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
    } finally {
      deadline.clear();
    }
  };
}

/**
 * Aborts with a `TimeoutError` after `ms`, as `AbortSignal.timeout` does, but its timer ends with the
 * attempt: `AbortSignal.timeout` costs ~50 µs to make and keeps its timer until it fires, so a sweep's
 * thousands of reads left thousands of live timers behind them, and their cost delayed the answers
 * of the reads still in flight.
 */
function timeoutSignal(ms: number): { signal: AbortSignal; clear(): void } {
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError')),
    ms,
  );
  return { signal: controller.signal, clear: () => clearTimeout(timer) };
}
