import { balanceAfter } from '../order-list.js';
import type { Money, OrderQuote, PromoStatus } from '../order-types.js';
import { priceWithPromo } from '../promo-check.js';
import type { Client } from './client.js';
import { readProfile } from './reseller-balance.js';
import { currency } from './rules.js';
import { calculationSchema } from './schema.js';

/** ProxyShard's own price calculation (GET /user/api/orders/calculate) and the wallet it is paid from. */

export const cents = (minor: number): Money => ({ minor, currency });

export interface Priced {
  price: Money;
  listPrice?: Money;
  discountPercent?: number;
  promo: PromoStatus;
  warnings: string[];
}

/**
 * The calculation "uses the same validation rules as purchase", so a promo code it refuses would make
 * the purchase fail too: the price is then asked again without it and the quote says the code is invalid.
 */
export async function calculate(client: Client, query: Record<string, string | number>): Promise<Priced> {
  const { promo_code: code, ...without } = query;
  const { answer, promo, warnings } = await priceWithPromo({
    code: code === undefined ? undefined : String(code),
    ask: (withCode) =>
      client.call(
        { method: 'GET', path: '/user/api/orders/calculate', query: withCode ? query : without },
        calculationSchema,
        'price',
      ),
    discounted: (a) => Boolean(a.discount_percent),
    vendor: 'ProxyShard',
    word: 'promo code',
  });
  return {
    price: cents(answer.total_with_addons ?? answer.final_price),
    ...(answer.original_price == null ? {} : { listPrice: cents(answer.original_price) }),
    ...(answer.discount_percent ? { discountPercent: answer.discount_percent } : {}),
    promo,
    warnings,
  };
}

/** The wallet in cents, or undefined when /me cannot be read (a quote does not fail over it). */
export async function wallet(client: Client): Promise<Money | undefined> {
  try {
    return cents((await readProfile(client)).wallet_balance);
  } catch {
    return undefined;
  }
}

export async function quoteOf(
  client: Client,
  query: Record<string, string | number>,
  what: { product: string; quantity: number; period?: string; location?: string; warnings?: string[] },
): Promise<OrderQuote> {
  const [priced, balance] = await Promise.all([calculate(client, query), wallet(client)]);
  const after = balanceAfter(balance, priced.price);
  return {
    product: what.product,
    quantity: what.quantity,
    ...(what.period ? { period: what.period } : {}),
    ...(what.location ? { location: what.location } : {}),
    price: priced.price,
    ...(priced.listPrice ? { listPrice: priced.listPrice } : {}),
    ...(priced.discountPercent ? { discountPercent: priced.discountPercent } : {}),
    ...(balance ? { balance } : {}),
    ...(after ? { balanceAfter: after } : {}),
    promo: priced.promo,
    warnings: [...(what.warnings ?? []), ...priced.warnings],
  };
}
