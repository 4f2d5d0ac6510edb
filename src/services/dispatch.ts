import type { CommandSpec, ResolvedCommand } from '../kit/command.js';
import type { CommandContext } from '../kit/context.js';
import { type ExecuteHooks, executeCommand, executeTyped, sandboxFooter } from '../kit/execute.js';
import { parseCommandLine, UsageError } from '../kit/parse.js';
import { errorReply, type Reply } from '../kit/reply.js';
import type { Services } from './types.js';

export interface Dispatcher {
  readonly registry: readonly CommandSpec[];
  /** Slack and the terminal: one line of SPEC's text grammar. */
  runText(line: string, ctx: CommandContext): Promise<Reply>;
  /** Discord: already-typed option values. */
  runTyped(resolved: ResolvedCommand, values: Record<string, unknown>, ctx: CommandContext): Promise<Reply>;
}

/** Every platform's way in: the same commands, role checks, confirmations and audit of denials. */
export function createDispatcher(services: Services, registry: readonly CommandSpec[]): Dispatcher {
  const hooks: ExecuteHooks = {
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
  return {
    registry,
    async runText(line, ctx) {
      let parsed: ReturnType<typeof parseCommandLine>;
      try {
        parsed = parseCommandLine(registry, line);
      } catch (error) {
        return sandboxFooter(ctx, errorReply(error, error instanceof UsageError ? { usage: error.usage } : {}));
      }
      return executeCommand(parsed, ctx, hooks);
    },
    runTyped(resolved, values, ctx) {
      return executeTyped(resolved, values, ctx, hooks);
    },
  };
}
