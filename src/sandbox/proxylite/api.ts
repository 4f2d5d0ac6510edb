import { lettersAndDigits } from '../../providers/proxylite/rules.js';
import type { SimRequest, SimResponse, SimServer } from '../server.js';
import type { ProxyLiteState, SimAccount } from './state.js';

/**
 * Every answer is HTTP 200 with the verdict in `code` (200 here, as on all whitelist/usage/user-product
 * endpoints) and the text in `msg`; `app_key` is accepted in the query or the POST body; a wrong key is
 * `code` 3. The doc gives no codes for a duplicate or unknown account: those answer `code` 400 with a
 * `msg`, and malformed parameters answer the documented ErrorResponse.
 */
export const ok = (data: unknown = null): SimResponse => ({ body: { code: 200, msg: 'success', data } });
export const fail = (code: number, msg: string): SimResponse => ({ body: { code, msg, data: null } });
export const parameterError = (errors: Record<string, string[]>): SimResponse => ({
  body: { code: 400, message: 'Parameter error', errors },
});

export function field(req: SimRequest, name: string): unknown {
  const body = req.body && typeof req.body === 'object' ? (req.body as Record<string, unknown>) : {};
  return body[name] ?? req.query.get(name) ?? undefined;
}

/** `mentions156`: the endpoints whose doc lists code 156 refuse while the account is unverified. */
export type Api = (
  method: 'GET' | 'POST',
  path: string,
  mentions156: boolean,
  handler: (req: SimRequest) => SimResponse,
) => void;

export function createApi(server: SimServer, state: ProxyLiteState, apiKey: string): Api {
  return (method, path, mentions156, handler) => {
    server.route(method, path, (req) => {
      if (field(req, 'app_key') !== apiKey) return fail(3, 'app_key invalid');
      if (mentions156 && !state.realNameVerified) return fail(156, 'Account not authenticated');
      return handler(req);
    });
  };
}

export const findAccount = (state: ProxyLiteState, username: unknown): SimAccount | undefined =>
  state.accounts.find((a) => a.username === username);

/** The endpoints that change one account: `account` plus one checked field. */
export function singleAccountRoute(
  api: Api,
  state: ProxyLiteState,
  path: string,
  name: string,
  check: (value: unknown) => string | undefined,
  apply: (account: SimAccount, value: unknown) => void,
): void {
  api('POST', path, true, (req) => {
    const account = field(req, 'account');
    const value = field(req, name);
    if (typeof account !== 'string' || !lettersAndDigits.test(account)) {
      return parameterError({ account: ['Proxy account, only letters and numbers are supported.'] });
    }
    const problem = check(value);
    if (problem) return parameterError({ [name]: [problem] });
    const found = findAccount(state, account);
    if (!found) return fail(400, `Proxy account does not exist: ${account}`);
    apply(found, value);
    return ok();
  });
}
