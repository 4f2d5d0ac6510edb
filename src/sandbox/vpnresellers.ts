import { createSimServer, type SimRequest, type SimServer } from './server.js';
import type { Simulator, SimulatorOptions } from './types.js';
import { accountRoutes } from './vpnresellers/accounts.js';
import { otherRoutes } from './vpnresellers/other.js';
import { fail } from './vpnresellers/replies.js';
import { createState, type VpnResellersState } from './vpnresellers/state.js';

/**
 * A stateful simulator of the VPNresellers API v4.1 (accounts, configuration, servers, ports, profile),
 * Laravel envelopes and status codes included. Customers and projects are not simulated: the bot does
 * not use them.
 */
export interface VpnResellersSimulator extends Simulator {
  readonly state: VpnResellersState;
}

export async function startVpnResellersSimulator(options: SimulatorOptions = {}): Promise<VpnResellersSimulator> {
  const apiKey = options.apiKey ?? 'sandbox-vpnresellers-key';
  const clock = options.now ?? (() => new Date());
  const now = () => clock().getTime();
  const state = createState({ now: now(), seed: options.seed !== false, extraCustomers: options.extraCustomers ?? 0 });
  const server: SimServer = createSimServer({
    notFound: () => ({ status: 404, body: { message: 'Not Found.', code: 404 } }),
  });
  const guard = (req: SimRequest) => (req.headers.authorization === `Bearer ${apiKey}` ? undefined : fail(401));
  const url = await server.listen();
  const baseUrl = `${url}/v4_1`;
  accountRoutes(server, state, guard, baseUrl, now);
  otherRoutes(server, state, guard, now);
  return {
    server,
    baseUrl,
    apiKey,
    state,
    close: () => server.close(),
  };
}
