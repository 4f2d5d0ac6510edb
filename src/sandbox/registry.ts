import type { ProviderId } from '../providers/registry.js';
import type { SimulatorDefinition } from './define.js';
import { infiniteproxiesSimulator } from './infiniteproxies/index.js';
import { proxyliteSimulator } from './proxylite/index.js';
import { proxyshardSimulator } from './proxyshard/index.js';
import { vpnresellersSimulator } from './vpnresellers/index.js';
import { youproxySimulator } from './youproxy/index.js';

/** One simulator per provider in the provider registry; the sandbox starts them all. */
export const simulatorDefinitions: readonly SimulatorDefinition<ProviderId>[] = [
  infiniteproxiesSimulator,
  proxyshardSimulator,
  proxyliteSimulator,
  vpnresellersSimulator,
  youproxySimulator,
];

export function simulatorDefinition(id: string): SimulatorDefinition<ProviderId> | undefined {
  return simulatorDefinitions.find((s) => s.id === id);
}
