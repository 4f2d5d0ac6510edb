import { AppError } from '../errors.js';
import { errorReply, type Reply } from '../kit/reply.js';
import { roleAllows } from '../kit/roles.js';
import { confirmationFor, type ResolvedCommand } from './command.js';
import type { CommandContext } from './context.js';
import { defaultDeadlineMs, withinDeadline } from './deadline.js';
import { type ParsedInvocation, UsageError } from './parse.js';
import { questionReply } from './questions.js';
import { usageLine } from './usage.js';

export interface ExecuteHooks {
  /** A refused attempt, for the audit log. */
  denied?(ctx: CommandContext, resolved: ResolvedCommand, reason: string): Promise<void> | void;
  /** An error that is not the user's or the provider's: log it (the reply stays generic). */
  internalError?(error: unknown, resolved: ResolvedCommand): void;
  /** How long a command may take to answer (default 55 s: every command answers within 60 s). */
  deadlineMs?: number;
}

export function sandboxFooter(ctx: CommandContext, out: Reply): Reply {
  if (!ctx.sandbox) return out;
  const footer = 'SANDBOX — simulated providers, no real accounts or money';
  // A command that runs another (an approval runs the purchase) answers with one footer.
  if (out.footer?.includes(footer)) return out;
  return { ...out, footer: out.footer ? `${out.footer} · ${footer}` : footer };
}

async function checkRole(ctx: CommandContext, resolved: ResolvedCommand, hooks: ExecuteHooks): Promise<void> {
  const leaf = resolved.leaf;
  if (roleAllows(ctx.actor.role, leaf.minRole)) return;
  const reason = ctx.actor.role
    ? `needs role ${leaf.minRole}, has ${ctx.actor.role}`
    : `needs role ${leaf.minRole}, has none`;
  await hooks.denied?.(ctx, resolved, reason);
  throw new AppError('forbidden', `/${resolved.path} needs the ${leaf.minRole} role.`, {
    hint: ctx.actor.role ? `Your role is ${ctx.actor.role}.` : 'Ask an owner to grant you a role.',
  });
}

/**
 * The one path every command takes, from any platform: role check, `prepare` (once), the question
 * when it asks first, then the run within the deadline, and every error turned into a Reply. It
 * never throws.
 */
export async function executeCommand(
  invocation: ParsedInvocation,
  ctx: CommandContext,
  hooks: ExecuteHooks = {},
): Promise<Reply> {
  const { resolved, args } = invocation;
  const leaf = resolved.leaf;
  try {
    await checkRole(ctx, resolved, hooks);
    const prepared = leaf.prepare?.(ctx, args as never);
    const confirmed = ctx.confirmed || invocation.confirmed;
    const kind = confirmationFor(leaf, args);
    const asks = kind !== undefined && !confirmed;
    const out = await withinDeadline(
      async (deadline) => {
        if (!asks) return leaf.run({ ...ctx, confirmed, deadline }, args as never, prepared);
        const asked = leaf.describe ? await leaf.describe(args as never, prepared, ctx) : `Run /${resolved.path}`;
        const question = typeof asked === 'string' ? { text: asked } : asked;
        return questionReply(kind, question.text, ctx.actor.platform, question);
      },
      hooks.deadlineMs ?? defaultDeadlineMs,
      !asks && Boolean(leaf.mutates),
      resolved.path,
    );
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
