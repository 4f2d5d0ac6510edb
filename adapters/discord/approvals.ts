import { type ButtonInteraction, MessageFlags } from 'discord.js';
import type { Reply } from '../../src/kit/reply.js';
import type { CommandContext } from '../../src/runtime/context.js';
import type { Dispatcher } from '../../src/runtime/dispatch.js';
import { approvalOutcome } from '../chat/approval-outcome.js';
import { renderReply } from './render.js';

/**
 * An Approve or Deny press on a purchase request in the alert channel. The dispatcher checks who may
 * decide and decides once; here the presser gets the full answer privately, and once decided the
 * channel message shows who decided and what happened, without its buttons.
 */
export async function answerApprovalPress(
  interaction: ButtonInteraction,
  decision: { id: string; approve: boolean },
  dispatcher: Dispatcher,
  ctx: CommandContext,
): Promise<void> {
  const out: Reply = await dispatcher.decideApproval(decision.id, decision.approve, ctx);
  if (out.pressed === 'confirmed' || out.pressed === 'cancelled') {
    const shown = renderReply(approvalOutcome(out, ctx.actor.name ?? ctx.actor.userId, decision.approve));
    await interaction.editReply({ embeds: shown.embeds, components: [] });
  }
  const payload = renderReply(out);
  await interaction.followUp({ embeds: payload.embeds, files: payload.files, flags: MessageFlags.Ephemeral });
}
