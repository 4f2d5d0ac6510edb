import type * as z from 'zod';
import { ProviderError } from '../../errors.js';
import { errorFromStatus, type HttpRequest, type HttpResponse } from '../http.js';
import { parseBody } from '../parse.js';
import { type ProviderSettings, vendorHttpClient } from '../settings.js';
import type { Pool } from './rules.js';

export const PROVIDER = 'proxyshard';

export interface ProxyShardSettings extends ProviderSettings {
  /** Residential relay for proxy strings (not in the official docs; seen in a public client). */
  gatewayHost?: string;
  httpPort?: number;
  socksPort?: number;
  /** Proxy login template: `{user_id}`, `{name}`, `{plan}` (limited|premium) are filled in. */
  proxyUsernameTemplate?: string;
  /** Pool for create without `plan:`, searched first on lookups (the other pool is searched too). */
  defaultPool?: Pool;
  /** What the sub-user `data`/`data_spent`/`data_remain` integers count; the spec does not say. */
  subUserDataUnit?: 'bytes' | 'GB';
}

export interface Client {
  /** One call: HTTP 200 with no `success:false` is success; everything else becomes a ProviderError. */
  call<S extends z.ZodType>(request: HttpRequest, schema: S, what: string): Promise<z.output<S>>;
}

/** The vendor's own words from an `ApiError {success:false, message}` body, when it sent one. */
function vendorMessageOf(body: unknown): string | undefined {
  if (body && typeof body === 'object' && 'message' in body) {
    const message = (body as { message: unknown }).message;
    if (typeof message === 'string' && message.trim() !== '') return message.slice(0, 300);
  }
  return undefined;
}

/**
 * The spec documents only 400/401/403 for errors, so the kind comes from the message where the status
 * alone cannot tell it: a missing sub-user or order, a reseller pool without enough traffic or money.
 * 403 is not an auth failure here ("Method is unavailable for this order", "Cycle unavailable").
 */
export function errorFromResponse(response: HttpResponse, mutates: boolean): ProviderError {
  const message = vendorMessageOf(response.body);
  const status = response.status;
  const said = message ? `: ${message}` : '';
  const opts = { status, vendorMessage: message };
  if (status === 401) {
    return new ProviderError(PROVIDER, 'auth', `ProxyShard rejected the API key${said}`, {
      ...opts,
      hint: 'Check PROXYSHARD_API_KEY (ProxyShard dashboard → API).',
    });
  }
  if (status === 200 || status === 400 || status === 403 || status === 404) {
    if (message && /not\s*found|does not exist|no such/i.test(message)) {
      return new ProviderError(PROVIDER, 'not_found', `ProxyShard says not found${said}`, opts);
    }
    if (message && /(insufficient|not enough) (balance|funds|traffic|money)/i.test(message)) {
      return new ProviderError(PROVIDER, 'insufficient_funds', `ProxyShard says the balance is too low${said}`, opts);
    }
    if (status !== 404) {
      return new ProviderError(PROVIDER, 'rejected', `ProxyShard rejected the request${said}`, opts);
    }
  }
  return errorFromStatus(PROVIDER, response, message, mutates);
}

/** Body-less POSTs carry `{}` because the vendor (actix) refuses requests without Content-Length. */
export function createClient(settings: ProxyShardSettings): Client {
  const http = vendorHttpClient(PROVIDER, settings, {
    headers: { Authorization: `Bearer ${settings.apiKey}`, Accept: 'application/json' },
  });
  return {
    async call(request, schema, what) {
      const mutates = request.mutates ?? request.method !== 'GET';
      const withBody = request.method === 'POST' && request.body === undefined ? { ...request, body: {} } : request;
      const response = await http.request(withBody);
      const body = response.body as { success?: unknown } | undefined;
      if (response.status === 200 && !(body && typeof body === 'object' && body.success === false)) {
        if (!mutates) return parseBody(PROVIDER, schema, response.body, what);
        const parsed = schema.safeParse(response.body);
        if (parsed.success) return parsed.data;
        // The change was accepted (HTTP 200) but its answer cannot be read: it may have been applied.
        throw new ProviderError(
          PROVIDER,
          'outcome_unknown',
          `ProxyShard answered ${what} with something we could not read; the change may or may not have been applied.`,
        );
      }
      throw errorFromResponse(response, mutates);
    },
  };
}
