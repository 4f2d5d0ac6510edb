import type { ReplyField } from '../src/kit/reply.js';
import { amountInUnit, moneyAmount } from '../src/providers/order-list.js';
import type { CatalogProduct, Money, Order, OrderCatalog, OrderQuote, Provider } from '../src/providers/types.js';
import type { CommandContext } from '../src/runtime/context.js';
import { calendarDate } from '../src/services/calendar.js';
import { formatMoney } from '../src/services/units.js';

/** Money as `data` carries it: `{ amount: 9, currency: "USD" }`. */
export function moneyData(money: Money): { amount: number; currency: string } {
  const { amount, unit } = amountInUnit(moneyAmount(money));
  return { amount, currency: unit };
}

export const shownMoney = (money: Money) => formatMoney(money.minor, money.currency);

const few = (values: readonly string[], max = 12) =>
  values.length > max ? `${values.slice(0, max).join(', ')}, … (${values.length})` : values.join(', ');

/** One catalog product in a line or two: what `product:` takes and the choices it has. */
export function productLine(p: CatalogProduct): string {
  const { min, max, unit } = p.quantity;
  const parts = [
    `${p.id}${p.name !== p.id ? ` — ${p.name}` : ''} (${p.kind})`,
    `quantity ${max === undefined ? `${min}+` : max === min ? `${min}` : `${min}–${max}`} ${unit}`,
  ];
  if (p.aliases.length > 0) parts.push(`also: ${p.aliases.join(', ')}`);
  if (p.locations.length > 0) parts.push(`country: ${few(p.locations.map((l) => l.id))}`);
  if (p.periods.length > 0) parts.push(`period: ${few(p.periods.map((x) => x.id))}`);
  if (p.operators?.length) parts.push(`operator: ${p.operators.map((o) => o.id).join(', ')}`);
  if (p.protocols?.length) parts.push(`protocol: ${p.protocols.join(', ')}`);
  if (p.listPrice) parts.push(`from ${shownMoney(p.listPrice)}`);
  return parts.join(' · ');
}

export function catalogData(provider: Provider, catalog: OrderCatalog, products: readonly CatalogProduct[]) {
  return {
    provider: provider.id,
    products: products.map((p) => ({
      id: p.id,
      name: p.name,
      aliases: p.aliases,
      kind: p.kind,
      quantity: p.quantity,
      countries: p.locations.map((l) => l.id),
      periods: p.periods.map((x) => x.id),
      ...(p.operators ? { operators: p.operators.map((o) => ({ id: o.id, rotations: o.rotations })) } : {}),
      ...(p.protocols ? { protocols: p.protocols } : {}),
      renewable: p.renewable,
      autoRenew: p.autoRenew,
    })),
    options: catalog.options,
    ...(catalog.promoCodes ? { promoCodes: catalog.promoCodes.map((c) => c.code) } : {}),
    notes: catalog.notes,
  };
}

/** The lines of a quote: price, promo, the balance now and after, and the vendor's caveats. */
export function quoteLines(provider: Provider, quote: OrderQuote, promoCode?: string): string[] {
  const lines = [
    `Price: ${shownMoney(quote.price)}${quote.listPrice && quote.listPrice.minor !== quote.price.minor ? ` (list price ${shownMoney(quote.listPrice)})` : ''}`,
  ];
  if (quote.promo === 'valid')
    lines.push(`Promo ${promoCode ?? ''}: accepted${quote.discountPercent ? `, ${quote.discountPercent}% off` : ''}.`);
  if (quote.promo === 'invalid')
    lines.push(`Promo ${promoCode ?? ''} is not valid: ${shownMoney(quote.price)} is the full price.`);
  if (quote.balance) {
    const after = quote.balanceAfter ? `, ${shownMoney(quote.balanceAfter)} after` : '';
    lines.push(`${provider.displayName} balance: ${shownMoney(quote.balance)} now${after}.`);
  } else {
    lines.push(`${provider.displayName} does not report your balance there, so the balance after is not known.`);
  }
  return [...lines, ...quote.warnings];
}

export function quoteData(provider: Provider, quote: OrderQuote) {
  return {
    provider: provider.id,
    product: quote.product,
    quantity: quote.quantity,
    period: quote.period ?? null,
    ...(quote.location ? { country: quote.location } : {}),
    price: moneyData(quote.price),
    ...(quote.balance ? { balance: moneyData(quote.balance) } : {}),
    ...(quote.balanceAfter ? { balanceAfter: moneyData(quote.balanceAfter) } : {}),
    promo: quote.promo,
    ...(quote.warnings.length > 0 ? { warnings: quote.warnings } : {}),
  };
}

/** What was priced, in a few words: "2 × IPv4, USA, 30 days". */
export function quotedWhat(quote: OrderQuote): string {
  return [`${quote.quantity} × ${quote.product}`, quote.location, quote.period].filter(Boolean).join(', ');
}

/** An order as `data.orders[]` and `/order info` carry it. */
export function orderData(order: Order) {
  return {
    id: order.id,
    product: order.product,
    status: order.status,
    ...(order.quantity !== undefined ? { quantity: order.quantity } : {}),
    ...(order.expiresAt !== undefined ? { expiresAt: order.expiresAt } : {}),
    ...(order.autoRenewal !== undefined ? { autoRenew: order.autoRenewal } : {}),
  };
}

type When = Pick<CommandContext, 'now' | 'services'>;

export function orderLine(order: Order, ctx: When): string {
  const expiry = order.expiresAt ? `, until ${calendarDate(order.expiresAt, ctx.services.timeZone)}` : '';
  const renew = order.autoRenewal === undefined ? '' : order.autoRenewal ? ', auto-renew on' : ', auto-renew off';
  const quantity = order.quantity !== undefined ? ` × ${order.quantity}` : '';
  return `${order.id} — ${order.product}${quantity}, ${order.status}${expiry}${renew}`;
}

export function orderFields(order: Order, ctx: When): ReplyField[] {
  const fields: ReplyField[] = [
    { label: 'Product', value: order.product, inline: true },
    {
      label: 'Status',
      value:
        order.vendorStatus && order.vendorStatus !== order.status
          ? `${order.status} (${order.vendorStatus})`
          : order.status,
      inline: true,
    },
  ];
  if (order.quantity !== undefined) fields.push({ label: 'Quantity', value: String(order.quantity), inline: true });
  if (order.location) fields.push({ label: 'Country', value: order.location, inline: true });
  if (order.period) fields.push({ label: 'Period', value: order.period, inline: true });
  if (order.expiresAt !== undefined)
    fields.push({
      label: 'Expires',
      value: order.expiresAt ? calendarDate(order.expiresAt, ctx.services.timeZone) : 'never',
      inline: true,
    });
  if (order.autoRenewal !== undefined)
    fields.push({ label: 'Auto-renew', value: order.autoRenewal ? 'on' : 'off', inline: true });
  if (order.price) fields.push({ label: 'Price paid', value: shownMoney(order.price), inline: true });
  for (const [k, v] of Object.entries(order.extra ?? {}))
    if (v !== null) fields.push({ label: k, value: String(v), inline: true });
  return fields;
}
