/**
 * Believable starting data for the InfiniteProxies simulator, deterministic for a given clock:
 * a healthy reseller pool, ten customers (one busy with a spike day, one under 20 % of what it
 * bought, one empty) and any number of generated ones for benchmarks.
 */
import {
  type InfiniteProxiesSimCustomer,
  type InfiniteProxiesSimReseller,
  isoDay,
  proxyPasswordFrom,
} from './state.js';

interface SeedCustomer {
  username: string;
  balanceMb: number;
  /** Average MB a day over the last 30 days (0 = idle). */
  dailyMb: number;
  /** Days ago of a day at ~5× the average. */
  spikeDaysAgo?: number;
}

/** The first one is the busy account the contract tests use. */
export const seedCustomers: SeedCustomer[] = [
  { username: 'northwind_ops', balanceMb: 48_000, dailyMb: 1_200, spikeDaysAgo: 4 },
  { username: 'acme_scraper', balanceMb: 9_500, dailyMb: 310 },
  // Bought 2,000 MB, has 150 left: under 20 %.
  { username: 'bluefin_data', balanceMb: 150, dailyMb: 120 },
  // Spent everything.
  { username: 'kestrel_seo', balanceMb: 0, dailyMb: 45 },
  { username: 'marlow_retail', balanceMb: 22_000, dailyMb: 640 },
  { username: 'orchid_labs', balanceMb: 3_400, dailyMb: 95 },
  { username: 'pinecrest_ads', balanceMb: 12_750, dailyMb: 410 },
  { username: 'quarry_io', balanceMb: 800, dailyMb: 0 },
  { username: 'sable_analytics', balanceMb: 65_000, dailyMb: 2_100 },
  { username: 'tundra_monitor', balanceMb: 1_020, dailyMb: 30 },
];

function usageFor(seed: SeedCustomer, now: Date, random: () => number): Map<string, number> {
  const usage = new Map<string, number>();
  if (seed.dailyMb === 0) return usage;
  for (let daysAgo = 29; daysAgo >= 0; daysAgo--) {
    const factor = daysAgo === seed.spikeDaysAgo ? 5 : 0.6 + random() * 0.8;
    usage.set(isoDay(now, daysAgo), Math.round(seed.dailyMb * factor * 100) / 100);
  }
  return usage;
}

export function seedState(now: Date, random: () => number, seed: boolean, extra: number) {
  const reseller: InfiniteProxiesSimReseller = {
    username: 'infproxy_resellerops',
    proxyPassword: proxyPasswordFrom(random),
    balanceResidentialMb: 250_000,
    balanceMobileMb: 30_000,
  };
  const customers = new Map<string, InfiniteProxiesSimCustomer>();
  if (seed) {
    for (const s of seedCustomers) {
      customers.set(s.username, {
        username: s.username,
        proxyPassword: proxyPasswordFrom(random),
        balanceMb: s.balanceMb,
        usageMb: usageFor(s, now, random),
      });
    }
  }
  for (let i = 1; i <= extra; i++) {
    const username = `bench_customer_${String(i).padStart(5, '0')}`;
    customers.set(username, {
      username,
      proxyPassword: proxyPasswordFrom(random),
      balanceMb: (i * 10) % 5_000,
      usageMb: new Map(),
    });
  }
  return { reseller, customers };
}
