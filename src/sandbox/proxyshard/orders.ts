import { orderStatuses } from '../../providers/proxyshard/rules.js';
import { GB } from '../../providers/units.js';
import { type Api, fail, gigabytes, ok, pageParams } from './api.js';
import type { ProxyShardState, SimOrder, SimPool } from './state.js';

const residential = (o: SimOrder) => o.product_name.includes('Residential');

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

/** Orders, their DC/ISP proxies, renewal and residential bandwidth, all paid from the wallet in cents. */
export function ordersRoutes(api: Api, state: ProxyShardState): void {
  const findOrder = (id: string | null | undefined) =>
    id && /^\d+$/.test(id) ? state.orders.find((o) => o.order_id === Number(id)) : undefined;

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
    const order = findOrder(req.params.id);
    if (!order) return fail(400, 'Order not found');
    const { proxies: _proxies, location: _location, product_id: _p, cycle_id: _c, ...rest } = order;
    return ok({ order: { ...rest, addons_price_paid: 0, addons: [], promo_code: null } });
  });

  api('GET', '/user/api/proxies/active', (req) => {
    const id = req.query.get('order_id');
    if (!id) return fail(400, 'order_id is required');
    const order = findOrder(id);
    if (!order) return fail(400, 'Order not found');
    if (residential(order)) return fail(403, 'Method is unavailable for this order');
    return ok({ data: order.status === 'active' ? order.proxies : [], order_tag: order.tag });
  });

  api('POST', '/user/api/orders/:id/renew', (req) => {
    const order = findOrder(req.params.id);
    if (!order) return fail(400, 'Order not found');
    if (order.status !== 'on-hold') return fail(400, 'Renewal is available only for on-hold orders');
    if (state.walletCents < order.price_paid) return fail(400, 'Insufficient balance');
    state.walletCents -= order.price_paid;
    order.status = 'active';
    return ok({ message: 'Order renewed successfully' });
  });

  // Residential traffic is bought per GB from the wallet and lands in the reseller's pool.
  api('POST', '/user/api/orders/:id/add-bandwidth', (req) => {
    const order = findOrder(req.params.id);
    if (!order) return fail(400, 'Order not found');
    const pool: SimPool | undefined = order.product_name.startsWith('Standart')
      ? 'standart'
      : order.product_name.startsWith('Premium')
        ? 'premium'
        : undefined;
    if (!pool) return fail(403, 'Method is unavailable for this order');
    const amount = gigabytes(req.body, 'amount', false);
    if (amount === undefined) return fail(400, 'amount must be a positive integer (GB)');
    const cost = amount * (pool === 'premium' ? 650 : 300);
    if (state.walletCents < cost) return fail(400, 'Insufficient balance');
    state.walletCents -= cost;
    state.poolBytes[pool] += amount * GB;
    return ok({ message: 'Bandwidth added' });
  });
}
