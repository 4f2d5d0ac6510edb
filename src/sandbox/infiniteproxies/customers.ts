import { type Api, fail, formError, notFound, ok } from './api.js';
import { type InfiniteProxiesSimCustomer, proxyPasswordFrom, type SimContext } from './state.js';

export const customerView = (c: InfiniteProxiesSimCustomer) => ({
  username: c.username,
  proxy_password: c.proxyPassword,
  balance: c.balanceMb,
});

/** Creating a customer costs the reseller `createCostMb` (100 MB, as the vendor says when it charges). */
export function customersRoutes(api: Api, { state, random }: SimContext): void {
  api.route('POST', '/customer/create', (req) => {
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

  api.route('GET', '/customer/@:username', (req) => {
    const customer = state.customers.get((req.params.username ?? '').toLowerCase());
    return customer ? ok('Success', customerView(customer)) : notFound();
  });

  api.route('GET', '/customers', () => ok('Success', { users: [...state.customers.values()].map(customerView) }));
}
