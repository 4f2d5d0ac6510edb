import {
  type InfiniteProxiesSimCustomer,
  type InfiniteProxiesSimReseller,
  isoDay,
  proxyPasswordFrom,
  seedState,
} from './infiniteproxies-seed.js';
import { seededRandom } from './random.js';
import { createSimServer, type SimHandler, type SimRequest, type SimResponse } from './server.js';
import type { Simulator, SimulatorOptions } from './types.js';

/**
 * InfiniteProxies reseller API v2 as its docs describe it: `{status:{code,message},payload}`
 * envelopes (errors carry only `status`), POST parameters in the query, `@` before usernames in
 * paths, usernames lowercased, MB everywhere, 100 MB charged to the reseller per new customer.
 */

export type { InfiniteProxiesSimCustomer, InfiniteProxiesSimReseller } from './infiniteproxies-seed.js';

export interface InfiniteProxiesSimState {
  reseller: InfiniteProxiesSimReseller;
  /** By lowercase username. */
  customers: Map<string, InfiniteProxiesSimCustomer>;
  /** The docs' schema (`consumption`) or their example (dates straight under `payload`). */
  transactionsShape: 'flat' | 'consumption';
  createCostMb: number;
}

export interface InfiniteProxiesSimulatorOptions extends SimulatorOptions {
  /** The header the simulated vendor reads the key from (default `X-INFINITE-KEY`). */
  authHeader?: string;
}

export interface InfiniteProxiesSimulator extends Simulator {
  readonly state: InfiniteProxiesSimState;
  readonly authHeader: string;
}

const basePath = '/v2';
const historyDays = 14;

const ok = (message: string, payload: unknown): SimResponse => ({
  status: 200,
  body: { status: { code: 200, message }, payload },
});
const fail = (code: number, message: string): SimResponse => ({ status: code, body: { status: { code, message } } });
const notFound = () => fail(404, 'Customer not found');
const formError = (what: string) => fail(400, `Invalid Form Data. ${what}`);

function header(req: SimRequest, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** "Minimum 10 and only steps of ten", whole MB. */
function parseBalance(req: SimRequest): number | SimResponse {
  const raw = req.query.get('balance');
  if (raw === null || raw === '') return formError('balance is required');
  if (!/^\d+$/.test(raw)) return formError('balance must be an integer');
  const mb = Number(raw);
  if (mb < 10 || mb % 10 !== 0) return formError('balance must be at least 10 and in steps of 10');
  return mb;
}

export async function startInfiniteProxiesSimulator(
  options: InfiniteProxiesSimulatorOptions = {},
): Promise<InfiniteProxiesSimulator> {
  const apiKey = options.apiKey ?? 'sandbox-infiniteproxies-key';
  const authHeader = options.authHeader ?? 'X-INFINITE-KEY';
  const now = options.now ?? (() => new Date());
  const random = seededRandom(0x1f1e);
  const seeded = seedState(now(), random, options.seed !== false, options.extraCustomers ?? 0);
  const state: InfiniteProxiesSimState = { ...seeded, transactionsShape: 'flat', createCostMb: 100 };
  const server = createSimServer({ notFound: () => fail(404, 'Not Found') });

  const guarded =
    (handler: SimHandler): SimHandler =>
    (req) => {
      const key = header(req, authHeader);
      if (!key) return fail(401, 'Unauthorized');
      if (key !== apiKey) return fail(403, 'API Key is invalid');
      if (header(req, 'accept')?.trim().toLowerCase() !== 'application/json') {
        return fail(406, "Accept must be equal to 'application/json', no other value allowed");
      }
      return handler(req);
    };
  const route = (method: 'GET' | 'POST', path: string, handler: SimHandler) =>
    server.route(method, `${basePath}${path}`, guarded(handler));

  /** POST endpoints read the customer from the `username` query parameter, lowercased. */
  const withCustomer =
    (handler: (customer: InfiniteProxiesSimCustomer, req: SimRequest) => SimResponse): SimHandler =>
    (req) => {
      const username = req.query.get('username')?.toLowerCase();
      if (!username) return formError('username is required');
      const customer = state.customers.get(username);
      return customer ? handler(customer, req) : notFound();
    };
  const fromPath = (req: SimRequest) => state.customers.get((req.params.username ?? '').toLowerCase());
  const view = (c: InfiniteProxiesSimCustomer) => ({
    username: c.username,
    proxy_password: c.proxyPassword,
    balance: c.balanceMb,
  });

  route('GET', '/@me', () =>
    ok('Success', {
      username: state.reseller.username,
      proxy_password: state.reseller.proxyPassword,
      balanceResidential: state.reseller.balanceResidentialMb,
      balanceMobile: state.reseller.balanceMobileMb,
    }),
  );

  route('POST', '/customer/create', (req) => {
    const username = req.query.get('username')?.toLowerCase();
    if (!username) return formError('username is required');
    if (!/^[a-z0-9_.-]{1,64}$/.test(username)) return formError('username is invalid');
    if (state.customers.has(username)) return formError('username is already taken');
    if (state.reseller.balanceResidentialMb < state.createCostMb) {
      return fail(400, `Insufficient balance. Creating a customer costs ${state.createCostMb} MB`);
    }
    state.reseller.balanceResidentialMb -= state.createCostMb;
    const customer = { username, proxyPassword: proxyPasswordFrom(random), balanceMb: 0, usageMb: new Map() };
    state.customers.set(username, customer);
    return ok(`User has been created. To prevent abuse, we substracted ${state.createCostMb} MB from your balance`, {
      username,
      proxy_password: customer.proxyPassword,
    });
  });

  route('GET', '/customer/@:username', (req) => {
    const customer = fromPath(req);
    return customer ? ok('Success', view(customer)) : notFound();
  });

  route('GET', '/customer/@:username/transactions', (req) => {
    const customer = fromPath(req);
    if (!customer) return notFound();
    const days: Record<string, number> = {};
    for (let daysAgo = historyDays - 1; daysAgo >= 0; daysAgo--) {
      const date = isoDay(now(), daysAgo);
      days[date] = customer.usageMb.get(date) ?? 0;
    }
    return ok('Success', state.transactionsShape === 'consumption' ? { consumption: days } : days);
  });

  route('GET', '/customers', () => ok('Success', { users: [...state.customers.values()].map(view) }));

  route(
    'POST',
    '/customer/add_balance',
    withCustomer((customer, req) => {
      const mb = parseBalance(req);
      if (typeof mb !== 'number') return mb;
      if (state.reseller.balanceResidentialMb < mb) return fail(400, 'Insufficient balance on your reseller account');
      state.reseller.balanceResidentialMb -= mb;
      customer.balanceMb += mb;
      return ok('Successfully added balance', { username: customer.username, balance: customer.balanceMb });
    }),
  );

  route(
    'POST',
    '/customer/remove_balance',
    withCustomer((customer, req) => {
      const mb = parseBalance(req);
      if (typeof mb !== 'number') return mb;
      if (customer.balanceMb < mb) return formError('balance is higher than the customer balance');
      customer.balanceMb -= mb;
      state.reseller.balanceResidentialMb += mb;
      return ok('Successfully removed balance', { username: customer.username, balance: customer.balanceMb });
    }),
  );

  route(
    'POST',
    '/customer/reset_password',
    withCustomer((customer) => {
      customer.proxyPassword = proxyPasswordFrom(random);
      return ok('Successfully resetted password', {
        username: customer.username,
        proxy_password: customer.proxyPassword,
      });
    }),
  );

  const url = await server.listen();
  return { server, baseUrl: `${url}${basePath}`, apiKey, authHeader, state, close: () => server.close() };
}
