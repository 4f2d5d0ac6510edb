import { reply } from '../src/kit/reply.js';
import { defineCommand, subcommand } from '../src/runtime/command.js';
import { type AmountUnit, shownAmount } from '../src/services/units.js';
import { confirmedCost, costData, costLine } from './cost-fields.js';
import { balanceOf, customerFields, noticeOf } from './customer-fields.js';
import { amountOption, providerOption, unitOption, usernameOption } from './options.js';

function balanceCommand(direction: 'add' | 'remove') {
  return subcommand({
    name: direction,
    description: direction === 'add' ? 'Add traffic or days to a customer' : 'Take traffic or days from a customer',
    minRole: 'staff',
    mutates: true,
    confirm: direction === 'add' ? 'paid' : 'destructive',
    options: [providerOption, usernameOption, amountOption, unitOption],
    prepare: (ctx, args) =>
      ctx.services.balances.prepare(
        direction,
        args.provider,
        args.username,
        args.amount,
        args.unit as AmountUnit | undefined,
      ),
    async describe(args, planned, ctx) {
      const { amount, provider } = planned;
      const what = `${direction === 'add' ? 'Add' : 'Remove'} ${shownAmount(amount.shownAmount, amount.shownUnit)} ${direction === 'add' ? 'to' : 'from'} ${args.username} on ${provider.displayName}`;
      if (direction === 'remove') return what;
      const cost = await ctx.services.costs.balanceAdd(planned);
      return { text: `${what}\n${costLine(cost)}`, data: costData(cost), terms: costData(cost) };
    },
    async run(ctx, args, planned) {
      const cost = confirmedCost(ctx.confirmedTerms);
      const result = await ctx.services.balances.change(ctx, planned);
      const { provider, customer } = result;
      const balance = customer ? balanceOf(provider, customer, ctx) : undefined;
      const verb = direction === 'add' ? 'Added' : 'Removed';
      return reply({
        title: result.replayed ? 'Already done' : `Balance ${direction === 'add' ? 'added' : 'removed'}`,
        text: `${verb} ${shownAmount(result.shownAmount, result.shownUnit)} ${direction === 'add' ? 'to' : 'from'} ${args.username} on ${provider.displayName}.${noticeOf(customer)}${result.replayed ? ' This same request was already carried out; nothing was added again.' : ''}`,
        fields: customer ? customerFields(provider, customer, ctx) : [],
        data: {
          provider: provider.id,
          username: customer?.username ?? args.username,
          amount: result.shownAmount,
          unit: result.shownUnit,
          ...(balance ? { balance } : {}),
          ...(cost && !result.replayed ? { cost } : {}),
          replayed: result.replayed,
        },
      });
    },
  });
}

export const balanceGroup = defineCommand({
  name: 'balance',
  description: "Add or remove a customer's traffic or days",
  subcommands: [balanceCommand('add'), balanceCommand('remove')],
});
