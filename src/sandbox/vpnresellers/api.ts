import { minPasswordLength } from '../../providers/vpnresellers/rules.js';
import type { SimHandler, SimRequest, SimResponse, SimServer } from '../server.js';
import type { SimAccount, VpnResellersState } from './state.js';

/** The vendor's Laravel envelopes, exactly as documented. */

export const ok = (data: unknown, status = 200): SimResponse => ({ status, body: { data, code: status } });

const messages: Record<number, string> = {
  400: 'Bad Request.',
  401: 'Unauthorized.',
  402: 'Insufficient Balance.',
  403: 'Forbidden.',
  404: 'Account not found.',
  405: 'Method Not Allowed.',
  460: 'Username has not been found.',
  461: 'Username has not been validated.',
};

export const fail = (status: number, message = messages[status] ?? 'Error.'): SimResponse => ({
  status,
  body: { message, code: status },
});

/** Laravel's validation answer: the first message up top, every message under its field. */
export function invalid(errors: Record<string, string[]>, message?: string): SimResponse {
  const first = Object.values(errors)[0]?.[0];
  return {
    status: 422,
    body: {
      message: message ?? (Object.keys(errors).length === 1 && first ? first : 'The given data was invalid.'),
      errors,
      code: 422,
    },
  };
}

export function bodyField(req: SimRequest, name: string): unknown {
  const body = req.body;
  return body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
}

export function bodyHas(req: SimRequest, name: string): boolean {
  const body = req.body;
  return Boolean(body && typeof body === 'object' && name in (body as Record<string, unknown>));
}

/** Laravel's `required|string|min:6` for a password, with its wording. */
export function passwordErrors(password: unknown): string[] | undefined {
  if (password === undefined || password === null || password === '') return ['The password field is required.'];
  if (typeof password !== 'string') return ['The password must be a string.'];
  if (password.length < minPasswordLength) {
    return [`The password must be at least ${minPasswordLength} characters.`];
  }
  return undefined;
}

export function usernameErrors(username: unknown): string[] | undefined {
  if (username === undefined || username === null || username === '') return ['The username field is required.'];
  if (typeof username !== 'string') return ['The username must be a string.'];
  if (username.length > 255) return ['The username may not be greater than 255 characters.'];
  return undefined;
}

export interface Api {
  /** The API's public base (`…/v4_1`), for the links of paginated answers. */
  baseUrl: string;
  /** A route behind `Authorization: Bearer <token>`, as every documented endpoint but two is. */
  route(method: string, path: string, handler: SimHandler): void;
  /** A route without the token: `/geoip`, and `/un/accounts/show` with the account's own Basic auth. */
  open(method: string, path: string, handler: SimHandler): void;
}

export function createApi(server: SimServer, basePath: string, baseUrl: string, apiKey: string): Api {
  const open = (method: string, path: string, handler: SimHandler) =>
    server.route(method, `${basePath}${path}`, handler);
  return {
    baseUrl,
    open,
    route: (method, path, handler) =>
      open(method, path, (req) => (req.headers.authorization === `Bearer ${apiKey}` ? handler(req) : fail(401))),
  };
}

/** `{account}` is the numeric id; anything else is simply not found, as route-model binding does. */
export function withAccount(state: VpnResellersState) {
  return (fn: (account: SimAccount, req: SimRequest) => SimResponse) =>
    (req: SimRequest): SimResponse => {
      const raw = req.params.account;
      const account = raw && /^\d+$/.test(raw) ? state.accounts.get(Number(raw)) : undefined;
      return account ? fn(account, req) : fail(404);
    };
}
