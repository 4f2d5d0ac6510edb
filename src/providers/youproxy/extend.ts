import { UserInputError } from '../../errors.js';
import { urlPath } from '../http.js';
import { moneyOf } from '../money.js';
import { checkPromo } from '../order-input.js';
import { balanceAfter } from '../order-list.js';
import type { Money, OrderQuote, PromoStatus } from '../order-types.js';
import type { Client } from './client.js';
import type { YouproxyOrder } from './context.js';
import type { ProxyType } from './rules.js';
import { calculationSchema, paidAnswerSchema, rentPeriodSchema } from './schema.js';

/**
 * Extending an order by a rental period: the price (/calculate/extend/order), the paid extension
 * (/extend/order) and the auto-extension switch (/extend/order/auto). Youproxy sells fixed periods per
 * proxy type, so the days must be one of them.
 */

export function listDays(days: readonly number[]): string {
  const sorted = [...days].sort((a, b) => a - b).map(String);
  return sorted.length > 1 ? `${sorted.slice(0, -1).join(', ')} or ${sorted.at(-1)}` : (sorted[0] ?? 'none');
}

export async function rentPeriods(client: Client, proxyType: ProxyType): Promise<number[]> {
  const answer = await client.call({
    method: 'GET',
    path: urlPath`/rentPeriod`,
    query: { proxyType },
    schema: rentPeriodSchema,
    what: 'rent periods',
  });
  return answer.rentPeriodDays;
}

/** Days as given (a number, or text like "30" or "30d"); absent means the shortest period offered. */
export async function checkDays(client: Client, order: YouproxyOrder, period: string | number | undefined) {
  const allowed = await rentPeriods(client, order.proxyType);
  if (period === undefined) {
    const shortest = Math.min(...allowed);
    if (!Number.isFinite(shortest)) throw new UserInputError(`Youproxy offers no rent period for ${order.proxyType}.`);
    return shortest;
  }
  const text = String(period)
    .trim()
    .replace(/\s*d(ays?)?$/i, '');
  const days = /^\d{1,4}$/.test(text) ? Number(text) : Number.NaN;
  if (!allowed.includes(days)) {
    throw new UserInputError(
      `Youproxy extends ${order.proxyType} orders by ${listDays(allowed)} days only, not ${String(period).slice(0, 20)}.`,
      { hint: `Pick one of: ${listDays(allowed)}.` },
    );
  }
  return days;
}

export function promoStatusOf(value: unknown): PromoStatus {
  if (value === 'VALID') return 'valid';
  if (value === 'NO_VALID') return 'invalid';
  return 'none';
}

export function promoWarning(status: PromoStatus, code: string | undefined): string[] {
  return status === 'invalid' && code
    ? [`Youproxy does not accept promo code ${code} (NO_VALID): it would charge the full price shown.`]
    : [];
}

/** A calculation answer as a quote; code 16 in `warnings` is Youproxy's "Insufficient funds on balance". */
export function toQuote(
  answer: ReturnType<typeof calculationSchema.parse>,
  what: { product: string; quantity: number; period: string; location?: string; promo?: string },
): OrderQuote {
  const price = moneyOf(answer.price, answer.currency);
  const balance = answer.balance == null ? undefined : moneyOf(answer.balance, answer.currency);
  const promo = promoStatusOf(answer.promoCodeStatus);
  const after = balanceAfter(balance, price);
  return {
    product: what.product,
    quantity: what.quantity,
    period: what.period,
    ...(what.location ? { location: what.location } : {}),
    price,
    ...(answer.discount ? { discountPercent: answer.discount } : {}),
    ...(balance ? { balance } : {}),
    ...(after ? { balanceAfter: after } : {}),
    promo,
    warnings: [
      ...(answer.warnings ?? []).map((w) => `Youproxy warns: ${w.message} (code ${w.code}).`),
      ...promoWarning(promo, what.promo),
    ],
  };
}

export interface Extension {
  order: YouproxyOrder;
  days: number;
  promo?: string;
}

const extensionBody = ({ order, days, promo }: Extension) => ({
  proxyType: order.proxyType,
  orderIds: [order.orderId],
  rentPeriodDays: days,
  ...(promo ? { promoCode: promo } : {}),
});

export async function quoteExtension(client: Client, extension: Extension): Promise<OrderQuote> {
  const promo = checkPromo(extension.promo);
  const answer = await client.call({
    method: 'POST',
    path: '/calculate/extend/order',
    body: extensionBody({ ...extension, promo }),
    schema: calculationSchema,
    what: 'extension price',
    mutates: false,
  });
  return toQuote(answer, {
    product: extension.order.proxyType,
    quantity: extension.order.ips.length,
    period: `${extension.days} days`,
    ...(extension.order.country ? { location: extension.order.country } : {}),
    ...(promo ? { promo } : {}),
  });
}

export interface Paid {
  charged?: Money;
  balanceAfter?: Money;
  promo: PromoStatus;
  orderNumber?: string;
}

/** What a paid answer says, read leniently: the money is spent whatever the rest looks like. */
export function readPaid(answer: ReturnType<typeof paidAnswerSchema.parse>): Paid {
  const currency = typeof answer.currency === 'string' && /^[A-Za-z]{3}$/.test(answer.currency) ? answer.currency : '';
  const balance = typeof answer.balance === 'number' && currency ? moneyOf(answer.balance, currency) : undefined;
  const orderNumber = typeof answer.orderNumber === 'string' && answer.orderNumber ? answer.orderNumber : undefined;
  return {
    promo: promoStatusOf(answer.promoCodeStatus),
    ...(balance ? { balanceAfter: balance } : {}),
    ...(orderNumber ? { orderNumber } : {}),
  };
}

/** Paid from the balance and sent once: every IP of the order gains the days. */
export async function extendOrder(client: Client, extension: Extension): Promise<Paid> {
  const promo = checkPromo(extension.promo);
  const answer = await client.call({
    method: 'POST',
    path: '/extend/order',
    body: extensionBody({ ...extension, promo }),
    schema: paidAnswerSchema,
    what: 'order extension',
  });
  return readPaid(answer);
}

export async function setAutoExtend(client: Client, order: YouproxyOrder, days: number, on: boolean): Promise<void> {
  await client.call({
    method: 'POST',
    path: '/extend/order/auto',
    body: { proxyType: order.proxyType, orderIds: [order.orderId], rentPeriodDays: days, autoExtend: on },
    schema: paidAnswerSchema,
    what: 'auto-extension switch',
  });
}
