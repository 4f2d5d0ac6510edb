import type { ProviderDefinition } from './define.js';
import { infiniteproxies } from './infiniteproxies/index.js';
import { proxylite } from './proxylite/index.js';
import { proxyshard } from './proxyshard/index.js';
import type { Provider } from './types.js';
import { vpnresellers } from './vpnresellers/index.js';
import { youproxy } from './youproxy/index.js';

/** Every provider the bot knows, in the order replies list them. Explicit: no file-system autoloading. */
const definitions = [infiniteproxies, proxyshard, proxylite, vpnresellers, youproxy] as const;

export type ProviderId = (typeof definitions)[number]['id'];

export const providerDefinitions: readonly ProviderDefinition<ProviderId>[] = definitions;

export const providerIds: readonly ProviderId[] = definitions.map((d) => d.id);

export function isProviderId(id: string): id is ProviderId {
  return (providerIds as readonly string[]).includes(id);
}

export function providerDefinition(id: string): ProviderDefinition<ProviderId> | undefined {
  return providerDefinitions.find((d) => d.id === id);
}

/** A built provider whose id the registry knows. */
export type KnownProvider = Provider & { readonly id: ProviderId };

export function isKnownProvider(provider: Provider): provider is KnownProvider {
  return isProviderId(provider.id);
}
