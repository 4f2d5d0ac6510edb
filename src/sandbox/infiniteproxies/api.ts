import type { SimHandler, SimRequest, SimResponse, SimServer } from '../server.js';
import type { InfiniteProxiesSimCustomer, SimContext } from './state.js';

/**
 * The vendor's envelope: `{status:{code,message},payload}`, errors carrying only `status`; the key in
 * its header and `Accept: application/json` required on every call.
 */
export const ok = (message: string, payload: unknown): SimResponse => ({
  status: 200,
  body: { status: { code: 200, message }, payload },
});
export const fail = (code: number, message: string): SimResponse => ({
  status: code,
  body: { status: { code, message } },
});
export const notFound = () => fail(404, 'Customer not found');
export const formError = (what: string) => fail(400, `Invalid Form Data. ${what}`);

function header(req: SimRequest, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

export interface Api {
  route(method: 'GET' | 'POST', path: string, handler: SimHandler): void;
  /** POST endpoints read the customer from the `username` query parameter, lowercased. */
  withCustomer(handler: (customer: InfiniteProxiesSimCustomer, req: SimRequest) => SimResponse): SimHandler;
}

export function createApi(server: SimServer, basePath: string, ctx: SimContext): Api {
  const guarded =
    (handler: SimHandler): SimHandler =>
    (req) => {
      const key = header(req, ctx.authHeader);
      if (!key) return fail(401, 'Unauthorized');
      if (key !== ctx.apiKey) return fail(403, 'API Key is invalid');
      if (header(req, 'accept')?.trim().toLowerCase() !== 'application/json') {
        return fail(406, "Accept must be equal to 'application/json', no other value allowed");
      }
      return handler(req);
    };
  return {
    route: (method, path, handler) => server.route(method, `${basePath}${path}`, guarded(handler)),
    withCustomer: (handler) => (req) => {
      const username = req.query.get('username')?.toLowerCase();
      if (!username) return formError('username is required');
      const customer = ctx.state.customers.get(username);
      return customer ? handler(customer, req) : notFound();
    },
  };
}
