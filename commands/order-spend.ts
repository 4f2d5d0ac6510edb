import { reply } from '../src/kit/reply.js';
import type { Money } from '../src/providers/types.js';
import { type Question, subcommand } from '../src/runtime/command.js';
import type { CommandContext } from '../src/runtime/context.js';
import { type PricedSpend, readTerms, type SpendResult, termsOf } from '../src/services/order-spend.js';
import type { SpendPlan } from '../src/services/orders.js';
import { providerOption } from './options.js';
import { moneyData, orderFields, quoteData, quotedWhat, quoteLines, shownMoney } from './order-fields.js';
import { orderIdOption, periodOption, productOption, promoOption, purchaseOptions } from './order-options.js';
import { approvalRequestedReply } from './spend-approval.js';

/** `data.cost` as every paid command has it: `{ amount, unit }`, the unit a currency here. */
function costOf(money: Money): { amount: number; unit: string } {
  const { amount, currency } = moneyData(money);
  return { amount, unit: currency };
}

const promoOf = (plan: SpendPlan) =>
  plan.kind === 'buy' ? plan.input.promo : plan.kind === 'renew' ? plan.promo : undefined;

function headline({ plan, quote }: PricedSpend): string {
  const at = plan.provider.displayName;
  if (plan.kind === 'buy') return `Buy ${quotedWhat(quote)} at ${at}`;
  if (plan.kind === 'renew') return `Renew order ${plan.orderId} at ${at}${quote.period ? ` for ${quote.period}` : ''}`;
  return `Add ${plan.gigabytes} GB to order ${plan.orderId} at ${at}`;
}

/** The question before money moves: what, the vendor's price, the balance now and after; its terms are that price. */
async function askToSpend(plan: SpendPlan, ctx: CommandContext): Promise<Question> {
  const priced = await ctx.services.spend.quoteSpend(plan, ctx);
  const lines = quoteLines(plan.provider, priced.quote, promoOf(plan));
  lines.push(...(await guardLines(plan, priced.quote.price, ctx)));
  const data = { ...quoteData(plan.provider, priced.quote), cost: costOf(priced.quote.price) };
  return { text: [headline(priced), ...lines].join('\n'), terms: { ...termsOf(priced.quote) }, data };
}

/** The owners' spending rules, told in the question: over the day's limit it is refused before anyone confirms. */
async function guardLines(plan: SpendPlan, price: Money, ctx: CommandContext): Promise<string[]> {
  const guard = ctx.services.spendGuard;
  const assessed = await guard.assess(plan.provider.id, price);
  if (assessed.overLimit) throw guard.overLimit(plan.provider.displayName, price, assessed);
  if (!assessed.needsApproval || !assessed.threshold || ctx.approval) return [];
  return [
    `Above ${shownMoney(assessed.threshold)}: a second owner must approve it before anything is bought (Confirm sends them the request).`,
  ];
}

/** Where the new order's proxies are; more GB go to traffic the order already reaches. */
function nextStep(result: SpendResult): string {
  const { plan, orderId } = result;
  if (plan.kind === 'bandwidth') return `See it with /order info ${plan.provider.id} ${orderId}`;
  return plan.orders.proxies
    ? `Its proxies: /config get ${plan.provider.id} ${orderId}`
    : `See it with /order info ${plan.provider.id} ${orderId}`;
}

function spentReply(result: SpendResult, ctx: CommandContext, done: string) {
  const { plan, change } = result;
  ctx.services.suggestions.rememberOrders(plan.provider.id, [result.orderId]);
  const order = change?.order;
  const charged = result.charged ?? undefined;
  const lines = result.replayed
    ? [`This same request was already carried out (order ${result.orderId}); nothing was bought again.`]
    : [`${done} Order ${result.orderId}.`, ...(charged ? [`Charged: ${shownMoney(charged)}.`] : [])];
  if (change?.balanceAfter) lines.push(`${plan.provider.displayName} balance now: ${shownMoney(change.balanceAfter)}.`);
  lines.push(nextStep(result));
  return reply({
    title: result.replayed
      ? 'Already done'
      : plan.kind === 'buy'
        ? 'Order placed'
        : plan.kind === 'renew'
          ? 'Order renewed'
          : 'Bandwidth added',
    tone: result.warnings.length > 0 ? 'warning' : 'success',
    text: [...lines, ...result.warnings.map((w) => `Warning: ${w}`)].join('\n'),
    fields: order ? orderFields(order, ctx) : [],
    data: {
      provider: plan.provider.id,
      orderId: result.orderId,
      ...(charged ? { charged: moneyData(charged) } : {}),
      ...(change?.balanceAfter ? { balanceAfter: moneyData(change.balanceAfter) } : {}),
      ...(order?.expiresAt !== undefined ? { expiresAt: order.expiresAt } : {}),
      replayed: result.replayed,
      ...(result.warnings.length > 0 ? { warnings: result.warnings } : {}),
    },
  });
}

/** The command and its arguments, which a second owner's approval runs again. */
type Rerun = { path: string; args: Record<string, unknown> };

async function carryOut(ctx: CommandContext, plan: SpendPlan, done: string, rerun: Rerun) {
  const result = await ctx.services.spend.spend(ctx, plan, readTerms(ctx.confirmedTerms), rerun);
  if ('held' in result) return approvalRequestedReply(result.held.request, result.held.announcedTo);
  const out = spentReply(result, ctx, done);
  const priced = result.quote;
  if (!priced) return out;
  const cost = costOf(result.charged ?? priced.price);
  return { ...out, data: { ...quoteData(plan.provider, priced), cost, ...out.data } };
}

export const buy = subcommand({
  name: 'buy',
  description: 'Buy proxies at the vendor, paid from your balance there (asks first, with the price)',
  minRole: 'staff',
  mutates: true,
  confirm: 'paid',
  options: [providerOption, productOption, ...purchaseOptions],
  prepare: (ctx, args) => ctx.services.orders.prepareBuy(args.provider, args),
  describe: (_args, plan, ctx) => askToSpend(plan, ctx),
  run: (ctx, args, plan) => carryOut(ctx, plan, 'Bought.', { path: 'order buy', args }),
});

export const renew = subcommand({
  name: 'renew',
  description: 'Renew an order, paid from your balance at the vendor (asks first, with the price)',
  minRole: 'staff',
  mutates: true,
  confirm: 'paid',
  options: [providerOption, orderIdOption, periodOption, promoOption],
  prepare: (ctx, args) => ctx.services.orders.prepareRenew(args.provider, args.order, args),
  describe: (_args, plan, ctx) => askToSpend(plan, ctx),
  run: (ctx, args, plan) => carryOut(ctx, plan, 'Renewed.', { path: 'order renew', args }),
});

export const bandwidth = subcommand({
  name: 'bandwidth',
  description: 'Buy more GB for a residential order (asks first, with the price)',
  minRole: 'staff',
  mutates: true,
  confirm: 'paid',
  options: [
    providerOption,
    orderIdOption,
    { name: 'gb', type: 'integer', description: 'Whole GB to add', required: true },
  ],
  prepare: (ctx, args) => ctx.services.orders.prepareBandwidth(args.provider, args.order, args.gb),
  describe: (_args, plan, ctx) => askToSpend(plan, ctx),
  run: (ctx, args, plan) => carryOut(ctx, plan, 'Added.', { path: 'order bandwidth', args }),
});

export const autorenew = subcommand({
  name: 'autorenew',
  description: "Switch an order's automatic renewal on or off",
  minRole: 'staff',
  mutates: true,
  options: [
    providerOption,
    orderIdOption,
    {
      name: 'state',
      type: 'choice',
      description: 'on or off',
      required: true,
      choices: [
        { name: 'on', value: 'on' },
        { name: 'off', value: 'off' },
      ],
    },
    periodOption,
  ],
  async run(ctx, args) {
    const id = ctx.services.orders.orderId(args.order);
    const on = args.state === 'on';
    const { provider, order, replayed } = await ctx.services.spend.setAutoRenew(
      ctx,
      args.provider,
      id,
      on,
      args.period,
    );
    return reply({
      title: `Auto-renew ${on ? 'on' : 'off'}`,
      text: `Order ${order.id} at ${provider.displayName} ${on ? 'now renews on its own' : 'no longer renews on its own'}.${replayed ? ' (This same request was already carried out.)' : ''}`,
      fields: orderFields(order, ctx),
      data: { provider: provider.id, orderId: order.id, autoRenew: order.autoRenewal ?? on, replayed },
    });
  },
});
