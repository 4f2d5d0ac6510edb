import { vendorTime } from '../../providers/proxylite/rules.js';
import { GB, KB } from '../../providers/units.js';

/**
 * The ProxyLite simulator's state. Units are the vendor's: usage in KB, limits in GB. Sub-account
 * traffic is drawn from the reseller's traffic packages, which is how ProxyLite charges.
 */

export interface SimAccount {
  id: number;
  username: string;
  password: string;
  created_at: string;
  remark: string;
  product_type: number;
  /** KB */
  usage_flow: number;
  /** GB; 0 = no limit */
  limit_flow: number;
  status: 0 | 1;
}

export interface SimUsageRecord {
  username: string;
  product_type: number;
  /** YYYY-MM-DD */
  day: string;
  /** KB */
  flow: number;
}

export interface SimPackage {
  id: number;
  product_type: number;
  trade_no: string;
  /** The order's title, as user-product/list shows it. */
  title?: string;
  created_at: string;
  expired_at: string;
  /** KB */
  total: number;
  /** KB */
  used: number;
}

export interface PaymentItem {
  id: number;
  title: string;
  logo: string;
  /** `balance` pays at once; the others leave the order pending. */
  group: string;
  disabled: boolean;
  min: number;
  max: number;
}

/** An order as /order/list and /order/create show it; money in USD floats. */
export interface SimOrder {
  id: number;
  trade_no: string;
  product_id: number;
  product_type: number;
  amount: number;
  unit_price: number;
  total_fee: number;
  goods_fee: number;
  pay_fee: number;
  discount_fee: number;
  handling_fee: number;
  pm_id: number;
  pm_title: string;
  /** 0 pending payment, 1 paid, 2 timed out, 3 refunded. */
  status: 0 | 1 | 2 | 3;
  title: string;
  region_desc: string;
  /** ISO-8601 with zone, as the doc's examples. */
  created_at: string;
  pay_at: string | null;
}

export interface ProxyLiteState {
  accounts: SimAccount[];
  usage: SimUsageRecord[];
  packages: SimPackage[];
  orders: SimOrder[];
  /** The account balance in USD cents; it pays orders made with the balance method. */
  balanceCents: number;
  /** Static IPs for sale per region, by `isp` (0 datacenter, 1 residential). */
  regions: Record<0 | 1, Map<string, number>>;
  /** Packages left of products with a stock limit, by product id. */
  remaining: Map<number, number>;
  /** /payment/groups; a test may take the balance method away. */
  paymentGroups: Array<{ name: string; logos: string[]; items: PaymentItem[] }>;
  nextOrderId: number;
  /** false makes the documented code 156 ("account not authenticated") come back. */
  realNameVerified: boolean;
  nextAccountId: number;
}

/** KB in a GB: the vendor counts usage in KB and sells packages in GB. */
export const gbInKb = GB / KB;
export const dayMs = 86_400_000;

/** The vendor's "Y-m-d H:i:s". */
export const formatTime = vendorTime;

export function formatDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function summarise(state: ProxyLiteState, productType: number, now: Date) {
  const nowText = formatTime(now);
  const soon = formatTime(new Date(now.getTime() + 7 * dayMs));
  const packages = state.packages.filter((p) => p.product_type === productType);
  const live = packages.filter((p) => p.expired_at > nowText);
  const expiring = live.filter((p) => p.expired_at <= soon);
  const expired = packages.filter((p) => p.expired_at <= nowText);
  const sum = (list: SimPackage[], f: (p: SimPackage) => number) => list.reduce((s, p) => s + f(p), 0);
  return {
    total: sum(packages, (p) => p.total),
    total_count: packages.length,
    effective: sum(live, (p) => p.total - p.used),
    effective_count: live.length,
    effective_total: sum(live, (p) => p.total),
    effective_used: sum(live, (p) => p.used),
    temporary: sum(expiring, (p) => p.total - p.used),
    temporary_count: expiring.length,
    expired: sum(expired, (p) => p.total - p.used),
    expired_count: expired.length,
    used: sum(packages, (p) => p.used),
  };
}

/** Traffic spent through an account, drawn from the reseller's live packages of that type, oldest first. */
export function consume(state: ProxyLiteState, username: string, kb: number, now: Date): void {
  const account = state.accounts.find((a) => a.username === username);
  if (!account) throw new Error(`no account ${username}`);
  account.usage_flow += kb;
  state.usage.push({ username, product_type: account.product_type, day: formatDay(now), flow: kb });
  const nowText = formatTime(now);
  let left = kb;
  for (const p of state.packages.filter((x) => x.product_type === account.product_type && x.expired_at > nowText)) {
    const take = Math.min(left, p.total - p.used);
    p.used += take;
    left -= take;
  }
}

/** 28 digits like the doc's examples: the time, then a running number. */
export function tradeNo(state: ProxyLiteState, at: Date): string {
  state.nextOrderId += 1;
  const stamp = at.toISOString().replace(/\D/g, '').slice(0, 14);
  return `${stamp}${String(state.nextOrderId).padStart(14, '0')}`;
}
