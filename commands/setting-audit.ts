import type { CommandContext } from '../src/runtime/context.js';

/** An owner's change to the bot's own settings (alert rules and channels, spending rules), in the audit log. */
export async function auditSetting(
  ctx: CommandContext,
  command: string,
  summary: string,
  details?: Record<string, unknown>,
): Promise<void> {
  await ctx.services.store.audit.append({
    actor: {
      platform: ctx.actor.platform,
      userId: ctx.actor.userId,
      ...(ctx.actor.name ? { name: ctx.actor.name } : {}),
    },
    platform: ctx.actor.platform,
    command,
    result: 'ok',
    summary,
    ...(details ? { details } : {}),
  });
}
