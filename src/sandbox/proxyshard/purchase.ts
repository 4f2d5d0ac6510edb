import { GB } from '../../providers/units.js';
import type { SimResponse } from '../server.js';
import { fail } from './api.js';
import { cycleIds, price, productNamed, promoFor, type SimProduct } from './catalog.js';
import { buildProxies, type ProxyShardState, type SimOrder } from './state.js';

/**
 * The purchase body's documented variants, checked as the vendor would, and the order they create.
 * The price calculation runs the same checks ("uses the same validation rules as purchase").
 */

export interface Purchase {
  product: SimProduct;
  cycle: string;
  location: string | null;
  quantity: number;
  promo: string | null;
  autoRenewal: boolean | null;
  prices: ReturnType<typeof price>;
}

const dayMs = 86_400_000;

function integer(value: unknown): number | undefined {
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) ? n : undefined;
}

/** `fields` is the JSON body of a purchase or the query of a calculation, as a plain record. */
export function readPurchase(
  state: ProxyShardState,
  fields: Record<string, unknown>,
  forPurchase: boolean,
): Purchase | { error: SimResponse } {
  const product = productNamed(fields.product);
  if (!product) return { error: fail(400, 'Invalid product') };
  const lifetime = product.shape === 'residential-gb';
  const cycle = lifetime ? 'lifetime' : fields.cycle;
  if (typeof cycle !== 'string' || !(cycle in product.cycles)) return { error: fail(400, 'Invalid cycle') };
  let location: string | null = null;
  if (product.shape === 'dc-isp') {
    const where = fields.location;
    if ((forPurchase || where != null) && (typeof where !== 'string' || !product.locations.includes(where))) {
      return { error: fail(400, 'Invalid location') };
    }
    location = typeof where === 'string' ? where : null;
  }
  const quantity = product.shape === 'unmetered' ? 1 : (integer(fields.quantity ?? 1) ?? 0);
  if (quantity < 1) return { error: fail(400, 'quantity must be at least 1') };
  if (location !== null && quantity > (state.stock.get(`${product.name}:${location}`) ?? 0)) {
    return { error: fail(400, 'Insufficient stock') };
  }
  const promo = typeof fields.promo_code === 'string' && fields.promo_code !== '' ? fields.promo_code : null;
  const discount = promoFor(promo, product.name);
  if ('error' in discount) return { error: fail(400, discount.error) };
  const auto = fields.auto_renewal;
  if (auto !== undefined && typeof auto !== 'boolean') return { error: fail(400, 'auto_renewal must be a boolean') };
  return {
    product,
    cycle,
    location,
    quantity,
    promo,
    autoRenewal: lifetime ? null : ((auto as boolean | undefined) ?? false),
    prices: price(product, cycle, quantity, discount.percent),
  };
}

/** Paid from the wallet, once it is known to cover the price; stock and pools move with it. */
export function place(state: ProxyShardState, p: Purchase, now: Date): SimOrder | { error: SimResponse } {
  if (state.walletCents < p.prices.final_price) return { error: fail(400, 'Insufficient balance') };
  const days = p.product.cycles[p.cycle];
  const expires = days == null ? null : new Date(now.getTime() + days * dayMs).toISOString();
  const orderId = Math.max(48_000, ...state.orders.map((o) => o.order_id)) + 1;
  const order: SimOrder = {
    order_id: orderId,
    product_id: p.product.id,
    product_name: p.product.name,
    cycle_id: cycleIds[p.cycle] ?? 0,
    cycle_name: p.cycle,
    quantity: p.quantity,
    price_paid: p.prices.final_price,
    status: 'active',
    created_at: now.toISOString(),
    expires_at: expires,
    auto_renewal: p.autoRenewal,
    tag: null,
    location: p.location,
    promo_code: p.promo,
    proxies:
      p.location && expires
        ? buildProxies(state, orderId, p.quantity, `100.${64 + (orderId % 60)}.${orderId % 250}`, expires)
        : [],
  };
  state.walletCents -= p.prices.final_price;
  if (p.location) {
    const key = `${p.product.name}:${p.location}`;
    state.stock.set(key, (state.stock.get(key) ?? 0) - p.quantity);
  }
  if (p.product.shape === 'residential-gb') {
    state.poolBytes[p.product.name.startsWith('Premium') ? 'premium' : 'standart'] += p.quantity * GB;
  }
  state.orders.push(order);
  return order;
}

/** Renewal moves the expiry one cycle on from now, as an on-hold order has already run out. */
export function cycleDays(order: SimOrder): number | null {
  return productNamed(order.product_name)?.cycles[order.cycle_name] ?? null;
}
