import { ProviderError } from '../../errors.js';
import type { CapabilitySpec } from '../define-implementation.js';
import { pageOfOrders } from '../order-list.js';
import type { Order, OrderChange, OrdersCapability, ProxyEndpoint } from '../types.js';
import { type Client, PROVIDER } from './client.js';
import type { Context } from './context.js';
import { createCatalogReader } from './order-catalog.js';
import { createChanges } from './order-changes.js';
import { quoteOf, wallet } from './order-price.js';
import { checkOrderId, fetchOrder, fromDetail, listOrders } from './order-read.js';
import { buildPurchase, calculateQuery } from './order-request.js';
import { activeProxiesSchema, paidSchema } from './schema.js';

/** How many of the newest matching orders reconciliation reads in full (the list has no dates). */
const placedCandidates = 10;
/** Clocks differ: an order this much older than `since` still counts as the purchase's. */
const placedSlackMs = 5 * 60_000;

export const orders: CapabilitySpec<Context, OrdersCapability> = {
  build: ({ client }) => createOrders(client),
};

/** DC/ISP orders only: residential orders answer 403 "Method is unavailable for this order". */
async function proxies(client: Client, orderId: string): Promise<ProxyEndpoint[]> {
  const id = checkOrderId(orderId);
  const body = await client.call(
    { method: 'GET', path: '/user/api/proxies/active', query: { order_id: id } },
    activeProxiesSchema,
    'active proxies',
  );
  return body.data.flatMap((p): ProxyEndpoint[] =>
    (['http', 'socks5'] as const).map((protocol) => ({
      host: p.ip,
      port: protocol === 'http' ? p.http_port : p.socks_port,
      protocol,
      username: p.username,
      password: p.password,
      label: `order ${id}`,
    })),
  );
}

function createOrders(client: Client): OrdersCapability {
  const catalog = createCatalogReader(client);

  return {
    catalog: (query = {}) => catalog.full(query.product),

    async quote(input) {
      const { body, product } = await buildPurchase(input, catalog);
      return quoteOf(client, calculateQuery(body), {
        product: product.name,
        quantity: body.quantity ?? 1,
        ...(body.cycle ? { period: body.cycle } : {}),
        ...(body.location ? { location: body.location } : {}),
      });
    },

    async buy(input): Promise<OrderChange> {
      const { body } = await buildPurchase(input, catalog);
      const answer = await client.call(
        { method: 'POST', path: '/user/api/orders/purchase', body },
        paidSchema,
        'purchase',
      );
      const id =
        typeof answer.order_id === 'number' || typeof answer.order_id === 'string' ? String(answer.order_id) : '';
      if (!/^\d+$/.test(id)) {
        throw new ProviderError(
          PROVIDER,
          'outcome_unknown',
          'ProxyShard took the purchase but named no order id; check the order list before buying again.',
        );
      }
      const [order, balance] = await Promise.all([
        fetchOrder(client, id).then(fromDetail, () => undefined),
        wallet(client),
      ]);
      return {
        id,
        promo: body.promo_code ? 'valid' : 'none',
        ...(order?.price ? { charged: order.price } : {}),
        ...(balance ? { balanceAfter: balance } : {}),
        ...(order ? { order } : {}),
        warnings: order ? [] : [`ProxyShard confirmed order ${id} but could not be re-read.`],
      };
    },

    /**
     * The list has no creation time or quantity: the newest orders of the product and cycle are read
     * one by one and kept when they were created since `since` with the quantity asked for.
     */
    async findPlaced(input, since): Promise<Order[]> {
      const { body } = await buildPurchase(input, catalog);
      const candidates = (await listOrders(client, 'all'))
        .filter((o) => o.product === body.product && (!body.cycle || o.period === body.cycle))
        .sort((a, b) => Number(BigInt(b.id) - BigInt(a.id)))
        .slice(0, placedCandidates);
      const details = await Promise.all(candidates.map((o) => fetchOrder(client, o.id).then(fromDetail)));
      return details.filter(
        (o) =>
          Date.parse(o.createdAt ?? '') >= since.getTime() - placedSlackMs &&
          (body.quantity === undefined || o.quantity === undefined || o.quantity === body.quantity),
      );
    },

    async list(query = {}) {
      return pageOfOrders(await listOrders(client, query.status), query);
    },
    listAll: (query = {}) => listOrders(client, query.status),
    get: async (orderId) => fromDetail(await fetchOrder(client, orderId)),
    proxies: (orderId) => proxies(client, orderId),
    ...createChanges(client, catalog),
  };
}
