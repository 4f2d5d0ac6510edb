import { orderStatuses } from '../../providers/proxyshard/rules.js';
import { type Api, fail, needJson, ok, pageParams } from './api.js';
import { products } from './catalog.js';
import { place, readPurchase } from './purchase.js';
import type { ProxyShardState, SimOrder } from './state.js';

const residential = (o: SimOrder) => o.product_name.includes('Residential');

export const findOrder = (state: ProxyShardState, id: string | null | undefined) =>
  id && /^\d+$/.test(id) ? state.orders.find((o) => o.order_id === Number(id)) : undefined;

function orderListJson(o: SimOrder) {
  return {
    order_id: o.order_id,
    product_id: o.product_id,
    product_name: o.product_name,
    cycle_id: o.cycle_id,
    cycle_name: o.cycle_name,
    expires_at: o.expires_at,
    auto_renewal: o.auto_renewal,
    tag: o.tag,
  };
}

/** The catalog, price calculation, purchase and the order reads; all money in cents from the wallet. */
export function ordersRoutes(api: Api, state: ProxyShardState, now: () => Date): void {
  api('GET', '/user/api/proxies/products', () =>
    ok({
      products: products.flatMap((p) => {
        const entry = { name: p.name, description: p.description, cycles: Object.keys(p.cycles) };
        const locations: Array<string | null> = p.locations.length === 0 ? [null] : p.locations;
        return locations.map((location) => ({ ...entry, location }));
      }),
    }),
  );

  // A bare array, as the spec and public clients have it.
  api('GET', '/user/api/proxies/available-count', () => ({
    status: 200,
    body: products.flatMap((p) =>
      p.locations.map((country) => ({
        country,
        product: p.stockKey ?? p.name,
        amount: state.stock.get(`${p.name}:${country}`) ?? 0,
      })),
    ),
  }));

  // No `success` here: the calculation answers the prices only.
  api('GET', '/user/api/orders/calculate', (req) => {
    const fields = Object.fromEntries(req.query);
    if (!fields.product) return fail(400, 'product is required');
    const purchase = readPurchase(state, fields, false);
    return 'error' in purchase ? purchase.error : { status: 200, body: purchase.prices };
  });

  api('POST', '/user/api/orders/purchase', (req) => {
    const bad = needJson(req);
    if (bad) return bad;
    const purchase = readPurchase(state, req.body as Record<string, unknown>, true);
    if ('error' in purchase) return purchase.error;
    const order = place(state, purchase, now());
    return 'error' in order ? order.error : ok({ message: 'Order paid successfully', order_id: order.order_id });
  });

  api('GET', '/user/api/orders', (req) => {
    const status = req.query.get('status');
    if (!status) return fail(400, 'status is required');
    if (!(orderStatuses as readonly string[]).includes(status)) return fail(400, 'Invalid status');
    const paging = pageParams(req);
    if ('error' in paging) return paging.error;
    const { offset, limit } = paging;
    const matching = state.orders.filter((o) => status === 'all' || o.status === status);
    const page = matching.slice(offset, offset + limit);
    const uri = (at: number) => `/user/api/orders?status=${status}&offset=${at}&limit=${limit}`;
    return ok({
      orders: page.map(orderListJson),
      count: page.length,
      prev: offset > 0 ? uri(Math.max(0, offset - limit)) : null,
      next: offset + limit < matching.length ? uri(offset + limit) : null,
    });
  });

  api('GET', '/user/api/orders/:id', (req) => {
    const order = findOrder(state, req.params.id);
    if (!order) return fail(400, 'Order not found');
    const { proxies: _proxies, location: _location, product_id: _p, cycle_id: _c, ...rest } = order;
    return ok({ order: { ...rest, addons_price_paid: 0, addons: [], promo_code: order.promo_code ?? null } });
  });

  api('GET', '/user/api/proxies/active', (req) => {
    const id = req.query.get('order_id');
    if (!id) return fail(400, 'order_id is required');
    const order = findOrder(state, id);
    if (!order) return fail(400, 'Order not found');
    if (residential(order)) return fail(403, 'Method is unavailable for this order');
    return ok({ data: order.status === 'active' ? order.proxies : [], order_tag: order.tag });
  });
}
