/**
 * The provider service layer's domain. Every vendor is adapted to these shapes at its boundary:
 * traffic in bytes, money in minor units plus currency, dates as ISO-8601 strings. Field names say
 * their unit. Nothing here is secret except where a type says so (passwords, proxy credentials,
 * config file contents) — those never go into a Customer, so a Customer may be logged or audited.
 */

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
}

/**
 * What a customer's balance is measured in. `bytes` for traffic providers, `days` where a balance
 * change moves an expiry date (VPNresellers, Youproxy).
 */
export type BalanceUnit = 'bytes' | 'days';
/** The unit the vendor bills in, the default for `unit:` on the command line. */
export type DisplayUnit = 'KB' | 'MB' | 'GB' | 'days';

export interface BalanceCapability {
  unit: BalanceUnit;
  displayUnit: DisplayUnit;
  /** Smallest step the vendor accepts, in `unit` (InfiniteProxies: 10 MB). */
  step?: number;
  /** Smallest amount the vendor accepts, in `unit`. */
  minimum?: number;
  /** Adds `amount` (in `unit`); returns the customer as the vendor reports it afterwards. */
  add(username: string, amount: number): Promise<Customer>;
  remove?(username: string, amount: number): Promise<Customer>;
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
  /** Ready-to-use endpoints for the account, built from its credentials and the configured gateway. */
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

export interface Order {
  id: string;
  product: string;
  status: string;
  expiresAt?: string | null;
  quantity?: number;
  autoRenewal?: boolean;
}

export interface OrdersCapability {
  list(query?: { status?: string }): Promise<Order[]>;
  get(orderId: string): Promise<Order>;
  /** Secret: the order's proxies with their credentials. */
  proxies(orderId: string): Promise<ProxyEndpoint[]>;
}

/** A rule stricter than SPEC's username rule, checked before any request. */
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
