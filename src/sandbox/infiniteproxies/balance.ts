import { stepMb } from '../../providers/infiniteproxies/rules.js';
import type { SimRequest, SimResponse } from '../server.js';
import { type Api, fail, formError, ok } from './api.js';
import type { SimContext } from './state.js';

/** "Minimum 10 and only steps of ten", whole MB. */
function parseBalance(req: SimRequest): number | SimResponse {
  const raw = req.query.get('balance');
  if (raw === null || raw === '') return formError('balance is required');
  if (!/^\d+$/.test(raw)) return formError('balance must be an integer');
  const mb = Number(raw);
  if (mb < stepMb || mb % stepMb !== 0) {
    return formError(`balance must be at least ${stepMb} and in steps of ${stepMb}`);
  }
  return mb;
}

/** Adding draws on the reseller's residential pool; removing gives it back. */
export function balanceRoutes(api: Api, { state }: SimContext): void {
  api.route(
    'POST',
    '/customer/add_balance',
    api.withCustomer((customer, req) => {
      const mb = parseBalance(req);
      if (typeof mb !== 'number') return mb;
      if (state.reseller.balanceResidentialMb < mb) return fail(400, 'Insufficient balance on your reseller account');
      state.reseller.balanceResidentialMb -= mb;
      customer.balanceMb += mb;
      return ok('Successfully added balance', { username: customer.username, balance: customer.balanceMb });
    }),
  );

  api.route(
    'POST',
    '/customer/remove_balance',
    api.withCustomer((customer, req) => {
      const mb = parseBalance(req);
      if (typeof mb !== 'number') return mb;
      if (customer.balanceMb < mb) return formError('balance is higher than the customer balance');
      customer.balanceMb -= mb;
      state.reseller.balanceResidentialMb += mb;
      return ok('Successfully removed balance', { username: customer.username, balance: customer.balanceMb });
    }),
  );
}
