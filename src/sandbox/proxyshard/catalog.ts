/**
 * What the simulated ProxyShard sells. Product names are the vendor's (typos included); cycles, stock,
 * promo codes and prices are invented: plausible, stable numbers in USD cents.
 */

export interface SimProduct {
  id: number;
  name: string;
  description: string;
  /** How `available-count` names it (the spec's example says "dc"). */
  stockKey?: string;
  /** Cycle names with their length in days (null: lifetime). */
  cycles: Record<string, number | null>;
  /** Cents per unit (IP, GB or package) per cycle. */
  prices: Record<string, number>;
  /** Locations it is sold in, for datacenter and ISP; none for residential. */
  locations: string[];
  shape: 'dc-isp' | 'residential-gb' | 'unmetered';
}

export const cycleIds: Record<string, number> = { weekly: 1, monthly: 2, quarterly: 3, daily: 4, lifetime: 9 };

export const products: SimProduct[] = [
  {
    id: 1,
    name: 'Datacenter Proxy',
    description: 'Dedicated IPv4 datacenter proxies, HTTP and SOCKS5',
    stockKey: 'dc',
    cycles: { weekly: 7, monthly: 30, quarterly: 90 },
    prices: { weekly: 90, monthly: 250, quarterly: 690 },
    locations: ['DE', 'NL', 'US', 'FR', 'GB'],
    shape: 'dc-isp',
  },
  {
    id: 2,
    name: 'ISP Proxy',
    description: 'Static residential (ISP) IPv4 proxies',
    stockKey: 'isp',
    cycles: { monthly: 30, quarterly: 90 },
    prices: { monthly: 490, quarterly: 1350 },
    locations: ['US', 'DE', 'GB'],
    shape: 'dc-isp',
  },
  {
    id: 3,
    name: 'Standart Residential Proxy',
    description: 'Rotating residential traffic, never expires',
    cycles: { lifetime: null },
    prices: { lifetime: 300 },
    locations: [],
    shape: 'residential-gb',
  },
  {
    id: 4,
    name: 'Premium Residential Proxy',
    description: 'Premium residential traffic with ISP targeting, never expires',
    cycles: { lifetime: null },
    prices: { lifetime: 650 },
    locations: [],
    shape: 'residential-gb',
  },
  {
    id: 5,
    name: 'Unmetered Residential proxy',
    description: 'Unlimited residential traffic on one port',
    cycles: { daily: 1, weekly: 7, monthly: 30 },
    prices: { daily: 1500, weekly: 7900, monthly: 24900 },
    locations: [],
    shape: 'unmetered',
  },
];

export const productNamed = (name: unknown) => products.find((p) => p.name === name);

/** IPs left per product and location at the start; GB of datacenter is sold out. */
export function initialStock(): Map<string, number> {
  return new Map([
    ['Datacenter Proxy:DE', 120],
    ['Datacenter Proxy:NL', 80],
    ['Datacenter Proxy:US', 200],
    ['Datacenter Proxy:FR', 40],
    ['Datacenter Proxy:GB', 0],
    ['ISP Proxy:US', 35],
    ['ISP Proxy:DE', 12],
    ['ISP Proxy:GB', 8],
  ]);
}

export interface SimPromo {
  code: string;
  percent: number;
  /** Only these products; all when absent. */
  products?: string[];
  expired?: boolean;
}

export const promoCodes: SimPromo[] = [
  { code: 'SAVE10', percent: 10 },
  { code: 'DC20', percent: 20, products: ['Datacenter Proxy'] },
  { code: 'SPRING5', percent: 5, expired: true },
];

/** The vendor's messages for a promo code it will not take, or the discount. */
export function promoFor(code: unknown, product: string): { percent: number } | { error: string } {
  if (code === undefined || code === null || code === '') return { percent: 0 };
  const promo = promoCodes.find((p) => p.code === code);
  if (!promo) return { error: 'Invalid promo code' };
  if (promo.expired) return { error: 'Promo code has expired' };
  if (promo.products && !promo.products.includes(product)) return { error: 'Promo code is not valid for this product' };
  return { percent: promo.percent };
}

export function price(product: SimProduct, cycle: string, quantity: number, percent: number) {
  const original = (product.prices[cycle] ?? 0) * quantity;
  return {
    original_price: original,
    final_price: Math.round((original * (100 - percent)) / 100),
    discount_percent: percent,
  };
}
