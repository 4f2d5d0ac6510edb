import { UserInputError } from '../src/errors.js';
import { echo } from '../src/kit/echo.js';
import { reply } from '../src/kit/reply.js';
import { subcommand } from '../src/runtime/command.js';
import type { CommandContext } from '../src/runtime/context.js';
import { amountInMinor, amountOfMinor, currencyCode, openSpendSettings } from '../src/services/spend/settings.js';
import { formatMoney } from '../src/services/units.js';
import { auditSetting } from './setting-audit.js';
import { spendOverview } from './spend-show.js';

const currencyOption = {
  name: 'currency',
  type: 'string',
  description: 'Three-letter currency code the vendors charge in (USD)',
  required: true,
  maxLength: 12,
} as const;

const setBy = (ctx: CommandContext, at: Date) => ({
  setBy: { platform: ctx.actor.platform, userId: ctx.actor.userId },
  setAt: at.toISOString(),
});

const limitSet = subcommand({
  name: 'set',
  description: 'Cap what the team may spend per provider per day, in one currency',
  minRole: 'owner',
  mutates: true,
  options: [
    {
      name: 'amount',
      type: 'number',
      description: 'Most the team may spend at each provider per day',
      required: true,
      min: 0,
    },
    currencyOption,
    {
      name: 'per',
      type: 'choice',
      description: 'The period the limit counts (day)',
      choices: [{ name: 'day', value: 'day' }],
    },
  ],
  async run(ctx, args) {
    const currency = currencyCode(args.currency);
    const minor = amountInMinor(args.amount, currency);
    const doc = await openSpendSettings(ctx.services.store);
    await doc.update((draft) => {
      draft.limits = draft.limits.filter((l) => l.currency !== currency);
      draft.limits.push({ currency, minor, per: 'day', ...setBy(ctx, ctx.now()) });
    });
    const shown = formatMoney(minor, currency);
    await auditSetting(ctx, 'spend limit set', `daily limit ${shown} per provider`, {
      details: { currency, minor, per: 'day' },
    });
    return reply({
      title: 'Spending limit set',
      text: `The team may spend at most ${shown} at each provider per day (midnight to midnight, ${ctx.services.timeZone}). A purchase or renewal that would pass it is refused before anything is sent.`,
      data: { limit: { amount: amountOfMinor(minor, currency), currency, per: 'day' } },
    });
  },
});

const limitClear = subcommand({
  name: 'clear',
  description: 'Remove the daily spending limit in one currency',
  minRole: 'owner',
  mutates: true,
  options: [currencyOption],
  async run(ctx, args) {
    const currency = currencyCode(args.currency);
    const doc = await openSpendSettings(ctx.services.store);
    const removed = await doc.update((draft) => {
      const before = draft.limits.length;
      draft.limits = draft.limits.filter((l) => l.currency !== currency);
      return draft.limits.length < before;
    });
    if (removed)
      await auditSetting(ctx, 'spend limit clear', `no daily limit in ${currency}`, { details: { currency } });
    return reply({
      title: removed ? 'Spending limit removed' : 'No limit to remove',
      tone: removed ? 'success' : 'info',
      text: removed
        ? `There is no daily spending limit in ${currency} now.`
        : `There was no daily limit in ${currency}.`,
      data: { currency, removed },
    });
  },
});

const limitShow = subcommand({
  name: 'show',
  description: "The limits, the approval threshold, today's spend per provider and the requests waiting",
  minRole: 'owner',
  options: [],
  run: (ctx) => spendOverview(ctx),
});

export const limitGroup = {
  name: 'limit',
  description: 'The daily spending limit per provider: set, show, clear',
  group: [limitSet, limitShow, limitClear],
};

export const approvalSubcommand = subcommand({
  name: 'approval',
  description: 'Above this price a purchase or renewal needs a second owner (above:off removes it)',
  minRole: 'owner',
  mutates: true,
  options: [
    {
      name: 'above',
      type: 'string',
      description: 'The price above which a second owner must approve, or off',
      required: true,
      maxLength: 20,
    },
    currencyOption,
  ],
  async run(ctx, args) {
    const currency = currencyCode(args.currency);
    const doc = await openSpendSettings(ctx.services.store);
    if (args.above.trim().toLowerCase() === 'off') {
      await doc.update((draft) => {
        draft.approvals = draft.approvals.filter((a) => a.currency !== currency);
      });
      await auditSetting(ctx, 'spend approval', `no approval needed in ${currency}`, {
        details: { currency, above: 'off' },
      });
      return reply({
        title: 'Approval threshold removed',
        text: `Purchases in ${currency} need no second owner now.`,
        data: { approval: null, currency },
      });
    }
    const above = Number(args.above.trim());
    if (!/^\d+(\.\d+)?$/.test(args.above.trim()) || !Number.isFinite(above)) {
      throw new UserInputError(`above: must be an amount (50, 12.5) or off, not ${echo(args.above)}.`);
    }
    const aboveMinor = amountInMinor(above, currency, 'above:');
    await doc.update((draft) => {
      draft.approvals = draft.approvals.filter((a) => a.currency !== currency);
      draft.approvals.push({ currency, aboveMinor, ...setBy(ctx, ctx.now()) });
    });
    const shown = formatMoney(aboveMinor, currency);
    await auditSetting(ctx, 'spend approval', `second owner above ${shown}`, { details: { currency, aboveMinor } });
    return reply({
      title: 'Approval threshold set',
      text: `A purchase or renewal above ${shown} now waits for a second owner's approval before anything is sent. The request shows in the alert channels on Discord and Slack, and expires after ${Math.round(ctx.services.spendGuard.approvals.ttlMs / 60_000)} minutes.`,
      data: { approval: { above: amountOfMinor(aboveMinor, currency), currency } },
    });
  },
});
