/** The InfiniteProxies simulator's state, in the vendor's units (MB). */

export interface InfiniteProxiesSimCustomer {
  username: string;
  proxyPassword: string;
  /** MB, as the vendor counts it. */
  balanceMb: number;
  /** `YYYY-MM-DD` → MB used that day. */
  usageMb: Map<string, number>;
}

export interface InfiniteProxiesSimReseller {
  username: string;
  proxyPassword: string;
  balanceResidentialMb: number;
  balanceMobileMb: number;
}

export interface InfiniteProxiesSimState {
  reseller: InfiniteProxiesSimReseller;
  /** By lowercase username. */
  customers: Map<string, InfiniteProxiesSimCustomer>;
  /** The docs' schema (`consumption`) or their example (dates straight under `payload`). */
  transactionsShape: 'flat' | 'consumption';
  createCostMb: number;
}

/** What the route files share. */
export interface SimContext {
  state: InfiniteProxiesSimState;
  apiKey: string;
  authHeader: string;
  now(): Date;
  random(): number;
}

const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

export function proxyPasswordFrom(random: () => number): string {
  let out = '';
  for (let i = 0; i < 16; i++) out += alphabet[Math.floor(random() * alphabet.length)];
  return out;
}

export function isoDay(now: Date, daysAgo: number): string {
  return new Date(now.getTime() - daysAgo * 86_400_000).toISOString().slice(0, 10);
}
