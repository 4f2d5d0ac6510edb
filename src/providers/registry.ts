import { infiniteproxiesModule } from './infiniteproxies/index.js';
import { proxyliteModule } from './proxylite/index.js';
import { proxyshardModule } from './proxyshard/index.js';
import type { ProviderModule, ProviderSettings } from './settings.js';
import type { ProviderId } from './types.js';
import { vpnresellersModule } from './vpnresellers/index.js';
import { youproxyModule } from './youproxy/index.js';

/** Every provider the bot knows, in the order replies list them. Explicit: no file-system autoloading. */
export const providerModules: readonly ProviderModule<ProviderSettings>[] = [
  infiniteproxiesModule as unknown as ProviderModule<ProviderSettings>,
  proxyshardModule as unknown as ProviderModule<ProviderSettings>,
  proxyliteModule as unknown as ProviderModule<ProviderSettings>,
  vpnresellersModule as unknown as ProviderModule<ProviderSettings>,
  youproxyModule as unknown as ProviderModule<ProviderSettings>,
];

export function providerModule(id: ProviderId): ProviderModule<ProviderSettings> {
  const found = providerModules.find((m) => m.id === id);
  if (!found) throw new Error(`Unknown provider module ${id}`);
  return found;
}
