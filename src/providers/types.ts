/**
 * The provider service layer's domain. Every vendor is adapted to these shapes at its boundary:
 * traffic in bytes, money in minor units plus currency, dates as ISO-8601 strings. Field names say
 * their unit. Nothing here is secret except where a type says so (passwords, proxy credentials,
 * config file contents) — those never go into a Customer, so a Customer may be logged or audited.
 */

import type {
  CatalogQuery,
  Cost,
  Order,
  OrderCatalog,
  OrderChange,
  OrderInput,
  OrderListQuery,
  OrderPage,
  OrderQuote,
  OrderStatusFilter,
  RenewalInput,
} from './order-types.js';

export type CustomerStatus = 'active' | 'disabled';

export interface Customer {
  /** The name the reseller uses for the account (for Youproxy: the order id, as a string). */
  username: string;
  /** The vendor's own id when it differs from the username (VPNresellers account id, ProxyShard user_id). */
  id?: string;
  status: CustomerStatus;
  /** Traffic left to spend. */
  remainingBytes?: number;
  /** Traffic spent so far. */
  usedBytes?: number;
  /** The traffic cap; null when the vendor says unlimited. */
  limitBytes?: number | null;
  /** When the account stops working; null when it renews on its own or never expires. */
  expiresAt?: string | null;
  createdAt?: string;
  note?: string;
  /** Vendor-specific facts worth showing (never secrets). */
  extra?: Record<string, string | number | boolean | null>;
}

export interface CreateCustomerInput {
  username: string;
  /** Only where the vendor lets the reseller choose one; otherwise the provider generates it. */
  password?: string;
  /** Starting traffic, where the vendor takes one at creation. */
  trafficBytes?: number;
  /** Vendor plan/pool (ProxyShard `standart|premium`, ProxyLite product_type number as a string). */
  plan?: string;
  note?: string;
}

export interface CreatedCustomer {
  customer: Customer;
  /** Secret: show only privately. */
  password: string;
}

export interface CustomerListQuery {
  status?: CustomerStatus;
  /** 1-based. */
  page?: number;
  perPage?: number;
}

export interface CustomerPage {
  customers: Customer[];
  page: number;
  pages: number;
  total?: number;
}

export interface CustomersCapability {
  /** True when `create` itself sets the starting traffic; otherwise the service adds it afterwards. */
  createTakesTraffic?: boolean;
  create?(input: CreateCustomerInput): Promise<CreatedCustomer>;
  get(username: string): Promise<Customer>;
  list(query?: CustomerListQuery): Promise<CustomerPage>;
  /** Every customer, using the vendor's list endpoints with as few requests as it allows. */
  listAll(): Promise<Customer[]>;
  enable?(username: string): Promise<Customer>;
  disable?(username: string): Promise<Customer>;
  delete?(username: string): Promise<void>;
  /** The vendor's caveat about deletes, shown with the reply (some vendors take minutes to apply them). */
  deleteNotice?: string;
  /** How long after accepting each change the vendor documents it may take to apply it. */
  appliesWithinMs?: Partial<Record<'create' | 'enable' | 'disable' | 'delete', number>>;
  /** Where there is no `create`: why, and what to do instead. */
  noCreateHint?: string;
  /** What creating an account costs the reseller, for the question before a paid create. */
  createCost?(input?: CreateCustomerInput): Promise<Cost>;
}

/**
 * What a customer's balance is measured in. `bytes` for traffic providers, `days` where a balance
 * change moves an expiry date (VPNresellers, Youproxy).
 */
export type BalanceUnit = 'bytes' | 'days';
/** The unit the vendor bills in, the default for `unit:` on the command line. */
export type DisplayUnit = 'KB' | 'MB' | 'GB' | 'days';

/**
 * A customer's balance as one read of the vendor found it, and the changes written from that read:
 * a balance change reads the account once (ProxyLite has no relative update, so its new limit is
 * worked out from this reading).
 */
export interface BalanceReading {
  customer: Customer;
  /** Adds `amount` (in `unit`); returns the customer as the vendor reports it afterwards. */
  add(amount: number): Promise<Customer>;
  remove?(amount: number): Promise<Customer>;
}

export interface BalanceCapability {
  unit: BalanceUnit;
  displayUnit: DisplayUnit;
  /** Smallest step the vendor accepts, in `unit` (InfiniteProxies: 10 MB). */
  step?: number;
  /** Smallest amount the vendor accepts, in `unit`. */
  minimum?: number;
  /** Reads the account, for a change written from that one read. */
  read(username: string): Promise<BalanceReading>;
  /** Reads the account, then adds `amount` (in `unit`); returns the customer as the vendor reports it. */
  add(username: string, amount: number): Promise<Customer>;
  remove?(username: string, amount: number): Promise<Customer>;
  /** What `add` would cost the reseller, for the question before it; reads only. */
  cost?(username: string, amount: number): Promise<Cost>;
  /** How long after accepting a change the vendor documents it may take to apply it. */
  appliesWithinMs?: number;
}

export interface PasswordCapability {
  /** True when the vendor generates the new password itself and a chosen one cannot be set. */
  vendorGenerates: boolean;
  /** Secret result. When the bot must choose and none is given, the provider generates one. */
  reset(username: string, password?: string): Promise<{ password: string }>;
  /** The vendor's caveat about resets, shown with the new password. */
  notice?: string;
  /** How long after accepting a reset the vendor documents it may take to apply it. */
  appliesWithinMs?: number;
}

export type ProxyProtocol = 'http' | 'socks5';

/** Secret when username/password are set. */
export interface ProxyEndpoint {
  host: string;
  port: number;
  protocol: ProxyProtocol;
  username?: string;
  password?: string;
  /** Where it came from: `gateway`, an order id, a country… */
  label?: string;
}

export interface ProxyConfigCapability {
  /**
   * Where the endpoints come from: the account's credentials on the configured gateway (the default), or
   * the IP list of the order the username names (Youproxy).
   */
  endpointsFrom?: 'account' | 'order';
  /** Ready-to-use endpoints for the account (or order). */
  proxies(username: string): Promise<ProxyEndpoint[]>;
}

export interface VpnServer {
  id: string;
  name: string;
  countryCode?: string;
  city?: string;
  ip?: string;
}

export interface VpnPort {
  id: string;
  protocol: string;
  number: number;
  isDefault: boolean;
}

/** Secret: VPN configs hold keys. */
export interface ConfigFile {
  name: string;
  content: string;
}

export interface VpnConfigCapability {
  servers(): Promise<VpnServer[]>;
  ports(): Promise<VpnPort[]>;
  openvpn(username: string, choice: { serverId: string; portId: string }): Promise<ConfigFile>;
  wireguard(username: string, choice: { serverId: string }): Promise<ConfigFile>;
}

export interface DailyUsage {
  /** YYYY-MM-DD */
  date: string;
  bytes: number;
}

export interface UsageReport {
  /** Oldest first; empty when the vendor keeps only totals. */
  days: DailyUsage[];
  usedBytes?: number;
  remainingBytes?: number;
}

export interface UsageCapability {
  /** The vendor's history is capped (InfiniteProxies: 14 days); `days` asks for at most that many. */
  maxDays: number;
  /**
   * `customer`: the account as a list just returned it, so a provider that would otherwise look it
   * up first (to tell "not found" from "no usage") can skip that read.
   */
  report(username: string, options?: { days?: number; customer?: Customer }): Promise<UsageReport>;
}

export type ResellerBalance =
  | { label: string; kind: 'traffic'; bytes: number; displayUnit: 'KB' | 'MB' | 'GB' }
  | { label: string; kind: 'money'; minor: number; currency: string };

export interface ResellerBalanceCapability {
  get(): Promise<ResellerBalance[]>;
}

export type * from './order-types.js';

export interface OrdersCapability {
  /** What can be bought, read from the vendor's own list endpoints. */
  catalog(query?: CatalogQuery): Promise<OrderCatalog>;
  /** The vendor's own price calculation; the input is checked against the catalog before it is sent. */
  quote(input: OrderInput): Promise<OrderQuote>;
  /**
   * Buys and pays from the reseller's balance at the vendor: checked like `quote`, sent exactly once,
   * never retried. A dropped or unreadable answer is `outcome_unknown`: call `findPlaced` before any rerun.
   * Absent where the bot cannot pay the vendor (the catalog's notes say why).
   */
  buy?(input: OrderInput): Promise<OrderChange>;
  /**
   * The orders at the vendor that a purchase of `input` sent at `since` could have created, newest
   * first: empty means it was not placed. Reads only.
   */
  findPlaced(input: OrderInput, since: Date): Promise<Order[]>;
  list(query?: OrderListQuery): Promise<OrderPage>;
  /** Every order with that status, for the notifier. */
  listAll(query?: { status?: OrderStatusFilter }): Promise<Order[]>;
  /** One order, with its price when the vendor says. */
  get(orderId: string): Promise<Order>;
  /** Secret: the order's proxies with their credentials. Absent where orders carry no proxy list. */
  proxies?(orderId: string): Promise<ProxyEndpoint[]>;
  /** The vendor's price for renewing the order for `period`. */
  quoteRenewal?(orderId: string, renewal?: RenewalInput): Promise<OrderQuote>;
  /** Renews and pays; sent exactly once, like `buy`. */
  renew?(orderId: string, renewal?: RenewalInput): Promise<OrderChange>;
  /** Switches the vendor's automatic renewal; `period` where the vendor renews by a chosen period. */
  setAutoRenew?(orderId: string, on: boolean, period?: string): Promise<Order>;
  /** The vendor's price for `gigabytes` more traffic on a residential order (ProxyShard). */
  quoteBandwidth?(orderId: string, gigabytes: number, promo?: string): Promise<OrderQuote>;
  /** Buys `gigabytes` more traffic for the order; sent exactly once. */
  addBandwidth?(orderId: string, gigabytes: number, promo?: string): Promise<OrderChange>;
  /** Moves the order to another billing cycle (ProxyShard datacenter and ISP). */
  changeCycle?(orderId: string, cycle: string): Promise<OrderChange>;
}

/** A rule stricter than the bot's username rule (docs/commands.md#usernames), checked before any request. */
export interface UsernameRule {
  pattern: RegExp;
  /** Completes "Usernames on <provider> must be …". */
  description: string;
}

export interface Provider {
  /** The registry's id (`ProviderId` in registry.ts). */
  id: string;
  displayName: string;
  usernameRule?: UsernameRule;
  customers?: CustomersCapability;
  balance?: BalanceCapability;
  passwords?: PasswordCapability;
  proxyConfig?: ProxyConfigCapability;
  vpnConfig?: VpnConfigCapability;
  usage?: UsageCapability;
  resellerBalance?: ResellerBalanceCapability;
  orders?: OrdersCapability;
  /** One cheap authenticated read; throws a ProviderError when the key or the vendor is not OK. */
  ping(): Promise<void>;
}

export type CapabilityName = Exclude<keyof Provider, 'id' | 'displayName' | 'usernameRule' | 'ping'>;
