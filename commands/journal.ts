import { reply } from '../src/kit/reply.js';
import { defineCommand, subcommand } from '../src/runtime/command.js';

function when(iso: string): string {
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}

function asked(params: Record<string, unknown>): string {
  return Object.entries(params)
    .map(([key, value]) => `${key}=${typeof value === 'object' ? JSON.stringify(value) : String(value)}`)
    .join(' ');
}

/**
 * Staff, like /audit: the people who make changes are the ones an unknown outcome blocks, and they
 * need to see what blocks an account and who asked for it; viewers change nothing.
 */
const list = subcommand({
  name: 'list',
  description: 'Changes whose outcome is unknown, which block their account until settled',
  minRole: 'staff',
  options: [],
  async run(ctx) {
    const pending = await ctx.services.changes.unresolved();
    const lines = pending.map(({ entry, provableFrom }) => {
      const who = `${entry.actor.name ?? entry.actor.userId} (${entry.actor.platform})`;
      const params = asked(entry.params);
      return `${entry.id}  ${when(entry.at)}  ${who}  /${entry.kind} ${entry.provider} ${entry.target}${params ? `  ${params}` : ''}  · a read-back can tell from ${when(provableFrom)}`;
    });
    return reply({
      title: 'Changes with an unknown outcome',
      tone: pending.length > 0 ? 'warning' : 'info',
      text:
        pending.length > 0
          ? `${lines.join('\n')}\nThe next change to the same account reads it back first. After checking the provider, an owner can settle one with /journal resolve <id> applied|not-applied.`
          : 'None: every change has a known outcome.',
      data: {
        entries: pending.map(({ entry }) => ({
          id: entry.id,
          at: entry.at,
          actor: entry.actor,
          command: entry.kind,
          provider: entry.provider,
          target: entry.target,
          params: entry.params,
        })),
      },
    });
  },
});

const resolve = subcommand({
  name: 'resolve',
  description: 'Settle a change whose outcome is unknown, after checking it at the provider',
  minRole: 'owner',
  mutates: true,
  options: [
    { name: 'id', type: 'string', description: 'The change, as /journal list shows it', required: true, maxLength: 64 },
    {
      name: 'outcome',
      type: 'choice',
      description: 'What the provider shows: applied (it went through) or not-applied',
      required: true,
      choices: [
        { name: 'applied', value: 'applied' },
        { name: 'not-applied', value: 'not-applied' },
      ],
    },
    { name: 'note', type: 'string', description: 'Why, for the audit log', maxLength: 200 },
  ],
  async run(ctx, args) {
    const outcome = args.outcome === 'applied' ? 'applied' : 'not_applied';
    const { entry, warnings } = await ctx.services.changes.resolve(args.id, outcome, ctx.actor, args.note);
    const who = `${entry.actor.name ?? entry.actor.userId} (${entry.actor.platform})`;
    const said = outcome === 'applied' ? 'went through' : 'did not go through';
    return reply({
      title: 'Change settled',
      tone: warnings.length > 0 ? 'warning' : 'success',
      text: [
        `/${entry.kind} on ${entry.target} at ${entry.provider}, asked by ${who} at ${when(entry.at)}, is settled: it ${said}. Changes to ${entry.target} go ahead again.`,
        ...warnings.map((w) => `Warning: ${w}`),
      ].join('\n'),
      data: {
        id: entry.id,
        outcome,
        command: entry.kind,
        provider: entry.provider,
        target: entry.target,
        ...(args.note ? { note: args.note } : {}),
      },
    });
  },
});

export const journalCommand = defineCommand({
  name: 'journal',
  description: 'Changes whose outcome is unknown: list them, and settle one (owners)',
  subcommands: [list, resolve],
});
