import type { Logger } from '../logger.js';
import { createHttpClient, type HttpClient } from './http.js';
import type { RetryPolicy } from './retry.js';
import type { ProviderTimers } from './timers.js';

/** What every provider takes. Providers never read process.env themselves. */
export interface ProviderSettings {
  /** Replaces the vendor base exactly as `<ID>_BASE_URL` does. */
  baseUrl: string;
  apiKey: string;
  /** Per request attempt; a provider that hangs produces an error, never a stuck command. */
  timeoutMs?: number;
  /** The most of one answer read (bytes); past it the call fails. Defaults per provider, see body-limit.ts. */
  maxResponseBytes?: number;
  retry?: Partial<RetryPolicy>;
  /** The waits between read attempts and each attempt's deadline; real timers by default (tests pass their own). */
  timers?: ProviderTimers;
  fetch?: typeof globalThis.fetch;
  logger?: Logger;
}

/**
 * The HTTP client a provider's settings describe: its base, timeouts, retries and logger, with the key
 * registered as a secret so it is scrubbed from everything logged or thrown.
 */
export function vendorHttpClient(
  provider: string,
  settings: ProviderSettings,
  vendor: {
    headers?: Record<string, string>;
    query?: Record<string, string>;
    /** The vendor's default answer cap, where its lists are unpaginated; `settings.maxResponseBytes` wins. */
    maxResponseBytes?: number;
  } = {},
): HttpClient {
  return createHttpClient({
    provider,
    baseUrl: settings.baseUrl,
    ...vendor,
    secrets: [settings.apiKey],
    timeoutMs: settings.timeoutMs,
    maxResponseBytes: settings.maxResponseBytes ?? vendor.maxResponseBytes,
    retry: settings.retry,
    timers: settings.timers,
    fetch: settings.fetch,
    logger: settings.logger,
  });
}
