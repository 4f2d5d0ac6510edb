import type * as z from 'zod';
import { ProviderError } from '../../errors.js';
import { errorFromStatus, type HttpRequest, type HttpResponse } from '../http.js';
import { parseBody } from '../parse.js';
import { type ProviderSettings, vendorHttpClient } from '../settings.js';
import { errorBody } from './schema.js';

export const PROVIDER = 'vpnresellers';

export interface VpnResellersSettings extends ProviderSettings {
  /** The docs show the balance as a bare string ("253.70") and never name its currency. */
  currency?: string;
  /** `per_page` when walking the account list to find a username's id. */
  pageSize?: number;
  /** The clock for "today" in expiry arithmetic (tests). */
  now?: () => number;
}

/**
 * The vendor's own words from an error body. For validation errors (422) Laravel's `message` is the
 * generic "The given data was invalid.", so the field messages are what the user needs to see.
 */
export function vendorMessageOf(body: unknown): string | undefined {
  const parsed = errorBody.safeParse(body);
  if (!parsed.success) return undefined;
  const fieldMessages = Object.values(parsed.data.errors ?? {}).flatMap((m) => (Array.isArray(m) ? m : [m]));
  if (fieldMessages.length > 0) return fieldMessages.join(' ');
  return parsed.data.message?.trim() || undefined;
}

/** What a 422 says about one field. */
export function fieldMessages(body: unknown, field: string): string[] {
  const parsed = errorBody.safeParse(body);
  const messages = parsed.success ? parsed.data.errors?.[field] : undefined;
  return messages === undefined ? [] : Array.isArray(messages) ? messages : [messages];
}

/** Throws the mapped error unless the answer is a 2xx. */
export function expectSuccess(response: HttpResponse, mutates: boolean, subject?: string): void {
  if (response.status < 200 || response.status >= 300) throw vendorError(response, mutates, subject);
}

/**
 * Maps a non-2xx answer. Beyond HTTP's usual meanings the vendor documents 402 "Insufficient Balance.",
 * 460 "Username has not been found." and 461 "Username has not been validated.".
 */
export function vendorError(response: HttpResponse, mutates: boolean, subject?: string): ProviderError {
  const said = vendorMessageOf(response.body);
  const opts = { status: response.status, vendorMessage: said };
  const suffix = said ? `: ${said}` : '';
  switch (response.status) {
    case 402:
      return new ProviderError(PROVIDER, 'insufficient_funds', `The VPNresellers balance is too low${suffix}`, {
        ...opts,
        hint: 'Top up the reseller balance at app.vpnresellers.com, then try again.',
      });
    case 404:
    case 460:
      return new ProviderError(
        PROVIDER,
        'not_found',
        subject ? `VPNresellers has no account ${subject}.` : `VPNresellers says not found${suffix}`,
        opts,
      );
    case 461:
      return new ProviderError(PROVIDER, 'rejected', `VPNresellers did not validate the account${suffix}`, opts);
    case 422:
      return new ProviderError(PROVIDER, 'rejected', `VPNresellers refused the request${suffix}`, opts);
    default:
      return errorFromStatus(PROVIDER, response, said, mutates);
  }
}

export interface VendorCall<S extends z.ZodType> {
  request: HttpRequest;
  schema: S;
  what: string;
  /** Named in a not_found message ("named alice"). */
  subject?: string;
}

/** Headers the docs put on every call; the Bearer token is added by the client. */
export const jsonHeaders = { Accept: 'application/json' } as const;

export interface Client {
  /** The answer as it came, for the few calls read by their status (create, password change, name check). */
  request(request: HttpRequest): Promise<HttpResponse>;
  /** Sends one request; success is any 2xx (create answers 201), read through `schema`. */
  call<S extends z.ZodType>(c: VendorCall<S>): Promise<z.output<S>>;
}

export function createClient(settings: VpnResellersSettings): Client {
  const http = vendorHttpClient(PROVIDER, settings, {
    headers: { Authorization: `Bearer ${settings.apiKey}`, ...jsonHeaders },
  });
  return {
    request: (request) => http.request(request),
    async call(c) {
      const response = await http.request(c.request);
      const mutates = c.request.mutates ?? c.request.method !== 'GET';
      expectSuccess(response, mutates, c.subject);
      const what = response.body === undefined ? `${c.what} (not JSON)` : c.what;
      if (!mutates) return parseBody(PROVIDER, c.schema, response.body, what);
      const parsed = c.schema.safeParse(response.body);
      if (parsed.success) return parsed.data;
      // The change was accepted (2xx) but its answer cannot be read: it may have been applied.
      throw new ProviderError(
        PROVIDER,
        'outcome_unknown',
        `VPNresellers answered ${what} with something we could not read; the change may or may not have been applied.`,
      );
    },
  };
}
