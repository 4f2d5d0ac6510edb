import type { CapabilityMethods } from './capability-parts.js';
import type { CapabilityName, Provider } from './types.js';

/** How a provider folder's capability file builds its methods from the shared context. */
export interface CapabilitySpec<Ctx, C> {
  build(ctx: Ctx): CapabilityMethods<C>;
}

/** The capabilities a folder's implementation.ts builds, keyed as on `Provider`. */
export type CapabilitySpecs<Ctx> = {
  [K in CapabilityName]?: CapabilitySpec<Ctx, NonNullable<Provider[K]>>;
};

/** What a provider folder's implementation.ts hands to `defineImplementation`. */
export interface ImplementationInput<S, Ctx> {
  /** What the capabilities share: the client from client.ts, and lookups that remember vendor ids. */
  context(settings: S): Ctx;
  capabilities: CapabilitySpecs<Ctx>;
  /** One cheap authenticated read; throws a ProviderError when the key or the vendor is not OK. */
  ping(ctx: Ctx): Promise<unknown>;
}

/** A provider's code for one set of settings: each capability's methods, built when first asked for. */
export interface ProviderRuntime {
  capability<K extends CapabilityName>(name: K): CapabilityMethods<NonNullable<Provider[K]>> | undefined;
  /** The capabilities it builds (for the declaration check). */
  readonly capabilityNames: readonly CapabilityName[];
  ping(): Promise<unknown>;
}

export type ProviderImplementation<S> = (settings: S) => ProviderRuntime;

/** The default export of a provider folder's implementation.ts. */
export function defineImplementation<S, Ctx>(input: ImplementationInput<S, Ctx>): ProviderImplementation<S> {
  return (settings) => {
    const ctx = input.context(settings);
    const built = new Map<CapabilityName, unknown>();
    return {
      capability(name) {
        const spec = input.capabilities[name];
        if (!spec) return undefined;
        if (!built.has(name)) built.set(name, spec.build(ctx));
        return built.get(name) as CapabilityMethods<NonNullable<Provider[typeof name]>>;
      },
      capabilityNames: Object.keys(input.capabilities) as CapabilityName[],
      ping: () => input.ping(ctx),
    };
  };
}

export type CustomersSpec<Ctx> = CapabilitySpec<Ctx, NonNullable<Provider['customers']>>;
