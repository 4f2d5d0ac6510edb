import { ProviderError } from '../../errors.js';
import { redactSecrets } from '../../redact.js';
import { errorFromStatus, type HttpResponse, type QueryValue } from '../http.js';
import { parseBody } from '../parse.js';
import { type ProviderSettings, vendorHttpClient } from '../settings.js';
import { type Envelope, envelopeSchema } from './schema.js';

export const PROVIDER = 'proxylite';

export interface ProxyLiteSettings extends ProviderSettings {
  /** host:port of the HTTP gateway used in proxy strings. */
  httpGateway?: string;
  /** host:port of the SOCKS5 gateway used in proxy strings. */
  socks5Gateway?: string;
  /** The clock for usage windows (tests pin it to the simulator's). */
  now?: () => Date;
}

/** Documented `code`s: 200 on whitelist/usage/user-product endpoints, 0 on order/product ones. */
const successCodes = new Set([0, 200]);
const codeInvalidKey = 3;
const codeNotAuthenticated = 156;

export interface Client {
  /** A read: retried on 429/5xx; returns the envelope's `data`, parsed by `schema`'s caller. */
  get(path: string, query: Record<string, QueryValue>, what: string): Promise<unknown>;
  /**
   * A change: sent exactly once; resolves only when ProxyLite says it succeeded. `mutates: false` for
   * the POSTs that change nothing (/order/check), which may then be retried and read as reads.
   */
  post(path: string, body: Record<string, unknown>, what: string, options?: { mutates?: boolean }): Promise<unknown>;
}

/** The vendor's words, scrubbed: a key in a URL can come back inside an error message. */
function messageOf(envelope: Envelope | undefined, secrets: readonly string[]): string | undefined {
  const text = envelope?.msg ?? envelope?.message ?? undefined;
  return text ? redactSecrets(text, secrets) : undefined;
}

/** ErrorResponse.errors is `{field: [messages]}` in Laravel style; flatten it into one line. */
function describeErrors(errors: unknown, secrets: readonly string[]): string | undefined {
  if (!errors || typeof errors !== 'object') return undefined;
  const parts = Object.entries(errors as Record<string, unknown>).map(([field, value]) => {
    const said = Array.isArray(value) ? value.map(String).join('; ') : String(value);
    return `${field}: ${said}`;
  });
  return parts.length > 0 ? redactSecrets(parts.join(', '), secrets) : undefined;
}

function vendorError(envelope: Envelope, secrets: readonly string[]): ProviderError {
  const said = messageOf(envelope, secrets);
  const detail = describeErrors(envelope.errors, secrets);
  const vendorMessage = [said, detail && `(${detail})`].filter(Boolean).join(' ') || undefined;
  const opts = { vendorMessage, status: envelope.code };
  if (envelope.code === codeInvalidKey) {
    return new ProviderError(PROVIDER, 'auth', `ProxyLite rejected the app_key${said ? `: ${said}` : ''}`, {
      ...opts,
      hint: 'Check PROXYLITE_APP_KEY: it is shown on the ProxyLite account centre homepage.',
    });
  }
  if (envelope.code === codeNotAuthenticated) {
    return new ProviderError(PROVIDER, 'rejected', 'ProxyLite says your ProxyLite account is not authenticated.', {
      ...opts,
      hint: 'ProxyLite refuses this until the reseller account completes its identity (real-name) verification in the ProxyLite account centre.',
    });
  }
  const text = vendorMessage ?? `code ${envelope.code}`;
  if (/(insufficient|not enough)\b.*\b(balance|funds)/i.test(text)) {
    return new ProviderError(PROVIDER, 'insufficient_funds', `ProxyLite says the account balance is too low: ${text}`, {
      ...opts,
      hint: 'Top up the ProxyLite account balance, then try again.',
    });
  }
  return new ProviderError(PROVIDER, 'rejected', `ProxyLite refused the request: ${text}`, opts);
}

/**
 * Every answer comes back as HTTP 200 with the verdict in `code`, so the envelope is read first and the
 * HTTP status only when there is no envelope to read.
 */
export function interpret(response: HttpResponse, what: string, mutates: boolean, secrets: readonly string[]) {
  const parsed = envelopeSchema.safeParse(response.body);
  const envelope = parsed.success ? parsed.data : undefined;
  const ok = response.status >= 200 && response.status < 300;
  if (envelope && !successCodes.has(envelope.code) && (ok || envelope.code === codeInvalidKey)) {
    throw vendorError(envelope, secrets);
  }
  if (!ok) throw errorFromStatus(PROVIDER, response, messageOf(envelope, secrets), mutates);
  if (!envelope) {
    if (mutates) {
      throw new ProviderError(
        PROVIDER,
        'outcome_unknown',
        `ProxyLite answered ${what} with something we could not read; the change may or may not have been applied.`,
      );
    }
    return parseBody(PROVIDER, envelopeSchema, response.body, what);
  }
  return envelope.data;
}

export function createClient(settings: ProviderSettings): Client {
  const secrets = [settings.apiKey];
  const client = vendorHttpClient(PROVIDER, settings, {
    headers: { Accept: 'application/json' },
    // The doc allows the key in the query on GET and POST, or in a POST body; we send both ways on POSTs
    // because public clients of the white-label siblings only ever send it in the body.
    query: { app_key: settings.apiKey },
    // The account list is unpaginated: up to about 240 B an account, so some 65,000 accounts fit.
    maxResponseBytes: 16_000_000,
  });
  return {
    async get(path, query, what) {
      const response = await client.request({ method: 'GET', path, query });
      return interpret(response, what, false, secrets);
    },
    async post(path, body, what, options = {}) {
      const mutates = options.mutates ?? true;
      const response = await client.request({
        method: 'POST',
        path,
        body: { app_key: settings.apiKey, ...body },
        mutates,
      });
      return interpret(response, what, mutates, secrets);
    },
  };
}
