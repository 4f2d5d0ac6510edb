import * as z from 'zod';
import type { CustomerFields } from './customer-fields.js';
import { baseUrlField, type EnvField, type EnvValues, keyField } from './env-fields.js';
import type { ProviderSettings } from './settings.js';
import type {
  BalanceCapability,
  CustomersCapability,
  OrdersCapability,
  PasswordCapability,
  Provider,
  ProxyConfigCapability,
  ResellerBalanceCapability,
  UsageCapability,
  UsernameRule,
  VpnConfigCapability,
} from './types.js';

/** One line of `.env.example` and of `doctor`'s configuration check. */
export interface EnvVar {
  name: string;
  description: string;
  /** The documented default, when there is one. */
  default?: string;
  secret?: boolean;
}

/** What the tables in the README and `/help` say about one capability. */
export interface CapabilityFacts {
  /** What the vendor offers here, in a few words. */
  summary: string;
}

export interface CustomerFacts extends CapabilityFacts {
  /** Creating an account spends the reseller's money, so the command asks first. */
  createCosts?: boolean;
  /** What `plan:` picks at this vendor ("pool (standart|premium)"), for the option's description. */
  planHint?: string;
  /** How the facts this vendor puts in `Customer.extra` read in replies. */
  fields?: CustomerFields;
}

/** One capability as its file in a provider folder declares it: the facts, and how it is built. */
export interface CapabilitySpec<Ctx, C> extends CapabilityFacts {
  build(ctx: Ctx): C;
}

export interface CustomersSpec<Ctx> extends CapabilitySpec<Ctx, CustomersCapability>, CustomerFacts {}

/** The capabilities a provider has, keyed as on `Provider`; each is one file of the folder. */
export interface CapabilitySpecs<Ctx> {
  customers?: CustomersSpec<Ctx>;
  balance?: CapabilitySpec<Ctx, BalanceCapability>;
  passwords?: CapabilitySpec<Ctx, PasswordCapability>;
  proxyConfig?: CapabilitySpec<Ctx, ProxyConfigCapability>;
  vpnConfig?: CapabilitySpec<Ctx, VpnConfigCapability>;
  usage?: CapabilitySpec<Ctx, UsageCapability>;
  resellerBalance?: CapabilitySpec<Ctx, ResellerBalanceCapability>;
  orders?: CapabilitySpec<Ctx, OrdersCapability>;
}

export type CapabilityFactsByName = { customers?: CustomerFacts } & {
  [K in Exclude<keyof CapabilitySpecs<unknown>, 'customers'>]?: CapabilityFacts;
};

/** What a provider folder's index.ts hands to `defineProvider`. */
export interface ProviderInput<
  Id extends string,
  S extends ProviderSettings,
  Ctx,
  Fields extends Record<string, EnvField>,
> {
  id: Id;
  displayName: string;
  vendorBaseUrl: string;
  /** The variable holding the key; setting it enables the provider. */
  key: { name: string; description: string };
  /** Describes `<ID>_BASE_URL`, which replaces `vendorBaseUrl`. */
  baseUrl: string;
  /** The provider's other variables, in the order `.env.example` lists them. */
  env?: Fields;
  /** Settings from those variables, validated; defaults the vendor documents may be filled in here. */
  settings?(env: EnvValues<Fields>): Omit<S, keyof ProviderSettings>;
  /** What the capabilities share: the client from client.ts, and lookups that remember vendor ids. */
  context(settings: S): Ctx;
  /** A rule stricter than the bot's own username rule, checked before any request. */
  usernameRule?: UsernameRule;
  /** What `<username>` means at this vendor when it is not an account name ("the order id"). */
  usernameHint?: string;
  capabilities: CapabilitySpecs<Ctx>;
  /** One cheap authenticated read; throws a ProviderError when the key or the vendor is not OK. */
  ping(ctx: Ctx): Promise<unknown>;
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
  readonly capabilities: CapabilityFactsByName;
  /** Undefined when the key is not set (the provider is not enabled). */
  settingsFromEnv(env: Record<string, unknown>): S | undefined;
  create(settings: S): Provider;
}

/**
 * Types a provider folder's definition and derives the rest from it: the variable list and schema, the
 * settings, and the Provider with one capability per declared capability file.
 */
export function defineProvider<
  const Id extends string,
  S extends ProviderSettings,
  Ctx,
  Fields extends Record<string, EnvField> = Record<never, EnvField>,
>(input: ProviderInput<Id, S, Ctx, Fields>): ProviderDefinition<Id, S> {
  const keyVariable = input.key.name;
  const baseUrlVariable = `${input.id.toUpperCase()}_BASE_URL`;
  const fields: Record<string, EnvField> = {
    [keyVariable]: keyField(input.key.description),
    [baseUrlVariable]: baseUrlField(input.baseUrl, input.vendorBaseUrl),
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
    create(settings) {
      const ctx = input.context(settings);
      return {
        id: input.id,
        displayName: input.displayName,
        ...(input.usernameRule ? { usernameRule: input.usernameRule } : {}),
        customers: c.customers?.build(ctx),
        balance: c.balance?.build(ctx),
        passwords: c.passwords?.build(ctx),
        proxyConfig: c.proxyConfig?.build(ctx),
        vpnConfig: c.vpnConfig?.build(ctx),
        usage: c.usage?.build(ctx),
        resellerBalance: c.resellerBalance?.build(ctx),
        orders: c.orders?.build(ctx),
        async ping() {
          await input.ping(ctx);
        },
      };
    },
  };
}
