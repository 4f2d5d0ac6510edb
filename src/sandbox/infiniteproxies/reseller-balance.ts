import { type Api, ok } from './api.js';
import type { SimContext } from './state.js';

export function resellerBalanceRoutes(api: Api, { state }: SimContext): void {
  api.route('GET', '/@me', () =>
    ok('Success', {
      username: state.reseller.username,
      proxy_password: state.reseller.proxyPassword,
      balanceResidential: state.reseller.balanceResidentialMb,
      balanceMobile: state.reseller.balanceMobileMb,
    }),
  );
}
