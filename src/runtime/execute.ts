import { AppError } from '../errors.js';
import { errorReply, type Reply, reply } from '../kit/reply.js';
import { roleAllows } from '../kit/roles.js';
import { confirmationFor, type ResolvedCommand } from './command.js';
import type { CommandContext } from './context.js';
import { type ParsedInvocation, UsageError } from './parse.js';
import { usageLine } from './usage.js';

export interface ExecuteHooks {
  /** A refused attempt, for the audit log. */
  denied?(ctx: CommandContext, resolved: ResolvedCommand, reason: string): Promise<void> | void;
  /** An error that is not the user's or the provider's: log it (the reply stays generic). */
  internalError?(error: unknown, resolved: ResolvedCommand): void;
  /** SPEC: every command answers within 60 s whatever the provider does (default 55 s, for margin). */
  deadlineMs?: number;
}

export const defaultDeadlineMs = 55_000;

/**
 * Runs the command, or gives up answering at the deadline. A change still under way then is reported
 * as outcome_unknown: it carries on, and the journal records how it ended.
 */
async function withinDeadline(
  start: (deadline: AbortSignal) => Promise<Reply>,
  ms: number,
  mutates: boolean,
  path: string,
): Promise<Reply> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new AbortController();
  const run = start(deadline.signal);
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      deadline.abort();
      reject(
        mutates
          ? new AppError(
              'outcome_unknown',
              `/${path} is taking longer than ${Math.round(ms / 1000)} s; it may still go through.`,
              {
                hint: 'Check /audit or the account in a minute before trying again.',
              },
            )
          : new AppError(
              'upstream_unavailable',
              `The provider did not answer /${path} within ${Math.round(ms / 1000)} s.`,
              {
                hint: 'Try again in a moment.',
              },
            ),
      );
    }, ms);
    timer.unref();
  });
  // The command may still fail after the deadline has answered; that outcome belongs to the journal.
  run.catch(() => undefined);
  try {
    return await Promise.race([run, late]);
  } finally {
    clearTimeout(timer);
  }
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
    const out = await withinDeadline(
      (deadline) => leaf.run({ ...ctx, confirmed, deadline }, invocation.args as never),
      hooks.deadlineMs ?? defaultDeadlineMs,
      Boolean(leaf.mutates),
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
