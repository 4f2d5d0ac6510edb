import type { CapabilityConstants, OptionalMethodOf } from './capability-parts.js';
import type { CustomerFields } from './customer-fields.js';
import type {
  BalanceCapability,
  CustomersCapability,
  OrdersCapability,
  PasswordCapability,
  ProxyConfigCapability,
  ResellerBalanceCapability,
  UsageCapability,
  VpnConfigCapability,
} from './types.js';

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

/**
 * One capability as index.ts declares it: the facts the README and `/help` show, the members callers
 * read without calling it (a unit, a notice), and which of its optional methods the vendor has. Its
 * methods come from the provider's implementation, loaded when one is first called (lazy-provider.ts).
 */
export type CapabilityDeclaration<C, F extends CapabilityFacts = CapabilityFacts> = F & {
  /** The optional methods the implementation builds (test/providers/declarations.test.ts checks them). */
  has?: readonly OptionalMethodOf<C>[];
} & (Partial<CapabilityConstants<C>> extends CapabilityConstants<C>
    ? { constants?: CapabilityConstants<C> }
    : { constants: CapabilityConstants<C> });

/** The capabilities a provider has, keyed as on `Provider`. */
export interface CapabilityDeclarations {
  customers?: CapabilityDeclaration<CustomersCapability, CustomerFacts>;
  balance?: CapabilityDeclaration<BalanceCapability>;
  passwords?: CapabilityDeclaration<PasswordCapability>;
  proxyConfig?: CapabilityDeclaration<ProxyConfigCapability>;
  vpnConfig?: CapabilityDeclaration<VpnConfigCapability>;
  usage?: CapabilityDeclaration<UsageCapability>;
  resellerBalance?: CapabilityDeclaration<ResellerBalanceCapability>;
  orders?: CapabilityDeclaration<OrdersCapability>;
}

export type CapabilityFactsByName = CapabilityDeclarations;
