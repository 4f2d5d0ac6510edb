import { defineSimulator } from '../define.js';
import { seededRandom } from '../random.js';
import { serveSimulator, simulatorDefaults } from '../serve-simulator.js';
import type { Simulator, SimulatorOptions } from '../types.js';
import { basePath, createApi, type SimContext } from './api.js';
import { balanceRoutes } from './balance.js';
import { customersRoutes } from './customers.js';
import { ordersRoutes } from './orders.js';
import { resellerBalanceRoutes } from './reseller-balance.js';
import { extraOrders, seed } from './seed.js';
import { createIdSource, type SimOrder, type YouproxyState } from './state.js';

export type { SimIp, SimOrder, YouproxyState } from './state.js';

export interface YouproxySimulator extends Simulator {
  readonly state: YouproxyState;
  /** The seeded orders, for tests: `existing` has LOGIN auth, five IPs and two months left. */
  readonly seeded: {
    existing: string;
    ipAuth: string;
    ipv6: string;
    mobile: string;
    expiringSoon: string;
    expired: string;
  };
}

/**
 * Youproxy client API v1 at `${url}/client/api/v1`, the key as the next path segment: every answer is
 * HTTP 200 with `success` and `error {code, message}`; money is a USD float; ids are 19-digit strings.
 */
export async function startYouproxySimulator(options: SimulatorOptions = {}): Promise<YouproxySimulator> {
  const { apiKey, now, seed: withSeed, extraCustomers } = simulatorDefaults('youproxy', options);
  const ids = createIdSource(seededRandom(0x59_50_52_58));
  const state: YouproxyState = { balanceCents: 18_437, orders: new Map(), unavailable: false };
  const seeded = withSeed ? seed(ids, now()) : [];
  const extras = extraOrders(ids, now(), extraCustomers);
  for (const order of [...seeded, ...extras]) state.orders.set(order.orderId, order);

  const ctx: SimContext = { state, ids, now };
  const served = await serveSimulator({
    apiKey,
    state,
    basePath,
    // Undocumented: unknown paths get a 404 in the usual envelope (code 35, "unknown error").
    notFound: () => ({ status: 404, body: { success: false, error: { code: 35, message: 'Not found' } } }),
    routes(server) {
      const api = createApi(server, ctx, apiKey);
      resellerBalanceRoutes(api, ctx);
      ordersRoutes(api, ctx);
      customersRoutes(api, ctx);
      balanceRoutes(api, ctx);
    },
  });

  const idOf = (i: number) => (seeded[i] as SimOrder | undefined)?.orderId ?? '';
  return {
    ...served,
    seeded: {
      existing: idOf(0),
      ipAuth: idOf(1),
      ipv6: idOf(2),
      mobile: idOf(4),
      expiringSoon: idOf(5),
      expired: idOf(6),
    },
  };
}

export const youproxySimulator = defineSimulator({
  id: 'youproxy',
  start: startYouproxySimulator,
  demoBalanceBelow: 500,
});
