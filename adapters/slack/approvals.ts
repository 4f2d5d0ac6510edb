import type { AllMiddlewareArgs, RespondFn, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Actor } from '../../src/kit/actor.js';
import type { Reply } from '../../src/kit/reply.js';
import { parseApprovalAction } from '../../src/notify/approval-message.js';
import type { CommandContext } from '../../src/runtime/context.js';
import type { Dispatcher } from '../../src/runtime/dispatch.js';
import { approvalOutcome } from '../chat/approval-outcome.js';
import { renderReply, type SlackMessage } from './render.js';

export const approvalActionPattern = /^ro:(approve|deny):/;

export interface ApprovalActionDeps {
  dispatcher: Dispatcher;
  ack(send: () => Promise<void>): Promise<void>;
  firstTime(id: string): Promise<boolean>;
  track(work: () => Promise<void>): void;
  contextFor(actor: Actor, interactionId: string): CommandContext;
  deliver(out: Reply, userId: string, respond: RespondFn, extra: Partial<SlackMessage>): Promise<void>;
}

/**
 * Approve or Deny on a purchase request in the alert channel. The dispatcher checks who may decide
 * and decides once; the presser gets the full answer privately, and once decided the channel
 * message shows who decided and what happened, without its buttons.
 */
export function approvalListener(deps: ApprovalActionDeps) {
  return async ({ ack, body, action, respond }: SlackActionMiddlewareArgs & AllMiddlewareArgs) => {
    await deps.ack(() => ack());
    if (body.type !== 'block_actions' || !('action_id' in action)) return;
    const decision = parseApprovalAction(action.action_id);
    if (!decision) return;
    const pressId = body.trigger_id ?? `${body.user.id}:${'action_ts' in action ? action.action_ts : ''}`;
    if (!(await deps.firstTime(`action:${pressId}`))) return;
    deps.track(async () => {
      const actor = await deps.dispatcher.actor('slack', body.user.id, body.user.name ?? body.user.username);
      const ctx = deps.contextFor(actor, `slack:action:${pressId}`);
      const out = await deps.dispatcher.decideApproval(decision.id, decision.approve, ctx);
      if (out.pressed === 'confirmed' || out.pressed === 'cancelled') {
        const shown = approvalOutcome(out, actor.name ?? actor.userId, decision.approve);
        await respond({ ...renderReply(shown), response_type: 'in_channel', replace_original: true });
      }
      await deps.deliver(out, body.user.id, respond, { response_type: 'ephemeral', replace_original: false });
    });
  };
}
