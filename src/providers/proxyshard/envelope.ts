import type { z } from 'zod';
import { ProviderError } from '../../errors.js';
import { errorFromStatus, type HttpClient, type HttpRequest, type HttpResponse } from '../http.js';
import { parseBody } from '../parse.js';

export const PROVIDER = 'proxyshard';

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

/**
 * One call: HTTP 200 with no `success:false` is success; everything else becomes a ProviderError.
 * Body-less POSTs carry `{}` because the vendor (actix) refuses requests without Content-Length.
 */
export async function call<S extends z.ZodType>(
  client: HttpClient,
  request: HttpRequest,
  schema: S,
  what: string,
): Promise<z.output<S>> {
  const mutates = request.mutates ?? request.method !== 'GET';
  const withBody = request.method === 'POST' && request.body === undefined ? { ...request, body: {} } : request;
  const response = await client.request(withBody);
  const body = response.body as { success?: unknown } | undefined;
  if (response.status === 200 && !(body && typeof body === 'object' && body.success === false)) {
    return parseBody(PROVIDER, schema, response.body, what);
  }
  throw errorFromResponse(response, mutates);
}
