import { GB } from '../../providers/units.js';
import { type Api, fail, gigabytes, needJson, ok } from './api.js';
import { price, productNamed, promoFor } from './catalog.js';
import { findOrder } from './orders.js';
import { cycleDays } from './purchase.js';
import type { ProxyShardState, SimPool } from './state.js';

const dayMs = 86_400_000;
const dcOrIsp = (name: string) => productNamed(name)?.shape === 'dc-isp';

/** Renewal (on-hold only), auto-renewal and cycle changes (DC/ISP only), residential bandwidth. */
export function orderChangesRoutes(api: Api, state: ProxyShardState, now: () => Date): void {
  api('POST', '/user/api/orders/:id/renew', (req) => {
    const order = findOrder(state, req.params.id);
    if (!order) return fail(400, 'Order not found');
    if (order.status !== 'on-hold') return fail(400, 'Renewal is available only for on-hold orders');
    if (state.walletCents < order.price_paid) return fail(400, 'Insufficient balance');
    state.walletCents -= order.price_paid;
    order.status = 'active';
    const days = cycleDays(order);
    if (days !== null) order.expires_at = new Date(now().getTime() + days * dayMs).toISOString();
    for (const p of order.proxies) p.until = order.expires_at ?? p.until;
    return ok({ message: 'Order renewed successfully' });
  });

  api('POST', '/user/api/orders/edit-auto-renewal/:order_id', (req) => {
    const order = findOrder(state, req.params.order_id);
    if (!order) return fail(400, 'Order not found');
    const flag = req.query.get('auto_renewal');
    if (flag !== 'true' && flag !== 'false') return fail(400, 'auto_renewal must be true or false');
    if (!dcOrIsp(order.product_name)) return fail(400, 'Invalid product for this operation');
    order.auto_renewal = flag === 'true';
    return ok({ message: 'Auto-renewal updated' });
  });

  api('POST', '/user/api/orders/change-billing-cycle/:order_id', (req) => {
    const order = findOrder(state, req.params.order_id);
    if (!order) return fail(400, 'Order not found');
    const bad = needJson(req);
    if (bad) return bad;
    const product = productNamed(order.product_name);
    if (product?.shape !== 'dc-isp') return fail(400, 'Invalid product for this operation');
    const cycle = (req.body as Record<string, unknown>).cycle;
    if (typeof cycle !== 'string' || !(cycle in product.cycles)) return fail(400, 'Invalid cycle');
    // "If the promo code is unavailable for the selected cycle, it will be automatically reset."
    const promo = promoFor(order.promo_code, product.name);
    const percent = 'error' in promo ? 0 : promo.percent;
    if ('error' in promo) order.promo_code = null;
    const prices = price(product, cycle, order.quantity, percent);
    order.cycle_name = cycle;
    order.price_paid = prices.final_price;
    return ok({ message: 'Billing cycle changed', order_id: order.order_id, ...prices });
  });

  // Residential traffic is bought per GB from the wallet and lands in the reseller's pool.
  api('POST', '/user/api/orders/:id/add-bandwidth', (req) => {
    const order = findOrder(state, req.params.id);
    if (!order) return fail(400, 'Order not found');
    const product = productNamed(order.product_name);
    const pool: SimPool | undefined =
      product?.shape !== 'residential-gb' ? undefined : product.name.startsWith('Premium') ? 'premium' : 'standart';
    if (!product || !pool) return fail(403, 'Method is unavailable for this order');
    const bad = needJson(req);
    if (bad) return bad;
    const amount = gigabytes(req.body, 'amount', false);
    if (amount === undefined) return fail(400, 'amount must be a positive integer (GB)');
    const promo = promoFor((req.body as Record<string, unknown>).promo_code, product.name);
    if ('error' in promo) return fail(400, promo.error);
    const cost = price(product, 'lifetime', amount, promo.percent).final_price;
    if (state.walletCents < cost) return fail(400, 'Insufficient balance');
    state.walletCents -= cost;
    state.poolBytes[pool] += amount * GB;
    order.quantity += amount;
    order.price_paid += cost;
    return ok({ message: 'Bandwidth added' });
  });
}
