import type * as z from 'zod';
import { ProviderError, type ProviderErrorKind } from '../../errors.js';
import { redactSecrets } from '../../redact.js';
import { badResponse, errorFromStatus, type HttpMethod, type QueryValue, urlPath } from '../http.js';
import { parseBody } from '../parse.js';
import { type ProviderSettings, vendorHttpClient } from '../settings.js';
import { quoteLongIds, type VendorError, vendorErrorSchema } from './schema.js';

export const providerId = 'youproxy';
const name = 'Youproxy';

/**
 * Error codes as docs/providers.md#youproxy lists them. Only 2, 4, 8, 13, 14 and 16 have vendor wording; the rest come
 * from a public client's translation table, so the vendor's own message is always passed on.
 * Codes not listed (35 "unknown error", anything new) are rejections as well.
 */
const kindByCode: Record<number, ProviderErrorKind> = {
  2: 'auth',
  3: 'unavailable',
  16: 'insufficient_funds',
  ...Object.fromEntries([4, 6, 7, 8, 10, 11, 13, 14, 19, 23, 24, 25, 28].map((code) => [code, 'rejected'])),
};

export function kindOfCode(code: number): ProviderErrorKind {
  return kindByCode[code] ?? 'rejected';
}

export function errorFromVendor(error: VendorError, secrets: readonly string[]): ProviderError {
  const vendorMessage = redactSecrets(error.message, secrets);
  const kind = kindOfCode(error.code);
  const said = `${vendorMessage} (code ${error.code})`;
  switch (kind) {
    case 'auth':
      return new ProviderError(providerId, kind, `${name} rejected the API key: ${said}`, {
        vendorMessage,
        hint: 'Check YOUPROXY_API_KEY in your configuration.',
      });
    case 'insufficient_funds':
      return new ProviderError(providerId, kind, `${name} says the reseller balance is too low: ${said}`, {
        vendorMessage,
        hint: 'Top up the Youproxy account balance, then try again.',
      });
    case 'unavailable':
      return new ProviderError(providerId, kind, `${name} is unavailable: ${said}`, { vendorMessage });
    default:
      return new ProviderError(providerId, kind, `${name} refused: ${said}`, { vendorMessage });
  }
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(quoteLongIds(text));
  } catch {
    return undefined;
  }
}

function vendorMessageOf(body: unknown): string | undefined {
  const error = (body as { error?: { message?: unknown } } | undefined)?.error;
  return typeof error?.message === 'string' ? error.message : undefined;
}

export interface YouproxyCall<S extends z.ZodType> {
  method: HttpMethod;
  /** The path after `/{apiKey}`, already built with urlPath where it holds input. */
  path: string;
  query?: Record<string, QueryValue>;
  body?: unknown;
  schema: S;
  /** Names the response in bad_response messages. */
  what: string;
  /** Default: every method but GET. The price calculations are POSTs that change nothing. */
  mutates?: boolean;
}

/** Youproxy needs nothing beyond the shared settings: the key travels in the path. */
export type YouproxySettings = ProviderSettings;

export interface Client {
  call<S extends z.ZodType>(call: YouproxyCall<S>): Promise<z.output<S>>;
}

/**
 * Every Youproxy call: the key as the first path segment (URL-encoded), then the HTTP-200 envelope:
 * `success` must be a boolean; `false` carries `error {code, message}`.
 */
export function createClient(settings: YouproxySettings): Client {
  const apiKey = settings.apiKey;
  const secrets = [apiKey];
  const http = vendorHttpClient(providerId, settings, {
    headers: { Accept: 'application/json' },
    // GET /ipAddress lists every IP unpaginated (IPv6 orders run to thousands): about 350 B an IP, some 90,000 fit.
    maxResponseBytes: 32_000_000,
  });
  return {
    async call({ method, path, query, body, schema, what, mutates = method !== 'GET' }) {
      const response = await http.request({ method, path: urlPath`/${apiKey}` + path, query, body, mutates });
      const parsed = parseJson(response.text);
      if (response.status !== 200) {
        const said = vendorMessageOf(parsed);
        throw errorFromStatus(providerId, response, said && redactSecrets(said, secrets), mutates);
      }
      if (
        typeof parsed !== 'object' ||
        parsed === null ||
        typeof (parsed as { success?: unknown }).success !== 'boolean'
      ) {
        throw mutates
          ? new ProviderError(
              providerId,
              'outcome_unknown',
              `${name} answered ${what} with something we could not read; the change may or may not have been applied.`,
            )
          : badResponse(providerId, `${what}: no success flag`);
      }
      const envelope = parsed as { success: boolean; error?: unknown };
      if (!envelope.success) {
        const error = vendorErrorSchema.safeParse(envelope.error);
        if (!error.success) throw badResponse(providerId, `${what}: success false without an error code`);
        throw errorFromVendor(error.data, secrets);
      }
      return parseBody(providerId, schema, parsed, what);
    },
  };
}
