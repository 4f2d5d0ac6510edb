import { defineSimulator } from '../define.js';
import { serveSimulator, simulatorDefaults } from '../serve-simulator.js';
import type { Simulator, SimulatorOptions } from '../types.js';
import { createApi, fail } from './api.js';
import { balanceRoutes } from './balance.js';
import { customersRoutes } from './customers.js';
import { orderChangesRoutes } from './order-changes.js';
import { ordersRoutes } from './orders.js';
import { passwordsRoutes } from './passwords.js';
import { resellerBalanceRoutes } from './reseller-balance.js';
import { createState } from './seed.js';
import type { ProxyShardState } from './state.js';

/**
 * ProxyShard User API as its OpenAPI spec documents it: `Authorization: Bearer`, HTTP 200 with
 * `success:true` (none on /me), errors `{success:false, message}` with 400/401/403, money in cents,
 * sub-user traffic taken in whole GB and reported in bytes, and POSTs refused without Content-Length.
 */
export interface ProxyShardSimulator extends Simulator {
  readonly state: ProxyShardState;
}

export async function startProxyShardSimulator(options: SimulatorOptions = {}): Promise<ProxyShardSimulator> {
  const { apiKey, now, seed, extraCustomers } = simulatorDefaults('proxyshard', options);
  const state = createState({ now: now(), seed, extraCustomers });
  // No basePath: the vendor base is a bare origin, https://user-api.proxyshard.com
  return serveSimulator({
    apiKey,
    state,
    notFound: () => fail(404, 'Not Found'),
    routes(server) {
      server.route('GET', '/health', () => ({ body: { status: 'ok' } }));
      const api = createApi(server, apiKey);
      resellerBalanceRoutes(api, state);
      customersRoutes(api, state);
      balanceRoutes(api, state);
      passwordsRoutes(api, state);
      ordersRoutes(api, state, now);
      orderChangesRoutes(api, state, now);
    },
  });
}

export const proxyshardSimulator = defineSimulator({
  id: 'proxyshard',
  start: startProxyShardSimulator,
  demoBalanceBelow: 100,
});
