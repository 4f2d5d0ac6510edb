import type { ProviderId } from '../providers/types.js';
import { startInfiniteProxiesSimulator } from './infiniteproxies.js';
import { startProxyLiteSimulator } from './proxylite.js';
import { startProxyShardSimulator } from './proxyshard.js';
import type { Simulator, SimulatorOptions } from './types.js';
import { startVpnResellersSimulator } from './vpnresellers.js';
import { startYouproxySimulator } from './youproxy.js';

/** The variable that holds each provider's key, per SPEC "Configuration". */
export const keyVariable: Record<ProviderId, string> = {
  infiniteproxies: 'INFINITEPROXIES_API_KEY',
  proxyshard: 'PROXYSHARD_API_KEY',
  proxylite: 'PROXYLITE_APP_KEY',
  vpnresellers: 'VPNRESELLERS_API_TOKEN',
  youproxy: 'YOUPROXY_API_KEY',
};

const starters: Record<ProviderId, (options?: SimulatorOptions) => Promise<Simulator>> = {
  infiniteproxies: startInfiniteProxiesSimulator,
  proxyshard: startProxyShardSimulator,
  proxylite: startProxyLiteSimulator,
  vpnresellers: startVpnResellersSimulator,
  youproxy: startYouproxySimulator,
};

export interface Sandbox {
  simulators: Record<ProviderId, Simulator>;
  /**
   * Variables that point every provider at its simulator. They replace any real keys, so sandbox
   * mode can never spend real money.
   */
  env: Record<string, string>;
  close(): Promise<void>;
}

export async function startSandbox(options: SimulatorOptions = {}): Promise<Sandbox> {
  const ids = Object.keys(starters) as ProviderId[];
  const started = await Promise.all(ids.map((id) => starters[id](options)));
  const simulators = Object.fromEntries(ids.map((id, i) => [id, started[i]])) as Record<ProviderId, Simulator>;
  const env: Record<string, string> = {};
  for (const id of ids) {
    env[keyVariable[id]] = simulators[id].apiKey;
    env[`${id.toUpperCase()}_BASE_URL`] = simulators[id].baseUrl;
  }
  return {
    simulators,
    env,
    close: async () => {
      await Promise.all(started.map((s) => s.close()));
    },
  };
}
