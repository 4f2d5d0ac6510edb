import { AppError, UserInputError } from '../errors.js';
import type { Actor } from '../kit/actor.js';
import type { ProviderId } from '../providers/registry.js';
import type { Money, Order, OrderChange, OrderQuote } from '../providers/types.js';
import type { ChangeRunner } from './changes.js';
import type { RequestMeta } from './meta.js';
import {
  type PricedSpend,
  paramsOf,
  recordOf,
  registerSpendVerifiers,
  spendSummary,
  spendWhat,
} from './order-spend-records.js';

export type { PricedSpend } from './order-spend-records.js';

import type { SpendPlan } from './orders.js';
import type { ProviderDirectory } from './providers.js';
import type { Gate, SpendGuard } from './spend/guard.js';
import { formatMoney } from './units.js';

/** The price a question showed, which the confirmed run must still find. */
export interface SpendTerms {
  price: Money;
  promo: OrderQuote['promo'];
}

export interface SpendResult {
  plan: SpendPlan;
  quote?: OrderQuote;
  change?: OrderChange;
  /** The order id from the first answer, on a replay. */
  orderId: string;
  charged?: Money;
  replayed: boolean;
  /** Local records that could not be written; the purchase itself happened. */
  warnings: string[];
}

/** A purchase, renewal or top-up that went through, for the alerts channel. Never credentials. */
export interface SpendEvent {
  kind: SpendPlan['kind'];
  provider: { id: ProviderId; displayName: string };
  orderId: string;
  /** What was bought, in a few words ("2 × IPv4, USA, 30 days"). */
  what: string;
  /** What the vendor charged, or else its quote. */
  price: Money;
  actor: Pick<Actor, 'platform' | 'userId' | 'name'>;
  /** The journal entry of the change: one announcement per change. */
  operation: string;
  at: string;
}

/** A spend the guard held for a second owner's approval instead of sending it. */
export interface HeldSpend {
  held: Extract<Gate, { kind: 'approval-requested' }>;
}

class Held extends Error {
  constructor(readonly gate: Extract<Gate, { kind: 'approval-requested' }>) {
    super('held for approval');
  }
}

/** Where a purchase is journaled: every purchase at one vendor queues behind the others, and waits on an unknown one. */
export const newOrderTarget = 'new order';

const commandOf = (plan: SpendPlan) => `order ${plan.kind}`;
const shown = (m: Money) => formatMoney(m.minor, m.currency);

export const termsOf = (quote: OrderQuote): SpendTerms => ({ price: quote.price, promo: quote.promo });

/** What the question's terms look like once stored (plain JSON), or undefined when they are not terms. */
export function readTerms(stored: Record<string, unknown> | undefined): SpendTerms | undefined {
  const price = stored?.price as Partial<Money> | undefined;
  if (typeof price?.minor !== 'number' || typeof price.currency !== 'string') return undefined;
  const promo = stored?.promo;
  if (promo !== 'none' && promo !== 'valid' && promo !== 'invalid') return undefined;
  return { price: { minor: price.minor, currency: price.currency }, promo };
}

/**
 * Buying, renewing and adding bandwidth: each is priced by the vendor (`quoteSpend`, the one place
 * both the question and the confirmed run go through) and then carried out once, through the change
 * runner, with the purchase journaled before the call.
 */
export class SpendService {
  constructor(
    private readonly providers: ProviderDirectory,
    private readonly changes: ChangeRunner,
    private readonly now: () => Date = () => new Date(),
    /** Told of every spend that went through (the alerts channel); it never throws. */
    private readonly guard: SpendGuard,
    private readonly onSpent?: (event: SpendEvent) => Promise<void>,
  ) {
    registerSpendVerifiers(changes, providers);
  }

  /**
   * The vendor's price for the spend, refused before anything is sent when the vendor cannot be paid
   * from here or the balance there is short. Every question and every confirmed run of a purchase,
   * renewal or bandwidth top-up passes here, so a check of what may be spent belongs here too.
   */
  async quoteSpend(plan: SpendPlan, _meta: Pick<RequestMeta, 'actor'>): Promise<PricedSpend> {
    const before = plan.kind === 'buy' ? undefined : await plan.orders.get(plan.orderId);
    const quote =
      plan.kind === 'buy'
        ? await plan.orders.quote(plan.input)
        : plan.kind === 'renew'
          ? await plan.orders.quoteRenewal!(plan.orderId, {
              ...(plan.period ? { period: plan.period } : {}),
              ...(plan.promo ? { promo: plan.promo } : {}),
            })
          : await plan.orders.quoteBandwidth!(plan.orderId, plan.gigabytes);
    if (quote.quotesOnly) throw new AppError('unsupported', quote.quotesOnly, { hint: 'Use /order quote for prices.' });
    const { balance, price } = quote;
    if (balance && balance.currency === price.currency && balance.minor < price.minor) {
      throw new AppError(
        'insufficient_funds',
        `This costs ${shown(price)} and your ${plan.provider.displayName} balance is ${shown(balance)}: ${shown({ minor: price.minor - balance.minor, currency: price.currency })} short. Nothing was sent.`,
        { hint: `Top up your balance at ${plan.provider.displayName}, or ask for less.` },
      );
    }
    return { plan, quote, ...(before ? { before } : {}) };
  }

  /**
   * Refuses a price nobody agreed to: a higher price than the question showed, or the full price of
   * an invalid promo code unless that question showed it. The terminal has no question: there a
   * promo code must be valid, or left out to buy at full price.
   */
  private checkTerms(priced: PricedSpend, terms: SpendTerms | undefined): void {
    const { quote } = priced;
    const code =
      priced.plan.kind === 'buy'
        ? priced.plan.input.promo
        : priced.plan.kind === 'renew'
          ? priced.plan.promo
          : undefined;
    if (terms && (terms.price.currency !== quote.price.currency || quote.price.minor > terms.price.minor)) {
      throw new AppError(
        'conflict',
        `The price went up from ${shown(terms.price)} to ${shown(quote.price)} since you were asked; nothing was bought.`,
        { hint: 'Run the command again to be asked at the new price.' },
      );
    }
    if (quote.promo === 'invalid' && terms?.promo !== 'invalid') {
      throw new UserInputError(
        `Promo code ${code ?? ''} is not valid at ${priced.plan.provider.displayName}: the full price is ${shown(quote.price)}, and nothing was bought.`,
        {
          hint: terms
            ? 'Run the command again to be asked at the full price.'
            : 'Run it again without promo: to buy at the full price.',
        },
      );
    }
  }

  /**
   * Carries the spend out once; `terms` are what the confirmed question showed (chat), if any. The
   * owners' spending guard decides first, alone among the spends at this vendor: over the daily limit
   * nothing is sent; above the approval threshold a request for a second owner is made instead, which
   * runs `rerun` (the command and its arguments) once approved.
   */
  spend(
    meta: RequestMeta,
    plan: SpendPlan,
    terms: SpendTerms | undefined,
    rerun: { path: string; args: Record<string, unknown> },
  ): Promise<SpendResult | HeldSpend> {
    return this.guard.locked(plan.provider.id, async () => {
      try {
        return await this.spendNow(meta, plan, terms, rerun);
      } catch (error) {
        if (error instanceof Held) return { held: error.gate };
        throw error;
      }
    });
  }

  private async spendNow(
    meta: RequestMeta,
    plan: SpendPlan,
    terms: SpendTerms | undefined,
    rerun: { path: string; args: Record<string, unknown> },
  ): Promise<SpendResult> {
    const confirmedBy = {
      platform: meta.actor.platform,
      userId: meta.actor.userId,
      ...(meta.actor.name ? { name: meta.actor.name } : {}),
    };
    let priced: PricedSpend | undefined;
    const outcome = await this.changes.run<OrderChange, PricedSpend>({
      ...meta,
      command: commandOf(plan),
      provider: plan.provider.id,
      target: plan.kind === 'buy' ? newOrderTarget : plan.orderId,
      read: async () => {
        priced = await this.quoteSpend(plan, meta);
        this.checkTerms(priced, terms);
        const gate = await this.guard.check({
          provider: plan.provider,
          price: priced.quote.price,
          actor: meta.actor,
          approval: meta.approval,
          rerun: { ...rerun, summary: spendSummary(priced), terms: { ...termsOf(priced.quote) } },
        });
        // Before the journal: a purchase held for approval was never asked of the vendor.
        if (gate.kind !== 'go') throw new Held(gate);
        return priced;
      },
      params: (state) => ({
        ...paramsOf(state, confirmedBy, this.now()),
        // Approved by a second owner: the request names who asked.
        ...(meta.approval ? { approval: meta.approval.id } : {}),
      }),
      apply: (state) => this.apply(state),
      record: (change) => recordOf(change),
    });
    if (outcome.kind === 'replay') {
      const orderId = typeof outcome.record.orderId === 'string' ? outcome.record.orderId : '';
      return { plan, orderId, replayed: true, warnings: [] };
    }
    const change = outcome.result;
    const warning = this.changes.unwrittenWarning(outcome.unwritten);
    if (priced) await this.announce(priced, change, confirmedBy, outcome.operation);
    return {
      plan,
      ...(priced ? { quote: priced.quote } : {}),
      change,
      orderId: change.id,
      ...(change.charged ? { charged: change.charged } : {}),
      replayed: false,
      warnings: [...change.warnings, ...(warning ? [warning] : [])],
    };
  }

  private async announce(priced: PricedSpend, change: OrderChange, actor: SpendEvent['actor'], operation: string) {
    const { plan, quote } = priced;
    const what = spendWhat(priced);
    await this.onSpent?.({
      kind: plan.kind,
      provider: { id: plan.provider.id, displayName: plan.provider.displayName },
      orderId: change.id,
      what,
      price: change.charged ?? quote.price,
      actor,
      operation,
      at: this.now().toISOString(),
    });
  }

  private apply({ plan, quote }: PricedSpend): Promise<OrderChange> {
    // An invalid code was confirmed at the full price: the vendor is not sent a code it refuses.
    const dropPromo = quote.promo === 'invalid';
    if (plan.kind === 'buy') {
      const { promo: _code, ...rest } = plan.input;
      return plan.orders.buy!(dropPromo ? rest : plan.input);
    }
    if (plan.kind === 'renew') {
      return plan.orders.renew!(plan.orderId, {
        ...(plan.period ? { period: plan.period } : {}),
        ...(plan.promo && !dropPromo ? { promo: plan.promo } : {}),
      });
    }
    return plan.orders.addBandwidth!(plan.orderId, plan.gigabytes);
  }

  /** Switches auto-renewal once, journaled like any change. */
  async setAutoRenew(meta: RequestMeta, providerId: string, orderId: string, on: boolean, period?: string) {
    const provider = this.providers.get(providerId);
    const orders = this.providers.capability(provider, 'orders');
    if (!orders.setAutoRenew) {
      throw new AppError('unsupported', `${provider.displayName} cannot switch auto-renewal from the API.`);
    }
    const outcome = await this.changes.run<Order>({
      ...meta,
      command: 'order autorenew',
      provider: provider.id,
      target: orderId,
      params: { on, ...(period ? { period } : {}) },
      apply: () => orders.setAutoRenew!(orderId, on, period),
      record: (order) => ({ autoRenewal: order.autoRenewal ?? null }),
    });
    const order = outcome.kind === 'done' ? outcome.result : await orders.get(orderId);
    return { provider, order, replayed: outcome.kind === 'replay' };
  }
}
