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
 * The text of each answer the transport read, keyed by the answer it hands back. The answer itself
 * goes back with its body spent, so that nothing reads it a second time: wrapping the bytes in a new
 * Response for ofetch to read again cost a stream, a copy of the headers and a second decode per
 * request, a good part of a sweep's CPU.
 */
const texts = new WeakMap<Response, string>();
const utf8 = new TextDecoder();

/** The body `transport` read for this answer; '' for an answer it did not read (none, or a HEAD). */
export function answerText(response: Response): string {
  return texts.get(response) ?? '';
}

/**
 * One attempt: redirects kept to the vendor's origin, and the body read in full (within the cap)
 * under the same deadline as the headers, so a stalled or endless body cannot hang a command. Its
 * caller reads the text with `answerText`, never from the answer's body (already read).
 */
export function transport(fetchImpl: typeof globalThis.fetch, t: Transport): typeof globalThis.fetch {
  const limit = { provider: t.provider, mutates: t.mutates, maxBytes: t.maxResponseBytes };
  return async (input, init) => {
    const url = input instanceof Request ? input.url : input;
    const deadline = t.deadline(t.timeoutMs);
    try {
      const response = await fetchWithinOrigin(fetchImpl, url, { ...init, signal: deadline.signal }, t);
      const body = await readWithinLimit(response, limit);
      texts.set(response, body && body.byteLength > 0 ? utf8.decode(body) : '');
      return response;
    } finally {
      deadline.clear();
    }
  };
}
