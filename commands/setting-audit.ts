import type { CommandContext } from '../src/runtime/context.js';

/**
 * A change to the bot's own settings or records (alert rules and channels, spending rules, customer
 * links), in the audit log; `target` names what it was about when there is one thing, and `provider` the
provider it concerns, so `/audit provider:` finds it.
 */
export async function auditSetting(
  ctx: CommandContext,
  command: string,
  summary: string,
  more: { target?: string; provider?: string; details?: Record<string, unknown> } = {},
): Promise<void> {
  await ctx.services.store.audit.append({
    actor: {
      platform: ctx.actor.platform,
      userId: ctx.actor.userId,
      ...(ctx.actor.name ? { name: ctx.actor.name } : {}),
    },
    platform: ctx.actor.platform,
    command,
    ...(more.provider === undefined ? {} : { provider: more.provider }),
    ...(more.target === undefined ? {} : { target: more.target }),
    result: 'ok',
    summary,
    ...(more.details ? { details: more.details } : {}),
  });
}
