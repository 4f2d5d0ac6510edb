import { AppError, UserInputError } from '../errors.js';
import { isKnownProvider, isProviderId, type KnownProvider, providerIds } from '../providers/registry.js';
import type { CapabilityName, Provider } from '../providers/types.js';
import { checkUsername } from '../providers/username.js';

const operationNames: Record<CapabilityName, string> = {
  customers: 'customer accounts',
  balance: 'balance changes',
  passwords: 'password resets',
  proxyConfig: 'proxy configs',
  vpnConfig: 'VPN configs',
  usage: 'usage history',
  resellerBalance: 'a reseller balance',
  orders: 'orders',
};

/** The configured providers, looked up by id with errors a reseller can act on. */
export class ProviderDirectory {
  private readonly byId: Map<string, KnownProvider>;

  constructor(providers: readonly Provider[]) {
    this.byId = new Map();
    for (const p of providers) {
      if (!isKnownProvider(p)) throw new Error(`Provider ${p.id} is not in the registry.`);
      this.byId.set(p.id, p);
    }
  }

  list(): KnownProvider[] {
    return providerIds.flatMap((id) => this.byId.get(id) ?? []);
  }

  get(id: string): KnownProvider {
    if (!isProviderId(id)) {
      throw new UserInputError(`"${id}" is not a provider. Providers: ${providerIds.join(', ')}.`);
    }
    const provider = this.byId.get(id);
    if (!provider) {
      throw new UserInputError(`${id} is not configured.`, {
        hint: `Set its key (see .env.example), or try it with --sandbox. Configured: ${
          this.list()
            .map((p) => p.id)
            .join(', ') || 'none'
        }.`,
      });
    }
    return provider;
  }

  /** The capability, or a clear `unsupported` error naming what the provider does not offer. */
  capability<K extends CapabilityName>(provider: Provider, name: K, what?: string): NonNullable<Provider[K]> {
    const cap = provider[name];
    if (!cap) {
      throw new AppError('unsupported', `${provider.displayName} does not offer ${what ?? operationNames[name]}.`, {
        hint: 'See /help for what each provider offers.',
      });
    }
    return cap as NonNullable<Provider[K]>;
  }

  /** A username valid by the bot's rule (docs/commands.md#usernames) that also meets the provider's own rule, checked before any request. */
  username(provider: Provider, username: string): string {
    return checkUsername(username, provider.displayName, provider.usernameRule);
  }
}
