import {
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type GuildMember,
  type Interaction,
  MessageFlags,
} from 'discord.js';
import type { App } from '../../src/app/boot.js';
import { UserInputError } from '../../src/errors.js';
import { errorReply, type Reply } from '../../src/kit/reply.js';
import type { Logger } from '../../src/logger.js';
import { parseApprovalAction } from '../../src/notify/approval-message.js';
import { confirmationFor, type ResolvedCommand } from '../../src/runtime/command.js';
import type { CommandContext } from '../../src/runtime/context.js';
import type { Dispatcher } from '../../src/runtime/dispatch.js';
import { AckFirst } from '../chat/ack-first.js';
import { RecentIds } from '../chat/recent-ids.js';
import { answerApprovalPress } from './approvals.js';
import { discordCode, isLostInteraction, loggableError } from './errors.js';
import { commandPath, readOptions, resolveInteraction } from './read-options.js';
import { answeredPromptPayload, parseConfirmId, renderReply } from './render.js';
import { choicesDiscordAccepts, suggestFor } from './suggest.js';

/** How long an interaction id is remembered in this process: its token lives 15 minutes. */
const redeliveryWindowMs = 15 * 60_000;

function roleIdsOf(member: Interaction['member']): string[] {
  if (!member) return [];
  const roles = (member as { roles: unknown }).roles;
  if (Array.isArray(roles)) return roles as string[];
  return [...(member as GuildMember).roles.cache.keys()];
}

/** Whether a leaf's defer must be ephemeral: it may answer with a secret, or ask a (private) confirmation. */
export function defersPrivately(resolved: ResolvedCommand | undefined, values: Record<string, unknown>): boolean {
  if (!resolved) return true;
  const leaf = resolved.leaf;
  if (leaf.secret) return true;
  if (leaf.confirm === undefined) return false;
  try {
    return confirmationFor(leaf, values) !== undefined;
  } catch {
    return true;
  }
}

export interface InteractionHandlerOptions {
  logger?: Logger;
  /** Called with each confirmation prompt the adapter sent, to expire its buttons in time. */
  onPrompt?(interaction: ChatInputCommandInteraction, confirmationId: string, expiresAt: string): void;
}

/**
 * Every interaction: defer (or, for autocomplete, answer from local data) first, then the
 * dispatcher, then the rendered Reply. Platform errors are logged; nothing here throws.
 */
export function createInteractionHandler(app: App, dispatcher: Dispatcher, options: InteractionHandlerOptions = {}) {
  const logger = options.logger ?? app.logger.child({ platform: 'discord' });
  /** Confirmation ids being answered in this process: a double click acts once. */
  const answering = new Set<string>();
  const acks = new AckFirst();

  /** The user with the role the access list gives them now, Discord role grants included. */
  const actorOf = (interaction: Interaction) =>
    dispatcher.actor('discord', interaction.user.id, interaction.user.username, roleIdsOf(interaction.member));

  const context = async (interaction: Interaction, interactionId: string): Promise<CommandContext> => ({
    actor: await actorOf(interaction),
    interactionId,
    confirmed: false,
    sandbox: Boolean(app.sandbox),
    services: app.services,
    now: () => new Date(),
  });

  /**
   * Delivered to another bot process on the same store as well: whoever claims it first acts. The
   * claim is disk work shared by every process, so it is taken after the acknowledgement.
   */
  const firstClaim = (interaction: Interaction) => app.services.store.interactions.claim(`discord:${interaction.id}`);
  const seenHere = new RecentIds(redeliveryWindowMs);
  const twice = (interaction: Interaction) => {
    logger.warn({ interactionId: interaction.id }, 'discord interaction delivered twice; ignored');
  };

  const report = (error: unknown, what: string, interaction: Interaction) => {
    const meta = { interactionId: interaction.id, code: discordCode(error), what };
    if (isLostInteraction(error))
      logger.warn(meta, 'discord interaction could not be answered (expired or already acknowledged)');
    else logger.error({ ...meta, err: loggableError(error) }, 'discord interaction failed');
  };

  /**
   * Sends a Reply for a deferred command: private replies never go to a public message. Returns
   * whether it edited the deferred message (false: an ephemeral followup).
   */
  async function deliver(
    interaction: ChatInputCommandInteraction | ButtonInteraction,
    reply: Reply,
    deferredPrivately: boolean,
  ): Promise<boolean> {
    const payload = renderReply(reply);
    const body = { embeds: payload.embeds, files: payload.files, components: payload.components };
    if (payload.ephemeral && !deferredPrivately) {
      await interaction.followUp({ ...body, flags: MessageFlags.Ephemeral });
      await interaction
        .deleteReply()
        .catch((error: unknown) => report(error, 'delete public placeholder', interaction));
      return false;
    }
    await interaction.editReply(body);
    return true;
  }

  /**
   * The answer to a press on the private prompt. A public one (what was done, no secret) is posted
   * in the channel for the team, then the prompt closes; a private one becomes the prompt. The
   * prompt closes only once the result is out: if the post fails, the presser gets the result there.
   */
  async function deliverAnswer(interaction: ButtonInteraction, reply: Reply, confirmed: boolean): Promise<void> {
    const payload = renderReply(reply);
    const body = { embeds: payload.embeds, files: payload.files, components: payload.components };
    if (payload.ephemeral) {
      await interaction.editReply(body);
      return;
    }
    try {
      await interaction.followUp({ ...body, allowedMentions: { parse: [] } });
    } catch (error) {
      report(error, 'post result in channel', interaction);
      await interaction.editReply(body);
      return;
    }
    await interaction.editReply(answeredPromptPayload(confirmed));
  }

  async function onCommand(interaction: ChatInputCommandInteraction): Promise<void> {
    const resolved = resolveInteraction(dispatcher.commands, interaction);
    const values = resolved ? readOptions(interaction) : {};
    const ephemeral = defersPrivately(resolved, values);
    try {
      await acks.ack(() => interaction.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {}));
    } catch (error) {
      // Not acknowledged: nobody would see a result, so nothing is run.
      report(error, 'defer', interaction);
      return;
    }
    // The defers of a burst's other interactions go out before this one's work starts.
    await acks.turn();
    if (!(await firstClaim(interaction))) return twice(interaction);
    try {
      const ctx = await context(interaction, `discord:${interaction.id}`);
      const reply = resolved
        ? await dispatcher.runTyped(resolved, values, ctx)
        : errorReply(
            new UserInputError(`/${commandPath(interaction).path} is not a command of this version of the bot.`, {
              hint: 'An owner can run `resellerops discord deploy` to refresh the command list.',
            }),
          );
      const edited = await deliver(interaction, reply, ephemeral);
      const id = reply.confirmation?.id;
      if (edited && id && reply.confirmation?.expiresAt) {
        options.onPrompt?.(interaction, id, reply.confirmation.expiresAt);
      }
    } catch (error) {
      report(error, 'reply', interaction);
    }
  }

  async function onApprovalButton(interaction: ButtonInteraction, decision: { id: string; approve: boolean }) {
    try {
      await acks.ack(() => interaction.deferUpdate());
    } catch (error) {
      report(error, 'defer approval button', interaction);
      return;
    }
    await acks.turn();
    if (!(await firstClaim(interaction))) return twice(interaction);
    try {
      await answerApprovalPress(
        interaction,
        decision,
        dispatcher,
        await context(interaction, `discord:${interaction.id}`),
      );
    } catch (error) {
      report(error, 'answer approval button', interaction);
    }
  }

  async function onButton(interaction: ButtonInteraction): Promise<void> {
    const decision = parseApprovalAction(interaction.customId);
    if (decision) return onApprovalButton(interaction, decision);
    const parsed = parseConfirmId(interaction.customId);
    if (!parsed) return;
    try {
      await acks.ack(() => interaction.deferUpdate());
    } catch (error) {
      report(error, 'defer button', interaction);
      return;
    }
    await acks.turn();
    if (!(await firstClaim(interaction))) return twice(interaction);
    try {
      // Role, requester and once-only are the dispatcher's checks; this only picks where the answer goes.
      const before = await app.services.confirmations.get(parsed.id);
      const mine = before?.requester.platform === 'discord' && before.requester.userId === interaction.user.id;
      const ctx = await context(interaction, `discord:${interaction.id}`);
      if (before && (!mine || before.state !== 'pending')) {
        // Someone else's question, or one already answered: tell the presser privately, leave the message be.
        const reply = await dispatcher.answer(parsed.id, parsed.confirm, ctx);
        const payload = renderReply(reply);
        await interaction.followUp({ embeds: payload.embeds, flags: MessageFlags.Ephemeral });
        return;
      }
      // Checked and marked with no await in between: two presses that got this far together cannot both pass.
      if (answering.has(parsed.id)) {
        const payload = renderReply({
          ...errorReply(new Error('in flight')),
          title: 'Already being handled',
          text: 'This confirmation is being carried out now; it runs once.',
          tone: 'info',
        });
        await interaction.followUp({ embeds: payload.embeds, flags: MessageFlags.Ephemeral });
        return;
      }
      answering.add(parsed.id);
      try {
        const reply = await dispatcher.answer(parsed.id, parsed.confirm, ctx);
        await deliverAnswer(interaction, { ...reply, confirmation: undefined }, parsed.confirm);
      } finally {
        answering.delete(parsed.id);
      }
    } catch (error) {
      report(error, 'answer button', interaction);
    }
  }

  async function onAutocomplete(interaction: AutocompleteInteraction): Promise<void> {
    try {
      const role = (await actorOf(interaction)).role;
      const choices = await suggestFor(app.services.suggestions, dispatcher.commands, interaction, role);
      await interaction.respond(choicesDiscordAccepts(choices));
    } catch (error) {
      report(error, 'autocomplete', interaction);
    }
  }

  return async function handle(interaction: Interaction): Promise<void> {
    // Redelivered to this process: recognised before any acknowledgement.
    if (!seenHere.add(interaction.id)) return twice(interaction);
    if (interaction.isChatInputCommand()) return onCommand(interaction);
    if (interaction.isButton()) return onButton(interaction);
    if (interaction.isAutocomplete()) {
      if (!(await firstClaim(interaction))) return twice(interaction);
      return onAutocomplete(interaction);
    }
  };
}
