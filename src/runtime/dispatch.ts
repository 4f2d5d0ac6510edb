import { AppError } from '../errors.js';
import type { Actor } from '../kit/actor.js';
import { errorReply, type Reply } from '../kit/reply.js';
import type { Services } from '../services/types.js';
import { decideApproval } from './approve.js';
import { type CommandSpec, findLeaf, type ResolvedCommand } from './command.js';
import type { CommandContext } from './context.js';
import { type ExecuteHooks, executeCommand, sandboxFooter } from './execute.js';
import { type ParsedInvocation, parseArguments, parseCommandLine, UsageError, validateArgs } from './parse.js';
import { cancelledReply, expiredReply } from './questions.js';
import { usageLine } from './usage.js';

export interface Dispatcher {
  readonly commands: readonly CommandSpec[];
  /** The actor for a chat user, with the role the access list gives them now. */
  actor(
    platform: 'discord' | 'slack',
    userId: string,
    name?: string,
    discordRoleIds?: readonly string[],
  ): Promise<Actor>;
  /** The terminal: one line of the text grammar, command name first (docs/commands.md). */
  runText(line: string, ctx: CommandContext): Promise<Reply>;
  /** Slack: the command is known from the slash command; `text` holds the rest of the line. */
  runArguments(command: CommandSpec, text: string, ctx: CommandContext): Promise<Reply>;
  /** Discord: already-typed option values. */
  runTyped(resolved: ResolvedCommand, values: Record<string, unknown>, ctx: CommandContext): Promise<Reply>;
  /**
   * A Confirm or Cancel press. The presser's role is checked again, only the requester may answer,
   * and each question is answered once; a confirmed command runs under its own interaction id. The
   * reply says what the press did to the question (`pressed`).
   */
  answer(confirmationId: string, confirm: boolean, ctx: CommandContext): Promise<Reply>;
  /**
   * An Approve or Deny press (or `/spend approve|deny`) on a purchase waiting for a second owner:
   * owners only, never the requester, once. An approval runs the purchase, once, under its own
   * interaction id, as the approving owner.
   */
  decideApproval(requestId: string, approve: boolean, ctx: CommandContext): Promise<Reply>;
}

/** Every platform's way in: the same commands, role checks, confirmations and audit of denials. */
export function createDispatcher(
  services: Services,
  commands: readonly CommandSpec[],
  options: { deadlineMs?: number } = {},
): Dispatcher {
  const hooks: ExecuteHooks = {
    ...(options.deadlineMs ? { deadlineMs: options.deadlineMs } : {}),
    async denied(ctx, resolved, reason) {
      await services.store.audit.append({
        actor: {
          platform: ctx.actor.platform,
          userId: ctx.actor.userId,
          ...(ctx.actor.name ? { name: ctx.actor.name } : {}),
        },
        platform: ctx.actor.platform,
        command: resolved.path,
        result: 'denied',
        errorCode: 'forbidden',
        summary: reason,
      });
    },
    internalError(error, resolved) {
      services.logger.error({ err: error, command: resolved.path }, 'command failed unexpectedly');
    },
  };

  /** Chat platforms answer a confirmation with buttons: keep the question so the buttons outlive a restart. */
  async function withStoredQuestion(out: Reply, invocation: ParsedInvocation, ctx: CommandContext): Promise<Reply> {
    if (!out.confirmation || ctx.actor.platform === 'terminal' || out.error?.code !== 'confirmation_required')
      return out;
    const pending = await services.confirmations.ask({
      path: invocation.resolved.path,
      options: invocation.resolved.leaf.options,
      args: invocation.args,
      requester: { platform: ctx.actor.platform, userId: ctx.actor.userId },
      interactionId: ctx.interactionId,
      ...(out.confirmation.terms ? { terms: out.confirmation.terms } : {}),
    });
    const { terms: _kept, ...shown } = out.confirmation;
    return { ...out, confirmation: { ...shown, id: pending.id, expiresAt: pending.expiresAt } };
  }

  async function run(invocation: ParsedInvocation, ctx: CommandContext): Promise<Reply> {
    const out = await executeCommand(invocation, ctx, hooks);
    return withStoredQuestion(out, invocation, ctx);
  }

  /** Text from any platform: parsed once; `confirm:yes` is the terminal's confirmation, chat confirms with buttons. */
  async function runParsed(parse: () => ParsedInvocation, ctx: CommandContext): Promise<Reply> {
    let parsed: ParsedInvocation;
    try {
      parsed = parse();
    } catch (error) {
      return sandboxFooter(ctx, errorReply(error, error instanceof UsageError ? { usage: error.usage } : {}));
    }
    return run(ctx.actor.platform === 'terminal' ? parsed : { ...parsed, confirmed: false }, ctx);
  }

  /** What a press that settled nothing says; the question stays as it is. */
  const refusal = (error: unknown): Reply | undefined =>
    error instanceof AppError && (error.code === 'forbidden' || error.code === 'conflict')
      ? { ...errorReply(error), pressed: 'refused' }
      : error instanceof AppError && error.code === 'invalid_input'
        ? { ...errorReply(error), pressed: 'expired' }
        : undefined;

  return {
    commands,
    async actor(platform, userId, name, discordRoleIds = []) {
      return {
        platform,
        userId,
        ...(name ? { name } : {}),
        role: await services.access.roleOf(platform, userId, discordRoleIds),
      };
    },
    runText: (line, ctx) => runParsed(() => parseCommandLine(commands, line), ctx),
    runArguments: (command, text, ctx) => runParsed(() => parseArguments(command, text), ctx),
    async runTyped(resolved, values, ctx) {
      let args: Record<string, unknown>;
      try {
        args = validateArgs(resolved, values);
      } catch (error) {
        return sandboxFooter(ctx, errorReply(error, { usage: usageLine(resolved) }));
      }
      return run({ resolved, args, confirmed: false }, ctx);
    },
    async answer(confirmationId, confirm, ctx) {
      let answer: Awaited<ReturnType<typeof services.confirmations.answer>>;
      try {
        answer = await services.confirmations.answer(
          confirmationId,
          { platform: ctx.actor.platform, userId: ctx.actor.userId },
          confirm,
        );
      } catch (error) {
        return sandboxFooter(ctx, refusal(error) ?? errorReply(error));
      }
      if (answer.kind === 'expired') return sandboxFooter(ctx, expiredReply(answer.reason));
      if (answer.kind === 'cancelled') return sandboxFooter(ctx, cancelledReply());
      const resolved = findLeaf(commands, answer.pending.path);
      if (!resolved) {
        const gone = new AppError('internal', `The command /${answer.pending.path} no longer exists.`);
        return sandboxFooter(ctx, { ...errorReply(gone), pressed: 'confirmed' });
      }
      const out = await executeCommand(
        { resolved, args: answer.args, confirmed: true },
        {
          ...ctx,
          confirmed: true,
          interactionId: `confirm:${answer.pending.id}`,
          ...(answer.pending.terms ? { confirmedTerms: answer.pending.terms } : {}),
        },
        hooks,
      );
      return { ...out, pressed: 'confirmed' };
    },
    decideApproval: (requestId, approve, ctx) => decideApproval({ services, commands, hooks }, requestId, approve, ctx),
  };
}
