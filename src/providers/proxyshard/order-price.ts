import { ProviderError } from '../../errors.js';
import { balanceAfter } from '../order-list.js';
import type { Money, OrderQuote, PromoStatus } from '../order-types.js';
import type { Client } from './client.js';
import { readProfile } from './reseller-balance.js';
import { currency } from './rules.js';
import { calculationSchema } from './schema.js';

/** ProxyShard's own price calculation (GET /user/api/orders/calculate) and the wallet it is paid from. */

export const cents = (minor: number): Money => ({ minor, currency });

const isPromoRefusal = (error: unknown) =>
  error instanceof ProviderError &&
  (error.kind === 'rejected' || error.kind === 'not_found') &&
  /promo|coupon/i.test(error.vendorMessage ?? '');

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
  const ask = (q: Record<string, string | number>) =>
    client.call({ method: 'GET', path: '/user/api/orders/calculate', query: q }, calculationSchema, 'price');
  const promo = query.promo_code === undefined ? undefined : String(query.promo_code);
  let answer: Awaited<ReturnType<typeof ask>>;
  let status: PromoStatus = promo ? 'valid' : 'none';
  const warnings: string[] = [];
  try {
    answer = await ask(query);
  } catch (error) {
    if (!promo || !isPromoRefusal(error)) throw error;
    const { promo_code: _dropped, ...without } = query;
    answer = await ask(without);
    status = 'invalid';
    warnings.push(
      `ProxyShard refuses promo code ${promo}: ${(error as ProviderError).vendorMessage}. The price shown is without it, and a purchase with the code would be refused.`,
    );
  }
  if (promo && status === 'valid' && !answer.discount_percent) {
    status = 'invalid';
    warnings.push(`ProxyShard gives no discount for promo code ${promo}: the price shown is the full price.`);
  }
  return {
    price: cents(answer.total_with_addons ?? answer.final_price),
    ...(answer.original_price == null ? {} : { listPrice: cents(answer.original_price) }),
    ...(answer.discount_percent ? { discountPercent: answer.discount_percent } : {}),
    promo: status,
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
