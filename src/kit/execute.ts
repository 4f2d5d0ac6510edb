import { AppError } from '../errors.js';
import { confirmationFor, type ResolvedCommand } from './command.js';
import type { CommandContext } from './context.js';
import { type ParsedInvocation, UsageError } from './parse.js';
import { errorReply, type Reply, reply } from './reply.js';
import { roleAllows } from './roles.js';
import { usageLine } from './usage.js';

export interface ExecuteHooks {
  /** A refused attempt, for the audit log. */
  denied?(ctx: CommandContext, resolved: ResolvedCommand, reason: string): Promise<void> | void;
  /** An error that is not the user's or the provider's: log it (the reply stays generic). */
  internalError?(error: unknown, resolved: ResolvedCommand): void;
}

export function sandboxFooter(ctx: CommandContext, out: Reply): Reply {
  if (!ctx.sandbox) return out;
  const footer = 'SANDBOX — simulated providers, no real accounts or money';
  return { ...out, footer: out.footer ? `${out.footer} · ${footer}` : footer };
}

/**
 * The one path every command takes, from any platform: role check, confirmation, run, and every
 * error turned into a Reply. It never throws.
 */
export async function executeCommand(
  invocation: ParsedInvocation,
  ctx: CommandContext,
  hooks: ExecuteHooks = {},
): Promise<Reply> {
  const { resolved } = invocation;
  const leaf = resolved.leaf;
  try {
    if (!roleAllows(ctx.actor.role, leaf.minRole)) {
      const reason = ctx.actor.role
        ? `needs role ${leaf.minRole}, has ${ctx.actor.role}`
        : `needs role ${leaf.minRole}, has none`;
      await hooks.denied?.(ctx, resolved, reason);
      throw new AppError('forbidden', `/${resolved.path} needs the ${leaf.minRole} role.`, {
        hint: ctx.actor.role ? `Your role is ${ctx.actor.role}.` : 'Ask an owner to grant you a role.',
      });
    }
    leaf.precheck?.(ctx, invocation.args as never);
    const confirmed = ctx.confirmed || invocation.confirmed;
    const confirmKind = confirmationFor(leaf, invocation.args);
    if (confirmKind && !confirmed) {
      const what = leaf.describe ? leaf.describe(invocation.args as never, ctx) : `Run /${resolved.path}`;
      const ask = confirmKind === 'paid' ? 'This spends money at the provider.' : 'This cannot be undone.';
      return sandboxFooter(
        ctx,
        reply({
          ok: false,
          visibility: 'private',
          title: 'Confirmation required',
          text: `${what}\n${ask}${ctx.actor.platform === 'terminal' ? '\nAdd confirm:yes to go ahead.' : ''}`,
          tone: 'warning',
          error: {
            code: 'confirmation_required',
            message: `${what}. ${ask}`,
            hint: ctx.actor.platform === 'terminal' ? 'Add confirm:yes to go ahead.' : 'Press Confirm to go ahead.',
          },
          confirmation: { prompt: `${what}\n${ask}` },
        }),
      );
    }
    const out = await leaf.run({ ...ctx, confirmed }, invocation.args as never);
    return sandboxFooter(ctx, leaf.secret && out.ok ? { ...out, visibility: 'private' } : out);
  } catch (error) {
    if (!(error instanceof AppError)) hooks.internalError?.(error, resolved);
    const usage =
      error instanceof UsageError
        ? error.usage
        : error instanceof AppError && error.code === 'invalid_input'
          ? usageLine(resolved)
          : undefined;
    return sandboxFooter(ctx, errorReply(error, usage ? { usage } : {}));
  }
}
