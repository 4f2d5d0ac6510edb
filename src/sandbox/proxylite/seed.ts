import { seededRandom } from '../random.js';
import { initialRegions, paymentGroups, products } from './catalog.js';
import { seedOrders } from './seed-orders.js';
import { dayMs, formatDay, formatTime, gbInKb, type ProxyLiteState, type SimAccount } from './state.js';

/** Seed data of the ProxyLite simulator: ten accounts covering the alert cases, and traffic packages. */

interface SeedAccount {
  username: string;
  limitGb: number;
  usedGb: number;
  status?: 0 | 1;
  productType?: number;
  remark?: string;
  historyDays?: number;
}

/** emmaclark is the well-used account with a spike; the rest cover the alert cases. */
const seedAccounts: SeedAccount[] = [
  { username: 'emmaclark', limitGb: 500, usedGb: 0, remark: 'Agency plan', historyDays: 30 },
  { username: 'liamwong', limitGb: 50, usedGb: 42, remark: 'Below 20 % left', historyDays: 10 },
  { username: 'sofiaperez', limitGb: 20, usedGb: 20, remark: 'Used up', historyDays: 7 },
  { username: 'noahsmith', limitGb: 30, usedGb: 4, status: 0, remark: 'Paused by owner', historyDays: 5 },
  { username: 'oliviachen', limitGb: 0, usedGb: 75, remark: 'Unlimited (trusted)', historyDays: 14 },
  { username: 'lucasmartin', limitGb: 100, usedGb: 12, historyDays: 6 },
  { username: 'miagarcia', limitGb: 40, usedGb: 3, productType: 11, historyDays: 3 },
  { username: 'ethanbrown', limitGb: 25, usedGb: 9, remark: 'Trial', historyDays: 4 },
  { username: 'avakim', limitGb: 200, usedGb: 61, productType: 14, historyDays: 12 },
  { username: 'jamesreed', limitGb: 10, usedGb: 1, historyDays: 2 },
];

function seedHistory(state: ProxyLiteState, account: SimAccount, days: number, totalKb: number, now: Date) {
  const rand = seededRandom(account.id * 7919);
  if (days <= 0) return;
  const weights = Array.from({ length: days }, () => 0.6 + rand() * 0.8);
  // One spike day at ~5x the average, for usage alerts to find.
  if (days >= 30) weights[days - 11] = 5;
  const sum = weights.reduce((a, b) => a + b, 0);
  let left = totalKb;
  weights.forEach((w, i) => {
    const flow = i === days - 1 ? left : Math.round((totalKb * w) / sum);
    left -= flow;
    const day = formatDay(new Date(now.getTime() - (days - 1 - i) * dayMs));
    state.usage.push({ username: account.username, product_type: account.product_type, day, flow });
  });
}

export function seedState(now: Date, seed: boolean, extraCustomers: number): ProxyLiteState {
  const state: ProxyLiteState = {
    accounts: [],
    usage: [],
    packages: [],
    orders: [],
    balanceCents: 25_000,
    regions: initialRegions(),
    remaining: new Map(products.filter((p) => p.totalCount > 0).map((p) => [p.id, p.totalCount])),
    paymentGroups: structuredClone(paymentGroups),
    nextOrderId: 5000,
    realNameVerified: true,
    nextAccountId: 1001,
  };
  if (seed) {
    seedAccounts.forEach((s, i) => {
      const account: SimAccount = {
        id: state.nextAccountId++,
        username: s.username,
        password: `Pw${s.username.slice(0, 4)}${4821 + i * 37}`,
        created_at: formatTime(new Date(now.getTime() - (60 - i * 4) * dayMs)),
        remark: s.remark ?? '',
        product_type: s.productType ?? 9,
        usage_flow: 0,
        limit_flow: s.limitGb,
        status: s.status ?? 1,
      };
      // emmaclark: ~4 GB a day over 30 days.
      const totalKb = s.username === 'emmaclark' ? 30 * 4 * gbInKb : s.usedGb * gbInKb;
      seedHistory(state, account, s.historyDays ?? 0, totalKb, now);
      account.usage_flow = totalKb;
      state.accounts.push(account);
    });
  }
  for (let i = 1; i <= extraCustomers; i++) {
    state.accounts.push({
      id: state.nextAccountId++,
      username: `customer${String(i).padStart(5, '0')}`,
      password: `Gen${(i * 7_654_321) % 9_999_991}x`,
      created_at: formatTime(now),
      remark: '',
      product_type: 9,
      usage_flow: (i % 50) * 10_000,
      limit_flow: 10 + (i % 20),
      status: i % 17 === 0 ? 0 : 1,
    });
  }
  const usedKb = state.accounts.filter((a) => a.product_type === 9).reduce((sum, a) => sum + a.usage_flow, 0);
  const at = (days: number) => formatTime(new Date(now.getTime() + days * dayMs));
  state.packages.push(
    {
      id: 1,
      product_type: 9,
      trade_no: '2025081512134339861461465434',
      created_at: at(-200),
      expired_at: at(-20),
      total: 200 * gbInKb,
      used: 150 * gbInKb,
    },
    {
      id: 2,
      product_type: 9,
      trade_no: '2025101012134339861461469981',
      created_at: at(-40),
      expired_at: at(325),
      total: 5000 * gbInKb,
      used: Math.min(usedKb, 5000 * gbInKb),
    },
    {
      id: 3,
      product_type: 9,
      trade_no: '2025111812134339861461470102',
      created_at: at(-5),
      expired_at: at(5),
      total: 100 * gbInKb,
      used: 0,
    },
    {
      id: 4,
      product_type: 12,
      trade_no: '2025110112134339861461470077',
      created_at: at(-20),
      expired_at: at(345),
      total: 300 * gbInKb,
      used: 40 * gbInKb,
    },
  );
  if (seed) seedOrders(state, now);
  return state;
}

/** The documented summary: remaining, totals and used per group, all in KB. */
