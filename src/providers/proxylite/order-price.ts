import { moneyOf } from '../money.js';
import type { OrderQuote } from '../order-types.js';
import { parseBody } from '../parse.js';
import { priceWithPromo } from '../promo-check.js';
import { type Client, PROVIDER } from './client.js';
import { type Payment, quotesOnlyReason } from './order-catalog.js';
import { orderCheckSchema } from './schema.js';

/** ProxyLite's own pre-check (/order/check): "preview prices, discounts, IP renewal details". */

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
  const { coupon_sn: coupon, ...without } = body;
  const ask = async (withCode: boolean) =>
    parseBody(
      PROVIDER,
      orderCheckSchema,
      await client.post('/end-point/order/check', withCode ? body : without, 'the price', { mutates: false }),
      'the price',
    );
  const { answer, promo, warnings } = await priceWithPromo({
    code: typeof coupon === 'string' ? coupon : undefined,
    ask,
    discounted: (a) => Number(a.discount_fee ?? 0) > 0,
    vendor: 'ProxyLite',
    word: 'coupon',
  });
  const discount = Number(answer.discount_fee ?? 0);
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
    warnings: [...(what.warnings ?? []), ...warnings, noBalanceRead],
    ...(what.payment.fromBalance ? {} : { quotesOnly: quotesOnlyReason }),
  };
}
