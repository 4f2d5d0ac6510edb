import { addDays, buildOrder, type IdSource, type NewOrder, type SimOrder } from './state.js';

type SeedOrder = Omit<NewOrder, 'dateStart' | 'dateEnd' | 'goal'> & {
  goal?: string;
  startedDaysAgo: number;
  daysLeft: number;
};

/**
 * Ten believable orders: the first (IPv4, LOGIN, five IPs, two months left) is the one tests extend.
 * One order expires within 3 days, two have ended (shown as disabled).
 */
const seedOrders: SeedOrder[] = [
  { proxyType: 'IPv4', country: 'USA', authType: 'LOGIN', quantity: 5, startedDaysAgo: 30, daysLeft: 60 },
  {
    proxyType: 'IPv4',
    country: 'DEU',
    authType: 'IP',
    authIp: '203.0.113.24',
    quantity: 3,
    startedDaysAgo: 5,
    daysLeft: 25,
  },
  {
    proxyType: 'IPv6',
    country: 'USA',
    authType: 'LOGIN',
    protocol: 'SOCKS',
    quantity: 10,
    startedDaysAgo: 10,
    daysLeft: 80,
  },
  {
    proxyType: 'IPv6',
    country: 'DEU',
    authType: 'IP',
    authIp: '198.51.100.7',
    protocol: 'HTTP',
    quantity: 20,
    startedDaysAgo: 45,
    daysLeft: 135,
  },
  {
    proxyType: 'MOBILE',
    country: 'USA',
    authType: 'LOGIN',
    mobileOperator: 'verizon',
    rotationTime: 300,
    quantity: 1,
    startedDaysAgo: 18,
    daysLeft: 12,
  },
  { proxyType: 'ISP', country: 'GBR', authType: 'LOGIN', quantity: 2, startedDaysAgo: 28, daysLeft: 2 },
  { proxyType: 'IPv4', country: 'FRA', authType: 'LOGIN', quantity: 2, startedDaysAgo: 35, daysLeft: -5 },
  {
    proxyType: 'ISP',
    country: 'USA',
    authType: 'IP',
    authIp: '192.0.2.80',
    quantity: 4,
    startedDaysAgo: 100,
    daysLeft: -40,
  },
  { proxyType: 'IPv4', country: 'NLD', authType: 'LOGIN', quantity: 1, startedDaysAgo: 210, daysLeft: 150 },
  {
    proxyType: 'MOBILE',
    country: 'GBR',
    authType: 'LOGIN',
    mobileOperator: 'vodafone',
    rotationTime: 600,
    quantity: 1,
    startedDaysAgo: 1,
    daysLeft: 29,
  },
];

const goals = [
  'Social media',
  'SEO monitoring',
  'Price scraping',
  'Ad verification',
  'Sneaker drops',
  'Market research',
];

export function seed(ids: IdSource, now: Date): SimOrder[] {
  const orders = seedOrders.map(({ startedDaysAgo, daysLeft, goal, ...order }, i) =>
    buildOrder(ids, {
      ...order,
      goal: goal ?? (goals[i % goals.length] as string),
      dateStart: addDays(now, -startedDaysAgo),
      dateEnd: addDays(now, daysLeft),
    }),
  );
  // IPs of one order extended one by one end on different days; the order runs until the last.
  const mixed = orders[1] as SimOrder;
  if (mixed.ips[0]) mixed.ips[0].dateEnd = addDays(now, 55);
  return orders;
}

/** One-IP IPv4 orders in bulk, for benchmarks over thousands of "customers". */
export function extraOrders(ids: IdSource, now: Date, count: number): SimOrder[] {
  return Array.from({ length: count }, (_, i) =>
    buildOrder(ids, {
      proxyType: 'IPv4',
      country: 'USA',
      authType: 'LOGIN',
      goal: 'Bulk',
      quantity: 1,
      dateStart: addDays(now, -(i % 30)),
      dateEnd: addDays(now, (i % 90) - 10),
    }),
  );
}
