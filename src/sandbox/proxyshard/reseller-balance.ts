import { type Api, fail, ok, poolOf } from './api.js';
import { type ProxyShardState, remainingBytes } from './state.js';

/** The wallet (cents) on /me, and each residential pool's traffic on /proxies/profile. */
export function resellerBalanceRoutes(api: Api, state: ProxyShardState): void {
  api('GET', '/user/api/me', () => ({
    status: 200,
    body: {
      email: state.email,
      active_orders: state.orders.filter((o) => o.status === 'active').length,
      wallet_balance: state.walletCents,
    },
  }));

  api('GET', '/user/api/proxies/profile', (req) => {
    const pool = poolOf(req);
    if (!pool) return fail(400, 'Invalid proxy_type');
    const users = [...state.subUsers.values()].filter((u) => u.pool === pool);
    const spent = users.reduce((sum, u) => sum + u.data_spent, 0);
    const remain = state.poolBytes[pool] + users.reduce((sum, u) => sum + remainingBytes(u), 0);
    return ok({ data: remain + spent, data_remain: remain, data_spent: spent, proxy_password: 'mainPass7Q' });
  });
}
