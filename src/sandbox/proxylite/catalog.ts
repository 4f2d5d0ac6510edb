import type { ProxyLiteState } from './state.js';

/**
 * What the simulated ProxyLite sells: a few packages of each kind with USD prices (the account's
 * preferred currency), static IP regions with stock, the payment methods and coupons. All invented:
 * plausible, stable numbers.
 */

export interface SimProduct {
  id: number;
  title: string;
  type: number;
  /** USD per package, or per IP for static IPs, for `time_days`. */
  usdPrice: number;
  timeDays: number;
  flowGb?: number;
  /** Duration multiples (`etd`) on offer; `[]` when the package has one duration. */
  extensions: number[];
  /** Price coefficient of a longer duration: price × (1 + (multiple − 1) × rate). */
  rate: number;
  /** 0 = no limit. */
  totalCount: number;
  parentType?: number;
  showType?: number;
}

export const products: SimProduct[] = [
  {
    id: 101,
    title: 'Residential traffic 10 GB',
    type: 9,
    usdPrice: 35,
    timeDays: 30,
    flowGb: 10,
    extensions: [1, 2, 3],
    rate: 0.9,
    totalCount: 0,
  },
  {
    id: 102,
    title: 'Residential traffic 100 GB',
    type: 9,
    usdPrice: 280,
    timeDays: 90,
    flowGb: 100,
    extensions: [],
    rate: 1,
    totalCount: 0,
  },
  {
    id: 121,
    title: 'Long-term IDC traffic 50 GB',
    type: 12,
    usdPrice: 40,
    timeDays: 365,
    flowGb: 50,
    extensions: [],
    rate: 1,
    totalCount: 500,
  },
  {
    id: 141,
    title: 'Datacenter static IP',
    type: 14,
    usdPrice: 2.5,
    timeDays: 30,
    extensions: [1, 2, 3],
    rate: 0.95,
    totalCount: 0,
  },
  {
    id: 251,
    title: 'Residential static IP',
    type: 25,
    usdPrice: 6,
    timeDays: 30,
    extensions: [1, 2],
    rate: 1,
    totalCount: 0,
  },
  {
    id: 191,
    title: 'Static IP renewal (datacenter)',
    type: 19,
    usdPrice: 2.5,
    timeDays: 30,
    extensions: [],
    rate: 1,
    totalCount: 0,
    parentType: 14,
  },
  {
    id: 192,
    title: 'Static IP renewal (residential)',
    type: 19,
    usdPrice: 6,
    timeDays: 30,
    extensions: [],
    rate: 1,
    totalCount: 0,
    parentType: 25,
  },
  {
    id: 111,
    title: 'Unlimited dynamic (custom)',
    type: 11,
    usdPrice: 199,
    timeDays: 30,
    extensions: [],
    rate: 1,
    totalCount: 0,
    showType: 3,
  },
  { id: 301, title: 'Balance recharge', type: 3, usdPrice: 1, timeDays: 0, extensions: [], rate: 1, totalCount: 0 },
];

export const productById = (id: unknown) => products.find((p) => p.id === id);

/** Static IPs for sale per region: `isp` 0 is datacenter (type 14), 1 residential (type 25). */
export function initialRegions(): Record<0 | 1, Map<string, number>> {
  return {
    0: new Map([
      ['US', 55],
      ['DE', 30],
      ['JP', 15],
      ['SG', 0],
    ]),
    1: new Map([
      ['US', 24],
      ['GB', 10],
      ['JP', 6],
    ]),
  };
}

export const ispOf: Record<number, 0 | 1> = { 14: 0, 25: 1 };

/** The balance method pays at once; the others leave an order pending (paid in a browser). */
export const paymentGroups: ProxyLiteState['paymentGroups'] = [
  {
    name: 'Balance',
    logos: [],
    items: [{ id: 1, title: 'Account balance', logo: '', group: 'balance', disabled: false, min: 0, max: 0 }],
  },
  {
    name: 'Crypto',
    logos: [],
    items: [{ id: 7, title: 'USDT (TRC20)', logo: '', group: 'crypto', disabled: false, min: 5, max: 10000 }],
  },
  {
    name: 'Card',
    logos: [],
    items: [{ id: 12, title: 'Visa / Mastercard', logo: '', group: 'card', disabled: false, min: 1, max: 5000 }],
  },
];

export const paymentMethod = (state: ProxyLiteState, id: unknown) =>
  state.paymentGroups.flatMap((g) => g.items).find((i) => i.id === id && !i.disabled);

export const coupons = [
  { code: 'LITE10', percent: 10, expired: false },
  { code: 'NEWYEAR24', percent: 20, expired: true },
];

/** The vendor's answers to a coupon: the discount, or why not. */
export function couponFor(code: unknown): { percent: number } | { error: string } {
  if (code === undefined || code === null || code === '') return { percent: 0 };
  const coupon = coupons.find((c) => c.code === code);
  if (!coupon) return { error: 'Coupon does not exist' };
  return coupon.expired ? { error: 'Coupon has expired' } : { percent: coupon.percent };
}

/** The product as GET /end-point/product lists it. */
export function productJson(p: SimProduct, remaining: number) {
  const local = p.usdPrice;
  return {
    id: p.id,
    title: p.title,
    type: p.type,
    show_type: p.showType ?? 1,
    status: 1,
    price: Math.round(local * 7.2 * 100) / 100,
    usd_price: local,
    price_hkd: Math.round(local * 7.8 * 100) / 100,
    local_price: local,
    preferred_currency: 'usd',
    support_currencies: 'usd,cny,hkd',
    flow_value: p.flowGb ?? 0,
    time_days: p.timeDays,
    renew_product_list: '',
    parent_product_type: p.parentType ?? 0,
    total_count: p.totalCount,
    remain_count: remaining,
    extension_of_time_days: p.extensions,
    time_days_price_rate: p.rate,
    desc: { subtitle: p.flowGb ? `${p.flowGb} GB, ${p.timeDays} days` : `${p.timeDays} days per IP` },
  };
}
