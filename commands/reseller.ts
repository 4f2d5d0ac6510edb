import { reply } from '../src/kit/reply.js';
import type { ResellerBalance } from '../src/providers/types.js';
import { defineCommand, subcommand } from '../src/runtime/command.js';
import { formatMoney, formatVendorTraffic, inUnit } from '../src/services/units.js';

function amountOf(b: ResellerBalance): { amount: number; unit: string; shown: string } {
  if (b.kind === 'money') return { amount: b.minor / 100, unit: b.currency, shown: formatMoney(b.minor, b.currency) };
  // The vendor's unit can be unreadable at scale (ProxyLite counts in KB): a human size goes beside it.
  return {
    amount: inUnit(b.bytes, b.displayUnit),
    unit: b.displayUnit,
    shown: formatVendorTraffic(b.bytes, b.displayUnit),
  };
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
        errors.push({ provider: line.provider.id, code: line.error.code, message: line.error.message });
        return { label: line.provider.displayName, value: `⚠ ${line.error.message}` };
      }
      const parts = line.balances.map((b) => {
        const a = amountOf(b);
        balances.push({ provider: line.provider.id, label: b.label, amount: a.amount, unit: a.unit });
        return line.balances.length > 1 ? `${b.label}: ${a.shown}` : a.shown;
      });
      return { label: line.provider.displayName, value: parts.join('\n') || '—' };
    });
    const first = lines.find((line) => !line.ok);
    // The one provider asked for, or every provider, failed: that is an error, not a balance.
    if (first && !first.ok && errors.length === lines.length) {
      const { code, hint } = first.error;
      const { displayName, id } = first.provider;
      const message = [displayName, id].some((name) => first.error.message.toLowerCase().startsWith(name.toLowerCase()))
        ? first.error.message
        : `${displayName}: ${first.error.message}`;
      const all = lines.length > 1 ? `None of the ${lines.length} providers could be read. ` : '';
      return reply({
        ok: false,
        visibility: 'private',
        title: lines.length > 1 ? 'No balance could be read' : `${displayName} could not be read`,
        tone: 'error',
        text: `${all}${message}${hint ? `\n${hint}` : ''}`,
        fields: lines.length > 1 ? fields : [],
        data: { balances, errors },
        error: { code, message, ...(hint ? { hint } : {}) },
      });
    }
    return reply({
      title: 'Reseller balance',
      tone: errors.length > 0 ? 'warning' : 'info',
      text:
        lines.length === 0
          ? 'No configured provider reports a balance.'
          : errors.length > 0
            ? `${errors.length} of ${lines.length} providers could not be read.`
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
