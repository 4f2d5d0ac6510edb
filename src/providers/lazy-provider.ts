import type { RequiredMethodOf } from './capability-parts.js';
import type { CapabilityDeclarations } from './declarations.js';
import type { ProviderImplementation, ProviderRuntime } from './define-implementation.js';
import type { CapabilityName, Provider, UsernameRule } from './types.js';

/** The methods every implementation of a capability has; the optional ones are declared (`has`). */
export const requiredMethods: { [K in CapabilityName]: readonly RequiredMethodOf<NonNullable<Provider[K]>>[] } = {
  customers: ['get', 'list', 'listAll'],
  balance: ['read', 'add'],
  passwords: ['reset'],
  proxyConfig: ['proxies'],
  vpnConfig: ['servers', 'ports', 'openvpn', 'wireguard'],
  usage: ['report'],
  resellerBalance: ['get'],
  orders: ['catalog', 'quote', 'findPlaced', 'list', 'listAll', 'get'],
};

const capabilityNames = Object.keys(requiredMethods) as CapabilityName[];

interface LazySource<S> {
  id: string;
  displayName: string;
  usernameRule?: UsernameRule;
  capabilities: CapabilityDeclarations;
  implementation(): Promise<{ default: ProviderImplementation<S> }>;
}

/**
 * A Provider whose capabilities are what index.ts declares: their constants at once, and methods that
 * import the folder's implementation (client, answer schemas, code) on the first call and build it
 * once for these settings. A command that calls none (a terminal `/help`) never loads it.
 */
export function lazyProvider<S>(source: LazySource<S>, settings: S): Provider {
  let runtime: Promise<ProviderRuntime> | undefined;
  const loaded = () => {
    runtime ??= source.implementation().then((module) => module.default(settings));
    return runtime;
  };

  const capability = <K extends CapabilityName>(name: K): Provider[K] => {
    const declared = source.capabilities[name];
    if (!declared) return undefined;
    const built = async (): Promise<Record<string, unknown>> => {
      const methods = (await loaded()).capability(name);
      if (!methods) throw new Error(`${source.id} declares ${name}, but its implementation does not build it.`);
      return methods as Record<string, unknown>;
    };
    const out: Record<string, unknown> = { ...declared.constants };
    for (const method of [...requiredMethods[name], ...(declared.has ?? [])] as string[]) {
      out[method] = async (...args: unknown[]) => {
        const methods = await built();
        const fn = methods[method];
        if (typeof fn !== 'function') throw new Error(`${source.id}'s ${name} has no ${method} in its implementation.`);
        return fn.apply(methods, args);
      };
    }
    return out as unknown as Provider[K];
  };

  const provider: Provider = {
    id: source.id,
    displayName: source.displayName,
    ...(source.usernameRule ? { usernameRule: source.usernameRule } : {}),
    async ping() {
      await (await loaded()).ping();
    },
  };
  for (const name of capabilityNames) Object.assign(provider, { [name]: capability(name) });
  return provider;
}
