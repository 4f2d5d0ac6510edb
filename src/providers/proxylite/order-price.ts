import { ProviderError } from '../../errors.js';
import { moneyOf } from '../money.js';
import type { OrderQuote, PromoStatus } from '../order-types.js';
import { parseBody } from '../parse.js';
import { type Client, PROVIDER } from './client.js';
import { type Payment, quotesOnlyReason } from './order-catalog.js';
import { orderCheckSchema } from './schema.js';

/** ProxyLite's own pre-check (/order/check): "preview prices, discounts, IP renewal details". */

const isCouponRefusal = (error: unknown) =>
  error instanceof ProviderError && /coupon|promo/i.test(error.vendorMessage ?? error.message);

const noBalanceRead =
  "ProxyLite's API does not report the account balance: a purchase it does not cover is refused by ProxyLite.";

export interface CheckFor {
  product: string;
  quantity: number;
  period?: string;
  location?: string;
  currency: string;
  payment: Payment;
  warnings?: string[];
}

/**
 * Prices `body` (which carries `pm_id`). A coupon the pre-check refuses is asked again without it, so
 * the quote can say the coupon is invalid and show the full price.
 */
export async function check(client: Client, body: Record<string, unknown>, what: CheckFor): Promise<OrderQuote> {
  const ask = async (b: Record<string, unknown>) =>
    parseBody(
      PROVIDER,
      orderCheckSchema,
      await client.post('/end-point/order/check', b, 'the price', { mutates: false }),
      'the price',
    );
  const coupon = typeof body.coupon_sn === 'string' ? body.coupon_sn : undefined;
  const warnings = [...(what.warnings ?? [])];
  let promo: PromoStatus = coupon ? 'valid' : 'none';
  let answer: Awaited<ReturnType<typeof ask>>;
  try {
    answer = await ask(body);
  } catch (error) {
    if (!coupon || !isCouponRefusal(error)) throw error;
    const { coupon_sn: _dropped, ...without } = body;
    answer = await ask(without);
    promo = 'invalid';
    warnings.push(
      `ProxyLite refuses coupon ${coupon}: ${(error as ProviderError).vendorMessage ?? 'no reason given'}. The price shown is without it.`,
    );
  }
  const discount = Number(answer.discount_fee ?? 0);
  if (coupon && promo === 'valid' && discount <= 0) {
    promo = 'invalid';
    warnings.push(`ProxyLite gives no discount for coupon ${coupon}: the price shown is the full price.`);
  }
  const total = answer.total_fee == null ? undefined : Number(answer.total_fee);
  return {
    product: what.product,
    quantity: what.quantity,
    ...(what.period ? { period: what.period } : {}),
    ...(what.location ? { location: what.location } : {}),
    price: moneyOf(answer.pay_fee, what.currency),
    ...(total === undefined ? {} : { listPrice: moneyOf(total, what.currency) }),
    ...(total && discount > 0 ? { discountPercent: Math.round((discount / total) * 100) } : {}),
    promo,
    warnings: [...warnings, noBalanceRead],
    ...(what.payment.fromBalance ? {} : { quotesOnly: quotesOnlyReason }),
  };
}
