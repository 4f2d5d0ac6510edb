import { GB } from '../../providers/units.js';
import { seededRandom } from '../random.js';
import { initialStock } from './catalog.js';
import { addSubUser, buildProxies, type ProxyShardState, type SimOrder, type SimPool } from './state.js';

/** Seed data of the ProxyShard simulator: ten sub-users in both pools and orders of every kind. */

const seedCustomers: Array<[name: string, pool: SimPool, dataGb: number, spentGb: number]> = [
  ['maria_kowalski', 'standart', 50, 12.4],
  ['jonas.weber', 'standart', 20, 3.1],
  ['tom_h', 'standart', 10, 8.7],
  ['li_wei', 'standart', 5, 5],
  ['sofia-r', 'standart', 30, 0.8],
  ['ahmed_k', 'premium', 15, 6.2],
  ['emma.larsen', 'premium', 8, 1],
  ['diego_m', 'standart', 2, 0.3],
  ['nina_p', 'standart', 100, 41.5],
  ['kenji.sato', 'standart', 12, 4],
];

const day = 86_400_000;

function seedOrders(state: ProxyShardState, now: Date): void {
  const at = (days: number) => new Date(now.getTime() + days * day).toISOString();
  const order = (
    o: Omit<SimOrder, 'proxies' | 'tag' | 'created_at'> & { created: number },
    proxies = 0,
    subnet = '',
  ) => {
    const { created, ...rest } = o;
    state.orders.push({
      ...rest,
      tag: null,
      created_at: at(created),
      proxies: proxies > 0 && rest.expires_at ? buildProxies(state, o.order_id, proxies, subnet, rest.expires_at) : [],
    });
  };
  // Listed first on purpose: a DC order with proxies that runs out within 3 days.
  order(
    {
      order_id: 48213,
      product_id: 1,
      product_name: 'Datacenter Proxy',
      cycle_id: 2,
      cycle_name: 'monthly',
      quantity: 5,
      price_paid: 1250,
      status: 'active',
      expires_at: at(2),
      auto_renewal: false,
      location: 'DE',
      created: -28,
    },
    5,
    '203.0.113',
  );
  order(
    {
      order_id: 48190,
      product_id: 2,
      product_name: 'ISP Proxy',
      cycle_id: 2,
      cycle_name: 'monthly',
      quantity: 3,
      price_paid: 1470,
      status: 'active',
      expires_at: at(19),
      auto_renewal: true,
      location: 'US',
      created: -11,
    },
    3,
    '198.51.100',
  );
  order(
    {
      order_id: 48250,
      product_id: 1,
      product_name: 'Datacenter Proxy',
      cycle_id: 1,
      cycle_name: 'weekly',
      quantity: 2,
      price_paid: 180,
      status: 'active',
      expires_at: at(1),
      auto_renewal: false,
      location: 'NL',
      created: -6,
    },
    2,
    '192.0.2',
  );
  order({
    order_id: 47760,
    product_id: 3,
    product_name: 'Standart Residential Proxy',
    cycle_id: 9,
    cycle_name: 'lifetime',
    quantity: 500,
    price_paid: 150000,
    status: 'active',
    expires_at: null,
    auto_renewal: null,
    location: null,
    created: -60,
  });
  order({
    order_id: 47761,
    product_id: 4,
    product_name: 'Premium Residential Proxy',
    cycle_id: 9,
    cycle_name: 'lifetime',
    quantity: 100,
    price_paid: 65000,
    status: 'active',
    expires_at: null,
    auto_renewal: null,
    location: null,
    created: -45,
  });
  order({
    order_id: 46002,
    product_id: 1,
    product_name: 'Datacenter Proxy',
    cycle_id: 2,
    cycle_name: 'monthly',
    quantity: 10,
    price_paid: 2500,
    status: 'on-hold',
    expires_at: at(-1),
    auto_renewal: false,
    location: 'FR',
    created: -31,
  });
  order({
    order_id: 45110,
    product_id: 2,
    product_name: 'ISP Proxy',
    cycle_id: 2,
    cycle_name: 'monthly',
    quantity: 1,
    price_paid: 490,
    status: 'cancelled',
    expires_at: at(-40),
    auto_renewal: false,
    location: 'GB',
    created: -70,
  });
}

export function createState(options: { now: Date; seed: boolean; extraCustomers: number }): ProxyShardState {
  const state: ProxyShardState = {
    email: 'ops@northwind-proxies.example',
    walletCents: 184_250,
    poolBytes: { standart: 320 * GB, premium: 61 * GB },
    subUsers: new Map(),
    orders: [],
    stock: initialStock(),
    nextUserSeq: 0,
    random: seededRandom(20_251_123),
  };
  if (options.seed) {
    for (const [name, pool, dataGb, spentGb] of seedCustomers)
      addSubUser(state, name, pool, dataGb * GB, Math.round(spentGb * GB));
    seedOrders(state, options.now);
  }
  for (let i = 1; i <= options.extraCustomers; i++) {
    const dataGb = 1 + (i % 25);
    addSubUser(
      state,
      `customer_${String(i).padStart(5, '0')}`,
      'standart',
      dataGb * GB,
      Math.floor((dataGb * GB * ((i * 37) % 100)) / 100),
    );
  }
  return state;
}
