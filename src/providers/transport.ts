import { readWithinLimit } from './body-limit.js';
import { fetchWithinOrigin } from './redirects.js';
import type { Deadline } from './timers.js';

export interface Transport {
  provider: string;
  mutates: boolean;
  secrets: readonly string[];
  timeoutMs: number;
  /** The deadline of one attempt of `timeoutMs` (see timers.ts). */
  deadline(ms: number): Deadline;
  maxResponseBytes: number;
}

/**
 * One attempt: redirects kept to the vendor's origin, and the body read in full (within the cap)
 * under the same deadline as the headers, so a stalled or endless body cannot hang a command.
 */
export function transport(fetchImpl: typeof globalThis.fetch, t: Transport): typeof globalThis.fetch {
  return async (input, init) => {
    const url = input instanceof Request ? input.url : input;
    const deadline = t.deadline(t.timeoutMs);
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
