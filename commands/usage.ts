import { type Reply, reply } from '../src/kit/reply.js';
import { defineCommand, subcommand } from '../src/runtime/command.js';
import { formatBytes } from '../src/services/units.js';
import type { UsageResult } from '../src/services/usage.js';
import { providerOption, usernameOption } from './options.js';

/** The usage reply, as staff (/usage show) and customers (/my usage) get it. */
export function usageReply(result: UsageResult): Reply {
  const sizes = result.days.map((d) => formatBytes(d.bytes));
  const width = Math.max(0, ...sizes.map((size) => size.length));
  const table = result.days.map((d, i) => `${d.date}  ${(sizes[i] as string).padStart(width)}`).join('\n');
  const fields = [{ label: 'Total', value: formatBytes(result.totalBytes), inline: true }];
  if (result.remainingBytes !== undefined)
    fields.push({ label: 'Left', value: formatBytes(result.remainingBytes), inline: true });
  return reply({
    title: `Usage of ${result.username} on ${result.provider.displayName}`,
    tone: 'info',
    text: result.days.length > 0 ? table : `${result.provider.displayName} reports totals only, not days.`,
    preformatted: result.days.length > 0,
    fields,
    files: result.chart ? [result.chart] : [],
    data: {
      provider: result.provider.id,
      username: result.username,
      days: result.days.map((d) => ({ date: d.date, bytes: d.bytes })),
      totalBytes: result.totalBytes,
      ...(result.remainingBytes !== undefined ? { remainingBytes: result.remainingBytes } : {}),
    },
  });
}

const show = subcommand({
  name: 'show',
  description: "Show a customer's daily usage with a chart",
  minRole: 'viewer',
  options: [
    providerOption,
    usernameOption,
    { name: 'days', type: 'integer', description: 'How many days back (default 14)', min: 1, max: 90 },
  ],
  async run(ctx, args) {
    return usageReply(await ctx.services.usage.show(args.provider, args.username, args.days));
  },
});

export const usageCommand = defineCommand({
  name: 'usage',
  description: 'Customer usage history',
  subcommands: [show],
});
