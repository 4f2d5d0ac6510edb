import type { BarSeries } from '../../src/images/chart.js';

/** Two weeks of a customer's traffic, as `/usage show` and a usage alert draw it. */
export const usageSeries: BarSeries = {
  title: 'alice on ProxyShard: daily usage',
  labels: Array.from({ length: 14 }, (_, i) => `06-${String(i + 1).padStart(2, '0')}`),
  values: [60, 93.6, 96.4, 65.6, 29.7, 21.6, 48.8, 86.3, 99.6, 76.5, 38.2, 20, 38.5, 76.8],
  unit: 'MB',
};

/** The daily digest's chart: one bar per provider. */
export const digestSeries: BarSeries = {
  title: 'Traffic used by customers, per provider',
  labels: ['InfiniteProxies', 'ProxyShard', 'ProxyLite', 'VPNresellers', 'Youproxy'],
  values: [12.5, 340, 88, 0, 51],
  unit: 'GB',
};
