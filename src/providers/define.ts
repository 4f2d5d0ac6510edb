import * as z from 'zod';
import type { CapabilityDeclarations } from './declarations.js';
import type { ProviderImplementation } from './define-implementation.js';
import { baseUrlField, type EnvField, type EnvValues, keyField } from './env-fields.js';
import { lazyProvider } from './lazy-provider.js';
import type { ProviderSettings } from './settings.js';
import type { Provider, UsernameRule } from './types.js';

/** One line of `.env.example` and of `doctor`'s configuration check. */
export interface EnvVar {
  name: string;
  description: string;
  /** The documented default, when there is one. */
  default?: string;
  secret?: boolean;
}

/** What a provider folder's index.ts hands to `defineProvider`. */
export interface ProviderInput<Id extends string, S extends ProviderSettings, Fields extends Record<string, EnvField>> {
  id: Id;
  displayName: string;
  vendorBaseUrl: string;
  /** What the key is and where the reseller gets it; setting the key enables the provider. */
  keyHelp: string;
  /** The key's variable, where the vendor calls its key something else (a token, an app key); else `<ID>_API_KEY`. */
  keyVariable?: string;
  /** Describes `<ID>_BASE_URL` where the vendor's base needs more said than which API it is. */
  baseUrlHelp?: string;
  /** The provider's other variables, in the order `.env.example` lists them. */
  env?: Fields;
  /** Settings from those variables, validated; defaults the vendor documents may be filled in here. */
  settings?(env: EnvValues<Fields>): Omit<S, keyof ProviderSettings>;
  /** A rule stricter than the bot's own username rule, checked before any request. */
  usernameRule?: UsernameRule;
  /** What `<username>` means at this vendor when it is not an account name ("the order id"). */
  usernameHint?: string;
  capabilities: CapabilityDeclarations;
  /**
   * The folder's implementation.ts (its client, the vendor's answer schemas, the capabilities' code),
   * imported when a capability is first called, so a command that calls none never loads it.
   */
  implementation(): Promise<{ default: ProviderImplementation<S> }>;
}

/** A provider as the rest of the bot knows it: its variables, its facts, and how to build it. */
export interface ProviderDefinition<Id extends string = string, S extends ProviderSettings = ProviderSettings> {
  readonly id: Id;
  readonly displayName: string;
  readonly vendorBaseUrl: string;
  /** Setting this variable enables the provider. */
  readonly keyVariable: string;
  readonly baseUrlVariable: string;
  readonly env: readonly EnvVar[];
  /** Validates this provider's variables; part of the one config schema. */
  readonly envSchema: z.ZodObject;
  readonly usernameHint?: string;
  readonly capabilities: CapabilityDeclarations;
  /** Undefined when the key is not set (the provider is not enabled). */
  settingsFromEnv(env: Record<string, unknown>): S | undefined;
  /** The provider; its implementation loads when one of its capabilities is first called. */
  create(settings: S): Provider;
  /** The folder's implementation.ts (tests compare it with the declarations). */
  implementation(): Promise<{ default: ProviderImplementation<S> }>;
}

/**
 * Types a provider folder's definition and derives the rest from it: the variable list and schema, the
 * settings, and the Provider with one capability per declared capability.
 */
export function defineProvider<
  const Id extends string,
  S extends ProviderSettings,
  Fields extends Record<string, EnvField> = Record<never, EnvField>,
>(input: ProviderInput<Id, S, Fields>): ProviderDefinition<Id, S> {
  const prefix = input.id.toUpperCase();
  const keyVariable = input.keyVariable ?? `${prefix}_API_KEY`;
  const baseUrlVariable = `${prefix}_BASE_URL`;
  const baseUrlHelp = input.baseUrlHelp ?? `Base URL of the ${input.displayName} API, its path included.`;
  const fields: Record<string, EnvField> = {
    [keyVariable]: keyField(input.keyHelp),
    [baseUrlVariable]: baseUrlField(baseUrlHelp, input.vendorBaseUrl),
    ...input.env,
  };
  const envSchema = z.object(Object.fromEntries(Object.entries(fields).map(([name, f]) => [name, f.schema])));
  const env = Object.entries(fields).map(([name, f]) => ({
    name,
    description: f.description,
    ...(f.default === undefined ? {} : { default: f.default }),
    ...(f.secret ? { secret: true } : {}),
  }));
  const c = input.capabilities;

  return {
    id: input.id,
    displayName: input.displayName,
    vendorBaseUrl: input.vendorBaseUrl,
    keyVariable,
    baseUrlVariable,
    env,
    envSchema,
    ...(input.usernameHint ? { usernameHint: input.usernameHint } : {}),
    capabilities: c,
    settingsFromEnv(raw) {
      // Read once per process: zod's compiled fast path would cost more to build than it saves here.
      const parsed = envSchema.parse(raw, { jitless: true }) as Record<string, unknown>;
      const apiKey = parsed[keyVariable];
      if (typeof apiKey !== 'string') return undefined;
      const baseUrl = parsed[baseUrlVariable];
      const own = input.settings?.(parsed as EnvValues<Fields>);
      return { ...own, baseUrl: typeof baseUrl === 'string' ? baseUrl : input.vendorBaseUrl, apiKey } as S;
    },
    create: (settings) => lazyProvider(input, settings),
    implementation: input.implementation,
  };
}
