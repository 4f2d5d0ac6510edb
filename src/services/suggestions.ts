import type { Choice } from '../kit/options.js';
import type { Logger } from '../logger.js';
import { isProviderId, type ProviderId, providerIds } from '../providers/registry.js';
import type { VpnPort, VpnServer } from '../providers/types.js';
import type { Store } from '../storage/store.js';
import type { OrderCatalogs } from './order-catalogs.js';
import { isOrderSource, suggestFromCatalog } from './order-suggestions.js';
import type { ProviderDirectory } from './providers.js';

const maxChoices = 25;

/**
 * Autocomplete answers from local data only (Discord gives 3 s and no defer): the registry, names
 * and order ids seen in earlier replies, VPN servers/ports and order catalogs refreshed in the background.
 */
export class Suggestions {
  private readonly seen = new Map<ProviderId, Set<string>>();
  private readonly seenOrders = new Map<ProviderId, Set<string>>();
  private vpn: { servers: VpnServer[]; ports: VpnPort[] } = { servers: [], ports: [] };

  constructor(
    private readonly providers: ProviderDirectory,
    private readonly store: Store,
    private readonly logger: Logger,
    private readonly catalogs?: OrderCatalogs,
  ) {}

  /** Called with every customer name a provider reply showed. */
  remember(provider: ProviderId, usernames: readonly string[]): void {
    addTo(this.seen, provider, usernames);
  }

  /** Called with every order id an order reply showed. */
  rememberOrders(provider: ProviderId, ids: readonly string[]): void {
    addTo(this.seenOrders, provider, ids);
  }

  /** Loads VPN servers and ports; never on the autocomplete path. */
  async refreshVpn(): Promise<void> {
    for (const provider of this.providers.list()) {
      if (!provider.vpnConfig) continue;
      try {
        const [servers, ports] = await Promise.all([provider.vpnConfig.servers(), provider.vpnConfig.ports()]);
        this.vpn = { servers, ports };
      } catch (error) {
        this.logger.warn({ err: error, provider: provider.id }, 'could not refresh VPN servers for autocomplete');
      }
    }
  }

  async suggest(
    source: string,
    typed: string,
    context: { provider?: string; product?: string } = {},
  ): Promise<Choice[]> {
    const prefix = typed.trim().toLowerCase();
    if (isOrderSource(source)) {
      if (!this.catalogs) return [];
      const withOrders = this.providers.list().flatMap((p) => (p.orders ? [p.id] : []));
      return suggestFromCatalog(this.catalogs, source, typed, context, withOrders);
    }
    const starts = (s: string) =>
      s.toLowerCase().startsWith(prefix) || (prefix.length > 1 && s.toLowerCase().includes(prefix));
    switch (source) {
      case 'provider':
        return this.providers
          .list()
          .map((p) => ({ name: `${p.id} — ${p.displayName}`, value: p.id }))
          .filter((c) => starts(c.value));
      case 'username': {
        const ids =
          context.provider && (providerIds as readonly string[]).includes(context.provider)
            ? [context.provider as ProviderId]
            : [...providerIds];
        const names = new Set<string>();
        for (const id of ids) {
          for (const record of await this.store.registry.list({ provider: id, prefix, limit: maxChoices }))
            names.add(record.username);
          for (const name of this.seen.get(id) ?? []) if (starts(name)) names.add(name);
          if (names.size >= maxChoices) break;
        }
        return [...names]
          .sort()
          .slice(0, maxChoices)
          .map((n) => ({ name: n, value: n }));
      }
      case 'vpn-server':
        return this.vpn.servers
          .filter((s) => starts(s.name) || s.id === prefix || (s.countryCode ?? '').toLowerCase() === prefix)
          .slice(0, maxChoices)
          .map((s) => ({ name: `${s.name}${s.city ? ` (${s.city})` : ''}`.slice(0, 100), value: s.id }));
      case 'vpn-port':
        return this.vpn.ports
          .filter((p) => starts(String(p.number)) || starts(p.protocol))
          .slice(0, maxChoices)
          .map((p) => ({
            name: `${p.protocol.toUpperCase()} ${p.number}${p.isDefault ? ' (default)' : ''}`,
            value: p.id,
          }));
      case 'order': {
        const ids = context.provider && isProviderId(context.provider) ? [context.provider] : [...providerIds];
        return ids
          .flatMap((id) => [...(this.seenOrders.get(id) ?? [])].filter(starts))
          .sort()
          .slice(0, maxChoices)
          .map((n) => ({ name: n, value: n }));
      }
      default:
        return [];
    }
  }
}

function addTo(map: Map<ProviderId, Set<string>>, provider: ProviderId, values: readonly string[]): void {
  let set = map.get(provider);
  if (!set) {
    set = new Set();
    map.set(provider, set);
  }
  for (const value of values) if (set.size < 50_000) set.add(value);
}
