import { vpnresellers } from '../../providers/vpnresellers/index.js';
import { defineSimulator } from '../define.js';
import { serveSimulator, simulatorDefaults } from '../serve-simulator.js';
import type { Simulator, SimulatorOptions } from '../types.js';
import { createApi } from './api.js';
import { balanceRoutes } from './balance.js';
import { configsRoutes } from './configs.js';
import { customersRoutes } from './customers.js';
import { passwordsRoutes } from './passwords.js';
import { resellerBalanceRoutes } from './reseller-balance.js';
import { createState } from './seed.js';
import type { VpnResellersState } from './state.js';

/**
 * A stateful simulator of the VPNresellers API v4.1 (accounts, configuration, servers, ports, profile),
 * Laravel envelopes and status codes included. Customers and projects are not simulated: the bot does
 * not use them.
 */
export interface VpnResellersSimulator extends Simulator {
  readonly state: VpnResellersState;
}

/** The vendor's base path (`/v4_1`), as in its base URL. */
const basePath = new URL(vpnresellers.vendorBaseUrl).pathname;

export async function startVpnResellersSimulator(options: SimulatorOptions = {}): Promise<VpnResellersSimulator> {
  const { apiKey, now: clock, seed, extraCustomers } = simulatorDefaults('vpnresellers', options);
  const now = () => clock().getTime();
  const state = createState({ now: now(), seed, extraCustomers });
  return serveSimulator({
    apiKey,
    state,
    basePath,
    notFound: () => ({ status: 404, body: { message: 'Not Found.', code: 404 } }),
    routes(server, baseUrl) {
      // Its pages link to each other by full URL.
      const api = createApi(server, basePath, baseUrl, apiKey);
      customersRoutes(api, state, now);
      passwordsRoutes(api, state, now);
      balanceRoutes(api, state, now);
      configsRoutes(api, state);
      resellerBalanceRoutes(api, state);
    },
  });
}

export const vpnresellersSimulator = defineSimulator({ id: 'vpnresellers', start: startVpnResellersSimulator });
