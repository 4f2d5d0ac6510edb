import type { Actor } from '../kit/actor.js';
import { amountInUnit, moneyAmount } from '../providers/order-list.js';
import type { ProviderId } from '../providers/registry.js';
import type { Order, OrderChange, OrderInput, OrderQuote } from '../providers/types.js';
import type { ChangeRecord, ChangeRunner, Verdict } from './changes.js';
import type { SpendPlan } from './orders.js';
import type { ProviderDirectory } from './providers.js';
import { spendParams } from './spend/ledger.js';

/** A spend with the vendor's price for it. */
export interface PricedSpend {
  plan: SpendPlan;
  quote: OrderQuote;
  /** The order as it was before a renewal or top-up, for the journal's read-back. */
  before?: Order;
}

/** What a spend is, in a few words ("2 × IPv4, USA, 30 days", "order 123 for 30 days"). */
export function spendWhat({ plan, quote }: PricedSpend): string {
  if (plan.kind === 'buy')
    return [`${quote.quantity} × ${quote.product}`, quote.location, quote.period].filter(Boolean).join(', ');
  if (plan.kind === 'renew') return `order ${plan.orderId}${quote.period ? ` for ${quote.period}` : ''}`;
  return `${plan.gigabytes} GB for order ${plan.orderId}`;
}

/** The sentence an approval request shows owners: `Buy 2 × IPv4, USA, 30 days at Youproxy`. */
export function spendSummary(priced: PricedSpend): string {
  const verb = priced.plan.kind === 'buy' ? 'Buy' : priced.plan.kind === 'renew' ? 'Renew' : 'Add';
  return `${verb} ${spendWhat(priced)} at ${priced.plan.provider.displayName}`;
}

/** What the journal and the audit line keep of a spend: what was asked, the price, who confirmed. Never credentials. */
export function paramsOf(
  priced: PricedSpend,
  confirmedBy: Pick<Actor, 'platform' | 'userId' | 'name'>,
  now: Date,
): ChangeRecord {
  const { plan, quote, before } = priced;
  const price = amountInUnit(moneyAmount(quote.price));
  const common = {
    // What the spending limit counts (docs/commands.md#spending).
    ...spendParams(quote.price),
    amount: price.amount,
    currency: price.unit,
    promo: quote.promo,
    confirmedBy,
    sentAt: now.toISOString(),
  };
  if (plan.kind === 'buy') return { ...common, product: quote.product, quantity: quote.quantity, input: plan.input };
  if (plan.kind === 'renew') {
    return {
      ...common,
      ...(plan.period ? { period: plan.period } : {}),
      ...(before?.expiresAt ? { expiresBefore: before.expiresAt } : {}),
    };
  }
  return {
    ...common,
    gigabytes: plan.gigabytes,
    ...(before?.quantity !== undefined ? { quantityBefore: before.quantity } : {}),
  };
}

export function recordOf(change: OrderChange): ChangeRecord {
  return {
    orderId: change.id,
    ...(change.charged ? { charged: amountInUnit(moneyAmount(change.charged)) } : {}),
    ...(change.order?.expiresAt ? { expiresAt: change.order.expiresAt } : {}),
  };
}

/** How an order change whose outcome was unknown is read back from the vendor, from what its params kept. */
export function registerSpendVerifiers(changes: ChangeRunner, providers: ProviderDirectory): void {
  changes.registerVerifier('order buy', (params, id) => verifyPurchase(providers, params, id), {
    appliedHint: 'See /order list for the order it placed.',
  });
  changes.registerVerifier('order renew', (params, id, target) => verifyExpiry(providers, params, id, target), {
    appliedHint: 'See /order info for its new expiry.',
  });
  changes.registerVerifier('order bandwidth', (params, id, target) => verifyBandwidth(providers, params, id, target));
}

async function verifyPurchase(
  providers: ProviderDirectory,
  params: Record<string, unknown>,
  id: ProviderId,
): Promise<Verdict> {
  const input = params.input as OrderInput | undefined;
  const sentAt = typeof params.sentAt === 'string' ? new Date(params.sentAt) : undefined;
  const orders = providers.get(id).orders;
  if (!input || !sentAt || !orders) return 'unknown';
  return (await orders.findPlaced(input, sentAt)).length > 0 ? 'applied' : 'not_applied';
}

async function verifyExpiry(
  providers: ProviderDirectory,
  params: Record<string, unknown>,
  id: ProviderId,
  target: string,
): Promise<Verdict> {
  const before = params.expiresBefore;
  const orders = providers.get(id).orders;
  if (typeof before !== 'string' || !orders) return 'unknown';
  const now = (await orders.get(target)).expiresAt;
  if (!now) return 'unknown';
  if (Date.parse(now) > Date.parse(before)) return 'applied';
  return Date.parse(now) === Date.parse(before) ? 'not_applied' : 'unknown';
}

async function verifyBandwidth(
  providers: ProviderDirectory,
  params: Record<string, unknown>,
  id: ProviderId,
  target: string,
): Promise<Verdict> {
  const { quantityBefore, gigabytes } = params;
  const orders = providers.get(id).orders;
  if (typeof quantityBefore !== 'number' || typeof gigabytes !== 'number' || !orders) return 'unknown';
  const now = (await orders.get(target)).quantity;
  if (now === quantityBefore + gigabytes) return 'applied';
  return now === quantityBefore ? 'not_applied' : 'unknown';
}
