import { createHttpClient, type HttpClient, type HttpTuning } from './http.js';

/**
 * What every provider takes: its base and key, and how its client calls (a missing answer cap takes the
 * provider's default, see body-limit.ts). Providers never read process.env themselves.
 */
export interface ProviderSettings extends HttpTuning {
  /** Replaces the vendor base exactly as `<ID>_BASE_URL` does. */
  baseUrl: string;
  apiKey: string;
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
