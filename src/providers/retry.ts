import { ProviderError } from '../errors.js';

export interface RetryPolicy {
  /** Extra attempts for reads (mutations never get any). */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this ends the call as rate_limited instead of waiting. */
  maxRetryAfterMs: number;
}

export const defaultRetry: RetryPolicy = { attempts: 2, baseDelayMs: 300, maxDelayMs: 4000, maxRetryAfterMs: 20_000 };
const retryStatusCodes = new Set([429, 500, 502, 503, 504]);

export function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/**
 * How long to wait before trying a read again once its attempt number `attempt` (0 for the first)
 * failed with `error`, or undefined when it is not tried again: no attempts left, an answer a retry
 * would not change, or one of our own verdicts (a stray redirect, an oversized answer). A Retry-After
 * is waited as the vendor says, unless it is longer than the policy allows.
 */
export function retryWaitMs(
  provider: string,
  policy: RetryPolicy,
  attempt: number,
  error: unknown,
): number | undefined {
  if (attempt >= policy.attempts || error instanceof ProviderError) return undefined;
  // ofetch's FetchError carries the answer; ofetch itself loads with the first request, so it is not imported here.
  const response = (error as { response?: Response } | undefined)?.response;
  // No answer at all (a timeout, a dropped or refused connection) is worth another try.
  if (response && !retryStatusCodes.has(response.status)) return undefined;
  const retryAfter = parseRetryAfter(response?.headers.get('retry-after') ?? null);
  if (retryAfter === undefined) return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  if (retryAfter > policy.maxRetryAfterMs) {
    const seconds = Math.ceil(retryAfter / 1000);
    throw new ProviderError(provider, 'rate_limited', `${provider} asks us to wait ${seconds} s.`, {
      status: 429,
      retryAfterMs: retryAfter,
    });
  }
  return retryAfter;
}
