import { type Api, type SimContext, usd } from './api.js';

/** The reseller's balance: a USD float with cents. */
export function resellerBalanceRoutes(api: Api, ctx: SimContext): void {
  api.route(
    'GET',
    '/balance',
    () => ({ balance: null, currencyCode: null }),
    () => ({ balance: usd(ctx.state.balanceCents), currencyCode: 'USD' }),
  );
}
