import { defineCommand, subcommand } from '../src/kit/command.js';
import { reply } from '../src/kit/reply.js';
import type { ResellerBalance } from '../src/providers/types.js';
import { formatBytes, formatMoney, inUnit } from '../src/services/units.js';

function amountOf(b: ResellerBalance): { amount: number; unit: string; shown: string } {
  if (b.kind === 'money') return { amount: b.minor / 100, unit: b.currency, shown: formatMoney(b.minor, b.currency) };
  const amount = inUnit(b.bytes, b.displayUnit);
  const own = `${amount.toLocaleString('en-US')} ${b.displayUnit}`;
  // The vendor's unit can be unreadable at scale (ProxyLite counts in KB): show a human size beside it.
  const human = formatBytes(b.bytes);
  return { amount, unit: b.displayUnit, shown: human.endsWith(` ${b.displayUnit}`) ? own : `${human} (${own})` };
}

const balance = subcommand({
  name: 'balance',
  description: 'Your own balance at every configured provider, or one',
  minRole: 'staff',
  options: [
    {
      name: 'provider',
      type: 'string',
      description: 'Only this provider',
      positional: true,
      autocomplete: 'provider',
      maxLength: 32,
    },
  ],
  async run(ctx, args) {
    const lines = await ctx.services.reseller.balances(args.provider);
    const balances: Array<{ provider: string; label: string; amount: number; unit: string }> = [];
    const errors: Array<{ provider: string; code: string; message: string }> = [];
    const fields = lines.map((line) => {
      if (!line.ok) {
        errors.push({ provider: line.provider.id, ...line.error });
        return { label: line.provider.displayName, value: `⚠ ${line.error.message}` };
      }
      const parts = line.balances.map((b) => {
        const a = amountOf(b);
        balances.push({ provider: line.provider.id, label: b.label, amount: a.amount, unit: a.unit });
        return line.balances.length > 1 ? `${b.label}: ${a.shown}` : a.shown;
      });
      return { label: line.provider.displayName, value: parts.join('\n') || '—' };
    });
    return reply({
      title: 'Reseller balance',
      tone: errors.length > 0 ? 'warning' : 'info',
      text:
        lines.length === 0
          ? 'No configured provider reports a balance.'
          : errors.length > 0
            ? `${errors.length} provider(s) could not be read.`
            : '',
      fields,
      data: { balances, errors },
    });
  },
});

export const resellerCommand = defineCommand({
  name: 'reseller',
  description: "The reseller's own balances at the providers",
  subcommands: [balance],
});
