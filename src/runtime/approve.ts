import { AppError } from '../errors.js';
import { errorReply, type Reply } from '../kit/reply.js';
import { roleAllows } from '../kit/roles.js';
import type { Services } from '../services/types.js';
import { type CommandSpec, findLeaf } from './command.js';
import type { CommandContext } from './context.js';
import { type ExecuteHooks, executeCommand, sandboxFooter } from './execute.js';
import { deniedReply } from './questions.js';

/**
 * A second owner's answer to a purchase waiting for approval, from a button or `/spend approve|deny`:
 * owners only, never the requester, once across every process. An approval runs the purchase as
 * the approving owner under the request's own interaction id, so a repeat of it buys nothing more.
 */
export async function decideApproval(
  runtime: { services: Services; commands: readonly CommandSpec[]; hooks?: ExecuteHooks },
  requestId: string,
  approve: boolean,
  ctx: CommandContext,
): Promise<Reply> {
  try {
    if (!roleAllows(ctx.actor.role, 'owner')) {
      throw new AppError('forbidden', 'Only an owner can approve or deny a purchase.');
    }
    const request = await runtime.services.spendGuard.approvals.decide(requestId, ctx.actor, approve);
    if (!approve) return sandboxFooter(ctx, { ...deniedReply(request), pressed: 'cancelled' });
    const resolved = findLeaf(runtime.commands, request.path);
    if (!resolved) throw new AppError('internal', `The command /${request.path} no longer exists.`);
    const out = await executeCommand(
      { resolved, args: request.args, confirmed: true },
      {
        ...ctx,
        confirmed: true,
        interactionId: `approval:${request.id}`,
        approval: { id: request.id },
        ...(request.terms ? { confirmedTerms: request.terms } : {}),
      },
      runtime.hooks,
    );
    return { ...out, pressed: 'confirmed' };
  } catch (error) {
    const refused = error instanceof AppError && (error.code === 'forbidden' || error.code === 'conflict');
    return sandboxFooter(ctx, refused ? { ...errorReply(error), pressed: 'refused' } : errorReply(error));
  }
}
