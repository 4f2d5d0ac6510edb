import { parseGrantee } from '../src/access/user-ref.js';
import type { Platform } from '../src/kit/actor.js';
import { reply } from '../src/kit/reply.js';
import { defineCommand } from '../src/runtime/command.js';
import type { AuditQuery } from '../src/storage/audit.js';
import { providerOption } from './options.js';

/**
 * `user:` takes what the audit prints (`root (terminal)`, `alice`) as well as a mention or
 * `discord:ID` / `slack:ID` / `terminal:NAME`.
 */
export function auditActor(text: string, from: Platform): Pick<AuditQuery, 'actorId' | 'actorName' | 'platform'> {
  const value = text.trim();
  const printed = /^(.+?)\s*\((discord|slack|terminal)\)$/i.exec(value);
  if (printed) return { actorName: printed[1] as string, platform: (printed[2] as string).toLowerCase() };
  const terminal = /^terminal:(.+)$/i.exec(value);
  if (terminal) return { actorName: terminal[1] as string, platform: 'terminal' };
  try {
    const grantee = parseGrantee(value, from);
    if (grantee.kind === 'user') return { actorId: grantee.id, platform: grantee.platform };
  } catch {
    // Not a mention or an id: a name, as the audit shows it.
  }
  return { actorName: value };
}

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
    const entries = await ctx.services.store.audit.recent({
      ...(args.user ? auditActor(args.user, ctx.actor.platform) : {}),
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
      text:
        lines.join('\n') || (args.user || args.provider ? 'Nothing recorded that matches.' : 'Nothing recorded yet.'),
      data: { entries },
    });
  },
});
