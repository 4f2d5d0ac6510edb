/**
 * Orders: what a reseller buys upstream with its balance at the vendor. Money is in minor units with
 * its ISO currency, traffic in bytes, dates ISO-8601, as everywhere in the provider layer. The
 * capability itself is `OrdersCapability` in types.ts.
 */

export interface Money {
  /** Minor units (cents). */
  minor: number;
  /** ISO 4217, upper case. */
  currency: string;
}

/** What a change costs, or a balance it is paid from: money, or traffic off the reseller's own pool. */
export type Amount =
  | { kind: 'money'; minor: number; currency: string }
  | { kind: 'traffic'; bytes: number; displayUnit: 'MB' | 'GB' };

/**
 * The price of a paid change before it is made. `known: false` when the vendor's API cannot tell;
 * `reason` is a sentence the question can show as it is.
 */
export type Cost =
  | {
      known: true;
      amount: Amount;
      /** The reseller balance it comes from, now and after the change, when the vendor reports it. */
      balance?: Amount;
      balanceAfter?: Amount;
      /** Which balance that is ("Residential traffic", "Wallet"). */
      from?: string;
      /** A caveat about the figure, for the question. */
      note?: string;
    }
  | { known: false; reason: string };

/** `none`: no code was given; `invalid`: the vendor does not accept it (Youproxy would charge full price). */
export type PromoStatus = 'none' | 'valid' | 'invalid';

/** What the bot knows an order to be. `on-hold`: ran out and can still be renewed (ProxyShard). */
export type OrderStatus = 'active' | 'on-hold' | 'expired' | 'cancelled' | 'pending';

/** `expired` lists every order that stopped running: on-hold, expired and cancelled. */
export type OrderStatusFilter = 'active' | 'expired' | 'all';

export interface Order {
  /** The vendor's order id as a string (ids run past 2^53): what info, renew and config take. */
  id: string;
  /** The product as the vendor names it (proxy type, product name, package title). */
  product: string;
  status: OrderStatus;
  /** The vendor's own status word, where it says more than `status`. */
  vendorStatus?: string;
  /** null when it never expires (lifetime traffic). */
  expiresAt?: string | null;
  createdAt?: string;
  /** IPs, GB or packages, as the vendor counts them for this product. */
  quantity?: number;
  /** Country or location code. */
  location?: string;
  /** The billing period in the vendor's words ("monthly", "30 days"). */
  period?: string;
  autoRenewal?: boolean;
  /** What was paid for it, when the vendor says. */
  price?: Money;
  /** Vendor-specific facts worth showing (never secrets). */
  extra?: Record<string, string | number | boolean | null>;
}

export interface OrderListQuery {
  /** Default `all`. */
  status?: OrderStatusFilter;
  /** 1-based. */
  page?: number;
  perPage?: number;
}

export interface OrderPage {
  orders: Order[];
  page: number;
  pages: number;
  total: number;
}

/** The options `quote` and `buy` may take; a vendor lists the ones it takes in `OrderCatalog.options`. */
export type OrderOption =
  | 'country'
  | 'regions'
  | 'period'
  | 'protocol'
  | 'operator'
  | 'rotation'
  | 'auth'
  | 'authIp'
  | 'goal'
  | 'promo'
  | 'autoRenew';

export interface OrderInput {
  /** Youproxy `ipv4|ipv6|mobile|isp`; ProxyShard the product name or an alias; ProxyLite the product id. */
  product: string;
  /** IPs, GB or packages (see the catalog's `quantity.unit`); default 1. */
  quantity?: number;
  /** Youproxy alpha-3 country, ProxyShard location, ProxyLite region (with `quantity`). */
  country?: string;
  /** ProxyLite static IPs in several regions at once; instead of `country` + `quantity`. */
  regions?: Array<{ code: string; quantity: number; asn?: string }>;
  /** Youproxy rent days, ProxyShard cycle name, ProxyLite days (a multiple the product allows). */
  period?: string;
  /** Youproxy IPv6: `http` or `socks`. */
  protocol?: string;
  /** Youproxy mobile operator tag. */
  operator?: string;
  /** Youproxy mobile rotation time, seconds, as the operator list gives it. */
  rotation?: number;
  /** Youproxy: default `login`. */
  auth?: 'login' | 'ip';
  /** IPv4 address the proxies are bound to, with `auth: 'ip'`. */
  authIp?: string;
  /** Youproxy's required "goal" (what the proxies are for); a neutral default is sent when absent. */
  goal?: string;
  promo?: string;
  /** ProxyShard datacenter, ISP and unmetered products. */
  autoRenew?: boolean;
}

export type ProductKind = 'datacenter' | 'ipv6' | 'isp' | 'mobile' | 'residential' | 'other';

export interface CatalogChoice {
  /** The value the option takes. */
  id: string;
  name?: string;
  /** How many can be bought there now, when the vendor says. */
  available?: number;
}

export interface CatalogPeriod {
  /** The value `period` takes. */
  id: string;
  label: string;
  days?: number;
}

export interface CatalogOperator {
  /** The value `operator` takes. */
  id: string;
  name: string;
  country?: string;
  /** The values `rotation` takes, in seconds. */
  rotations: number[];
}

export interface CatalogProduct {
  /** The value `product` takes. */
  id: string;
  name: string;
  /** Other values `product` accepts for it (short names). */
  aliases: string[];
  kind: ProductKind;
  description?: string;
  /** Empty when the product has no location to choose. */
  locations: CatalogChoice[];
  locationRequired: boolean;
  /** Empty when the product has a single fixed period. */
  periods: CatalogPeriod[];
  periodRequired: boolean;
  quantity: { min: number; max?: number; unit: 'IP' | 'GB' | 'package' };
  operators?: CatalogOperator[];
  protocols?: string[];
  authTypes?: Array<'login' | 'ip'>;
  /** The catalog's own price for one unit and the first period, where it shows one; quotes still come from the vendor. */
  listPrice?: Money;
  /** `setAutoRenew` works for its orders. */
  autoRenew: boolean;
  /** `renew` works for its orders. */
  renewable: boolean;
  notes: string[];
}

export interface PromoCode {
  code: string;
  discountPercent?: number;
  endsAt?: string | null;
  description?: string;
}

export interface OrderCatalog {
  products: CatalogProduct[];
  /** The options quote and buy take at this vendor; any other is refused before a request. */
  options: OrderOption[];
  /** Promo codes the vendor lists publicly (Youproxy). */
  promoCodes?: PromoCode[];
  notes: string[];
}

export interface CatalogQuery {
  /** Only this product (fewer requests where the vendor lists per product). */
  product?: string;
}

export interface OrderQuote {
  /** The product in the vendor's words. */
  product: string;
  quantity: number;
  period?: string;
  location?: string;
  /** What the vendor will charge: its own calculation, after any discount. */
  price: Money;
  /** Before the discount, when the vendor says. */
  listPrice?: Money;
  discountPercent?: number;
  /** The reseller balance at the vendor now, when the vendor reports it. */
  balance?: Money;
  /** balance − price, when the balance is known. */
  balanceAfter?: Money;
  promo: PromoStatus;
  /** The vendor's warnings and the bot's caveats about this figure, as sentences. */
  warnings: string[];
  /** Set when the bot cannot pay for this at the vendor (quotes only): why, for the reply. */
  quotesOnly?: string;
}

/** What a purchase, renewal or bandwidth top-up did. Never thrown away: the money is spent. */
export interface OrderChange {
  /** The order id as a string. */
  id: string;
  /** What the vendor says it charged, when it says. */
  charged?: Money;
  /** The reseller balance after, when the vendor says. */
  balanceAfter?: Money;
  promo: PromoStatus;
  /** The order re-read after the change; absent when that read failed (the change still happened). */
  order?: Order;
  warnings: string[];
}

export interface RenewalInput {
  /** Youproxy days, ProxyLite `1m|2m|em`; ProxyShard renews an order for its own cycle. */
  period?: string;
  promo?: string;
}
