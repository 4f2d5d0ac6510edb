import { defineSimulator } from '../define.js';
import { serveSimulator, simulatorDefaults } from '../serve-simulator.js';
import type { Simulator, SimulatorOptions } from '../types.js';
import { createApi } from './api.js';
import { balanceRoutes } from './balance.js';
import { customersRoutes } from './customers.js';
import { ordersRoutes } from './orders.js';
import { passwordsRoutes } from './passwords.js';
import { resellerBalanceRoutes } from './reseller-balance.js';
import { seedState } from './seed.js';
import { consume, type ProxyLiteState } from './state.js';
import { usageRoutes } from './usage.js';

/** ProxyLite OpenAPI as documented; `api.ts` describes its envelope. */
export interface ProxyLiteSimulator extends Simulator {
  readonly state: ProxyLiteState;
  /** Spends traffic through an account, drawing on the reseller's packages. */
  consume(username: string, kb: number): void;
}

export async function startProxyLiteSimulator(options: SimulatorOptions = {}): Promise<ProxyLiteSimulator> {
  const { apiKey, now, seed, extraCustomers } = simulatorDefaults('proxylite', options);
  const state = seedState(now(), seed, extraCustomers);
  const served = await serveSimulator({
    apiKey,
    state,
    notFound: () => ({ status: 404, body: { code: 404, msg: 'Not Found' } }),
    routes(server) {
      const api = createApi(server, state, apiKey);
      customersRoutes(api, state, now);
      passwordsRoutes(api, state);
      balanceRoutes(api, state);
      usageRoutes(api, state, now);
      resellerBalanceRoutes(api, state, now);
      ordersRoutes(api, state, now);
    },
  });
  return { ...served, consume: (username, kb) => consume(state, username, kb, now()) };
}

export const proxyliteSimulator = defineSimulator({ id: 'proxylite', start: startProxyLiteSimulator });
