import { parseGrantee } from '../src/access/user-ref.js';
import { defineCommand } from '../src/kit/command.js';
import { reply } from '../src/kit/reply.js';
import { providerOption } from './options.js';

export const auditCommand = defineCommand({
  name: 'audit',
  adminOnly: true,
  description: 'Recent changes: who did what, where and when',
  minRole: 'staff',
  options: [
    { name: 'user', type: 'mentionable', description: 'Only changes by this user', autocomplete: 'chat-user' },
    { ...providerOption, required: false, description: 'Only changes at this provider' },
    { name: 'limit', type: 'integer', description: 'How many entries (default 20, at most 100)', min: 1, max: 100 },
  ],
  async run(ctx, args) {
    const actorId = args.user ? parseGrantee(args.user, ctx.actor.platform).id : undefined;
    const entries = await ctx.services.store.audit.recent({
      ...(actorId ? { actorId } : {}),
      ...(args.provider ? { provider: args.provider } : {}),
      limit: args.limit ?? 20,
    });
    const lines = entries.map((e) => {
      const who = e.actor.name ?? e.actor.userId;
      const what = [e.command, e.provider, e.target].filter(Boolean).join(' ');
      return `${e.at.slice(0, 16).replace('T', ' ')}  ${who} (${e.platform})  ${what}  → ${e.result}${e.errorCode ? ` (${e.errorCode})` : ''}`;
    });
    return reply({
      title: 'Audit log',
      tone: 'info',
      text: lines.join('\n') || 'Nothing recorded yet.',
      data: { entries },
    });
  },
});
