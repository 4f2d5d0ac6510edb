import type { $Fetch } from 'ofetch';
import { ProviderError, UserInputError } from '../errors.js';
import { type Logger, silentLogger } from '../logger.js';
import { redactSecrets } from '../redact.js';
import { defaultMaxResponseBytes } from './body-limit.js';
import { isTimeout, neverSent, scrubbedCause } from './request-failure.js';
import { defaultRetry, parseRetryAfter, type RetryPolicy, retryWaitMs } from './retry.js';
import { type ProviderTimers, realTimers } from './timers.js';
import { answerText, transport } from './transport.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type QueryValue = string | number | boolean | undefined | null;

export interface HttpRequest {
  method: HttpMethod;
  /** Build with `urlPath` so that user input cannot leave its path segment. */
  path: string;
  query?: Record<string, QueryValue | readonly string[]>;
  body?: unknown;
  headers?: Record<string, string>;
  /** Defaults to every method but GET. A mutating call is sent exactly once. */
  mutates?: boolean;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  body: unknown;
}

/** How a client makes its calls; a provider's settings may set each of these. */
export interface HttpTuning {
  /** Per attempt, covering the whole body: a vendor that hangs produces an error, never a stuck command. */
  timeoutMs?: number;
  /** The most of one answer we read; past it the call fails (see body-limit.ts). */
  maxResponseBytes?: number;
  retry?: Partial<RetryPolicy>;
  /** The waits between attempts and each attempt's deadline; real timers by default (tests pass their own). */
  timers?: ProviderTimers;
  fetch?: typeof globalThis.fetch;
  logger?: Logger;
}

export interface HttpClientOptions extends HttpTuning {
  provider: string;
  baseUrl: string;
  headers?: Record<string, string>;
  /** Sent with every request (ProxyLite's app_key). */
  query?: Record<string, string>;
  /** Values to scrub from anything logged or thrown. */
  secrets?: readonly string[];
}

export interface HttpClient {
  readonly provider: string;
  request(request: HttpRequest): Promise<HttpResponse>;
}

/**
 * Encodes each interpolated value as one path segment, refusing values that could walk to another
 * endpoint (`.`/`..`, empty). Use for every path that carries user input.
 */
export function urlPath(strings: TemplateStringsArray, ...values: Array<string | number>): string {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    const text = String(value);
    if (text === '' || text === '.' || text === '..' || /[\u0000-\u001f]/.test(text)) {
      throw new UserInputError(`${JSON.stringify(text)} cannot be used here: it is empty or a path step.`);
    }
    out += encodeURIComponent(text) + (strings[i + 1] ?? '');
  });
  return out;
}

function toResponse(response: Response): HttpResponse {
  const text = answerText(response);
  return { status: response.status, headers: response.headers, text, body: parseJson(text) };
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * ofetch, and Node's own fetch under it, load with the first request: a command that sends none (a
 * terminal `/help`) starts without them.
 */
let fetchLibrary: Promise<typeof import('ofetch')> | undefined;
const loadFetchLibrary = () => {
  fetchLibrary ??= import('ofetch');
  return fetchLibrary;
};

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const provider = options.provider;
  const retry = { ...defaultRetry, ...options.retry };
  const secrets = options.secrets ?? [];
  const logger = options.logger ?? silentLogger;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const timers = options.timers ?? realTimers;
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const fetchFor = (ofetch: $Fetch, mutates: boolean) =>
    ofetch.create(
      {
        baseURL: baseUrl,
        headers: options.headers,
        // Our own verdicts (a stray redirect, an oversized answer) reach the caller as they are, and are never retried.
        onRequestError: ({ error }) => {
          if (error instanceof ProviderError) throw error;
        },
      },
      {
        fetch: transport(options.fetch ?? globalThis.fetch, {
          provider,
          mutates,
          secrets,
          timeoutMs,
          deadline: timers.deadline,
          maxResponseBytes: options.maxResponseBytes ?? defaultMaxResponseBytes,
        }),
      },
    );
  let fetchers: Promise<{ read: $Fetch; change: $Fetch }> | undefined;
  const $fetch = () => {
    fetchers ??= loadFetchLibrary().then(({ ofetch }) => ({
      read: fetchFor(ofetch, false),
      change: fetchFor(ofetch, true),
    }));
    return fetchers;
  };

  async function request(req: HttpRequest): Promise<HttpResponse> {
    const mutates = req.mutates ?? req.method !== 'GET';
    const query = { ...options.query, ...req.query };
    // Redacting costs more than the rest of a request's bookkeeping: only a line that is written pays for it.
    let redacted: string | undefined;
    const where = () => {
      redacted ??= redactSecrets(`${req.method} ${baseUrl}${req.path}`, secrets);
      return redacted;
    };
    logger.debug(
      {
        provider,
        get request() {
          return where();
        },
      },
      'upstream request',
    );
    try {
      const fetcher = (await $fetch())[mutates ? 'change' : 'read'];
      for (let attempt = 0; ; attempt++) {
        try {
          const response = await fetcher.raw(req.path, {
            method: req.method,
            query,
            body: req.body as Record<string, unknown> | undefined,
            headers: req.headers,
            // The transport has read the body already (see answerText): ofetch hands it on unread.
            responseType: 'stream',
            // Retries are ours, below: a change is never sent twice, and the wait between reads is injectable.
            retry: false,
          });
          return toResponse(response);
        } catch (error) {
          const waitMs = mutates ? undefined : retryWaitMs(provider, retry, attempt, error);
          if (waitMs === undefined) throw error;
          logger.debug({ provider, request: where(), waitMs }, 'upstream read tried again');
          await timers.sleep(waitMs);
        }
      }
    } catch (error) {
      if (error instanceof ProviderError) {
        logger.warn({ provider, request: where(), mutates, kind: error.kind }, error.message);
        throw error;
      }
      if (error instanceof (await loadFetchLibrary()).FetchError && error.response) return toResponse(error.response);
      const cause = scrubbedCause(error, secrets);
      if (isTimeout(error)) {
        logger.warn({ provider, request: where(), mutates }, 'upstream timed out');
        throw mutates
          ? new ProviderError(
              provider,
              'outcome_unknown',
              `${provider} did not answer in time; the change may or may not have been applied.`,
              {
                cause,
              },
            )
          : new ProviderError(
              provider,
              'unavailable',
              `${provider} did not answer within ${Math.round(timeoutMs / 1000)} s.`,
              {
                cause,
              },
            );
      }
      if (mutates && !neverSent(error)) {
        logger.warn({ provider, request: where() }, 'connection dropped during a change');
        throw new ProviderError(
          provider,
          'outcome_unknown',
          `The connection to ${provider} dropped; the change may or may not have been applied.`,
          {
            cause,
          },
        );
      }
      throw new ProviderError(provider, 'unavailable', `Could not reach ${provider}.`, { cause });
    }
  }

  return { provider, request };
}

/**
 * The default reading of an HTTP status for vendors that use HTTP statuses honestly. Providers call
 * it for anything their own envelope rules do not settle.
 */
export function errorFromStatus(
  provider: string,
  response: HttpResponse,
  vendorMessage: string | undefined,
  mutates: boolean,
): ProviderError {
  const status = response.status;
  const said = vendorMessage ? `: ${vendorMessage}` : '';
  const opts = { status, vendorMessage };
  if (status === 401 || status === 403) {
    return new ProviderError(provider, 'auth', `${provider} rejected the API key${said}`, {
      ...opts,
      hint: `Check ${provider.toUpperCase()} credentials in your configuration.`,
    });
  }
  if (status === 404) return new ProviderError(provider, 'not_found', `${provider} says not found${said}`, opts);
  if (status === 402)
    return new ProviderError(provider, 'insufficient_funds', `${provider} says the balance is too low${said}`, opts);
  if (status === 429) {
    return new ProviderError(provider, 'rate_limited', `${provider} is rate limiting us${said}`, {
      ...opts,
      retryAfterMs: parseRetryAfter(response.headers.get('retry-after')),
    });
  }
  if (mutates && (status === 502 || status === 504)) {
    return new ProviderError(
      provider,
      'outcome_unknown',
      `${provider}'s gateway failed (${status}); the change may or may not have been applied.`,
      opts,
    );
  }
  if (status >= 500)
    return new ProviderError(provider, 'unavailable', `${provider} is having trouble (HTTP ${status})${said}`, opts);
  return new ProviderError(provider, 'rejected', `${provider} rejected the request${said}`, opts);
}

/** The response did not have the shape the vendor documents: contract drift, never a crash. */
export function badResponse(provider: string, what: string, cause?: unknown): ProviderError {
  return new ProviderError(provider, 'bad_response', `${provider} sent a response we could not read (${what}).`, {
    cause,
  });
}
