import type * as z from 'zod';
import { ProviderError } from '../../errors.js';
import { redactSecrets } from '../../redact.js';
import { badResponse, errorFromStatus, type HttpResponse } from '../http.js';
import { type ProviderSettings, vendorHttpClient } from '../settings.js';
import { defaultAuthHeader } from './rules.js';
import { envelopeSchema } from './schema.js';

export const providerId = 'infiniteproxies';

export interface InfiniteProxiesSettings extends ProviderSettings {
  /** Header carrying the key; default `X-INFINITE-KEY`. */
  authHeader?: string;
  /** `host:port` of the HTTP gateway for proxy strings; default `resi.infiniteproxies.com:1111`. */
  gateway?: string;
  /** `host:port` of a SOCKS5 gateway; none by default. */
  socks5Gateway?: string;
  /** Proxy user name template with `{username}`; default `{username}`. */
  proxyUsername?: string;
}

export interface VendorCall {
  method: 'GET' | 'POST';
  /** Built with urlPath. */
  path: string;
  /** Every POST parameter is a query parameter in this API, never a body field. */
  query?: Record<string, string | number>;
  /** Names the answer in errors ("customer", "transactions"…). */
  what: string;
  /** The call draws on the reseller's own balance (create, add_balance). */
  spends?: boolean;
}

export interface Client {
  /** `onStatus` sees the success envelope's status (its message can carry facts, e.g. a charge). */
  call<S extends z.ZodType>(
    call: VendorCall,
    payloadSchema: S,
    onStatus?: (status: { code: number; message?: string }) => void,
  ): Promise<z.output<S>>;
}

const insufficientFunds = /insufficient|not enough|too low|low balance/i;
const duplicate = /already (exists|taken|in use|registered)|is taken|duplicate/i;

function vendorWords(body: unknown, secrets: readonly string[]): string | undefined {
  const parsed = envelopeSchema.safeParse(body);
  const raw = parsed.success
    ? parsed.data.status.message
    : typeof (body as { message?: unknown })?.message === 'string'
      ? (body as { message: string }).message
      : undefined;
  return raw ? redactSecrets(raw, secrets).slice(0, 300) : undefined;
}

/** Reads a vendor error: `status` is the HTTP status, or the envelope's code on an HTTP-200 error. */
function vendorError(call: VendorCall, response: HttpResponse, status: number, message: string | undefined) {
  const mutates = call.method === 'POST';
  const said = message ? `: ${message}` : '';
  const opts = { status, vendorMessage: message };
  if (message && call.spends && (status === 400 || status === 402) && insufficientFunds.test(message)) {
    return new ProviderError(providerId, 'insufficient_funds', `Your InfiniteProxies balance is too low${said}`, {
      ...opts,
      hint: 'Top up your reseller balance with InfiniteProxies, then try again.',
    });
  }
  if (message && (status === 400 || status === 409) && duplicate.test(message)) {
    return new ProviderError(providerId, 'conflict', `InfiniteProxies refused: the name is taken${said}`, opts);
  }
  if (status === 404) {
    return new ProviderError(providerId, 'not_found', `InfiniteProxies has no such customer${said}`, opts);
  }
  if (status === 400) {
    return new ProviderError(providerId, 'rejected', `InfiniteProxies refused the request${said}`, opts);
  }
  return errorFromStatus(providerId, { ...response, status }, message, mutates);
}

function unreadable(call: VendorCall, detail: string, vendorSaidOk: boolean, cause?: unknown): ProviderError {
  if (call.method === 'GET') return badResponse(providerId, `${call.what}: ${detail}`, cause);
  // A change answered with a 2xx we cannot read may well have been applied: never invite a blind retry.
  const what = vendorSaidOk ? 'said the change succeeded but its answer' : 'answered with a body that';
  return new ProviderError(
    providerId,
    'outcome_unknown',
    `InfiniteProxies ${what} could not be read (${call.what}); check the customer before trying again.`,
    { cause },
  );
}

export function createClient(settings: InfiniteProxiesSettings): Client {
  const secrets = [settings.apiKey];
  const http = vendorHttpClient(providerId, settings, {
    // "Accept: Equal to 'application/json', no other value allowed."
    headers: { Accept: 'application/json', [settings.authHeader ?? defaultAuthHeader]: settings.apiKey },
    // GET /customers is unpaginated: about 90 B a customer, so some 350,000 customers fit.
    maxResponseBytes: 32_000_000,
  });
  return {
    async call(call, payloadSchema, onStatus) {
      const response = await http.request({
        method: call.method,
        path: call.path,
        query: call.query,
        mutates: call.method === 'POST',
      });
      const ok = response.status >= 200 && response.status < 300;
      if (!ok) throw vendorError(call, response, response.status, vendorWords(response.body, secrets));
      const envelope = envelopeSchema.safeParse(response.body);
      if (!envelope.success) {
        const detail = response.body === undefined ? 'not JSON' : 'no status in the envelope';
        throw unreadable(call, detail, false, envelope.error);
      }
      const code = envelope.data.status.code;
      if (code < 200 || code >= 300) {
        // The envelope's code mirrors HTTP, but a 200 carrying an error code is still an error.
        throw vendorError(call, response, code, vendorWords(response.body, secrets));
      }
      const payload = payloadSchema.safeParse(envelope.data.payload);
      if (!payload.success) {
        const issue = payload.error.issues[0];
        const at = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
        throw unreadable(call, `payload${at}: ${issue?.message ?? 'unexpected shape'}`, true, payload.error);
      }
      onStatus?.(envelope.data.status);
      return payload.data;
    },
  };
}
