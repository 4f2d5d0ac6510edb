import { reply } from '../src/kit/reply.js';
import type { CommandContext } from '../src/runtime/context.js';
import { calendarDate } from '../src/services/calendar.js';
import { describePerson } from '../src/services/spend/approvals.js';
import { spentToday } from '../src/services/spend/ledger.js';
import { amountOfMinor, openSpendSettings } from '../src/services/spend/settings.js';
import { formatMoney } from '../src/services/units.js';

/** `/spend limit show`: the owners' rules, what each provider spent today, and what waits for approval. */
export async function spendOverview(ctx: CommandContext) {
  const { store, timeZone } = ctx.services;
  const now = ctx.now();
  const settings = await (await openSpendSettings(store)).read();
  const spent = await spentToday(store, now, timeZone);
  const pending = await ctx.services.spendGuard.approvals.pending();
  const lines = [
    settings.limits.length > 0
      ? `Daily limit per provider: ${settings.limits.map((l) => formatMoney(l.minor, l.currency)).join(', ')}.`
      : 'No daily spending limit.',
    settings.approvals.length > 0
      ? `Second owner needed above: ${settings.approvals.map((a) => formatMoney(a.aboveMinor, a.currency)).join(', ')}.`
      : 'No purchase needs a second owner.',
    `Spent today (${calendarDate(now, timeZone)}, ${timeZone}): ${
      spent.length > 0
        ? spent.map((s) => `${s.provider} ${formatMoney(s.minor, s.currency)} (${s.changes})`).join(', ')
        : 'nothing'
    }.`,
    ...pending.map(
      (r) =>
        `Waiting: ${r.id} — ${r.summary} — ${formatMoney(r.price.minor, r.price.currency)}, asked by ${describePerson(r.requester)}, expires ${r.expiresAt}.`,
    ),
  ];
  return reply({
    title: 'Spending',
    tone: 'info',
    text: lines.join('\n'),
    data: {
      limits: settings.limits.map((l) => ({
        amount: amountOfMinor(l.minor, l.currency),
        currency: l.currency,
        per: l.per,
      })),
      approvals: settings.approvals.map((a) => ({
        above: amountOfMinor(a.aboveMinor, a.currency),
        currency: a.currency,
      })),
      today: spent.map((s) => ({
        date: s.date,
        provider: s.provider,
        amount: amountOfMinor(s.minor, s.currency),
        currency: s.currency,
        changes: s.changes,
      })),
      pending: pending.map((r) => ({
        id: r.id,
        provider: r.provider,
        summary: r.summary,
        price: { amount: amountOfMinor(r.price.minor, r.price.currency), currency: r.price.currency },
        requester: r.requester,
        expiresAt: r.expiresAt,
      })),
    },
  });
}
