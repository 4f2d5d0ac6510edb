import { infiniteproxies } from '../../providers/infiniteproxies/index.js';
import { defaultAuthHeader } from '../../providers/infiniteproxies/rules.js';
import { defineSimulator } from '../define.js';
import { seededRandom } from '../random.js';
import { serveSimulator, simulatorDefaults } from '../serve-simulator.js';
import type { Simulator, SimulatorOptions } from '../types.js';
import { createApi, fail } from './api.js';
import { balanceRoutes } from './balance.js';
import { customersRoutes } from './customers.js';
import { passwordsRoutes } from './passwords.js';
import { resellerBalanceRoutes } from './reseller-balance.js';
import { seedState } from './seed.js';
import type { InfiniteProxiesSimState, SimContext } from './state.js';
import { usageRoutes } from './usage.js';

/**
 * InfiniteProxies reseller API v2 as its docs describe it: `{status:{code,message},payload}`
 * envelopes (errors carry only `status`), POST parameters in the query, `@` before usernames in
 * paths, usernames lowercased, MB everywhere, 100 MB charged to the reseller per new customer.
 */

export type { InfiniteProxiesSimCustomer, InfiniteProxiesSimReseller, InfiniteProxiesSimState } from './state.js';

export interface InfiniteProxiesSimulatorOptions extends SimulatorOptions {
  /** The header the simulated vendor reads the key from (default `X-INFINITE-KEY`). */
  authHeader?: string;
}

export interface InfiniteProxiesSimulator extends Simulator {
  readonly state: InfiniteProxiesSimState;
  readonly authHeader: string;
}

/** The vendor's base path (`/v2`), as in its base URL. */
const basePath = new URL(infiniteproxies.vendorBaseUrl).pathname;

export async function startInfiniteProxiesSimulator(
  options: InfiniteProxiesSimulatorOptions = {},
): Promise<InfiniteProxiesSimulator> {
  const { apiKey, now, seed, extraCustomers } = simulatorDefaults('infiniteproxies', options);
  const authHeader = options.authHeader ?? defaultAuthHeader;
  const random = seededRandom(0x1f1e);
  const seeded = seedState(now(), random, seed, extraCustomers);
  const state: InfiniteProxiesSimState = { ...seeded, transactionsShape: 'flat', createCostMb: 100 };
  const ctx: SimContext = { state, apiKey, authHeader, now, random };
  const served = await serveSimulator({
    apiKey,
    state,
    basePath,
    notFound: () => fail(404, 'Not Found'),
    routes(server) {
      const api = createApi(server, basePath, ctx);
      resellerBalanceRoutes(api, ctx);
      customersRoutes(api, ctx);
      usageRoutes(api, ctx);
      balanceRoutes(api, ctx);
      passwordsRoutes(api, ctx);
    },
  });
  return { ...served, authHeader };
}

export const infiniteproxiesSimulator = defineSimulator({
  id: 'infiniteproxies',
  start: startInfiniteProxiesSimulator,
});
