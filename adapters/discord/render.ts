import type { APIActionRowComponent, APIButtonComponent, APIEmbed } from 'discord.js';
import { ButtonStyle, ComponentType, MessageFlags } from 'discord.js';
import { type Reply, reply, type Tone } from '../../src/kit/reply.js';
import { cut, discordLimits as L } from './limits.js';

export const toneColors: Record<Tone, number> = {
  success: 0x2ecc71,
  info: 0x5865f2,
  warning: 0xf1c40f,
  error: 0xe74c3c,
};

export interface DiscordFile {
  name: string;
  attachment: Buffer;
  contentType: string;
}

/** What discord.js sends for one Reply: embeds, attachments, buttons; `ephemeral` when private. */
export interface DiscordPayload {
  embeds: APIEmbed[];
  files: DiscordFile[];
  components: APIActionRowComponent<APIButtonComponent>[];
  ephemeral: boolean;
}

export const confirmPrefix = 'ro:confirm:';
export const cancelPrefix = 'ro:cancel:';

/** `ro:confirm:<id>` → { id, confirm: true }; anything else → undefined. */
export function parseConfirmId(customId: string): { id: string; confirm: boolean } | undefined {
  if (customId.startsWith(confirmPrefix)) return { id: customId.slice(confirmPrefix.length), confirm: true };
  if (customId.startsWith(cancelPrefix)) return { id: customId.slice(cancelPrefix.length), confirm: false };
  return undefined;
}

/** Budgets the 6000-character total across the embed's parts, in reading order. */
class Budget {
  constructor(private left: number) {}
  take(text: string, max: number): string {
    const out = cut(text, Math.max(0, Math.min(max, this.left)));
    this.left -= out.length;
    return out;
  }
  /** Counts characters added around what was taken (a code block's fences). */
  spend(count: number): void {
    this.left -= count;
  }
  get remaining(): number {
    return this.left;
  }
}

/** What of an embed counts against the 6000 characters of a message. */
function embedChars(embed: APIEmbed): number {
  const fields = (embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
  return (embed.title ?? '').length + (embed.description ?? '').length + (embed.footer?.text ?? '').length + fields;
}

export function replyEmbed(reply: Reply): APIEmbed {
  const budget = new Budget(L.embedTotal);
  const footer = reply.footer ? budget.take(reply.footer, L.footerText) : undefined;
  const embed: APIEmbed = { title: budget.take(reply.title || ' ', L.embedTitle), color: toneColors[reply.tone] };
  const text =
    reply.error?.usage && !reply.text.includes(reply.error.usage)
      ? `${reply.text}\nUsage: ${reply.error.usage}`
      : reply.text;
  if (text && reply.preformatted) {
    // A code block keeps the table's columns in line; the fences are counted against the limits.
    const fence = '```';
    const fences = 2 * (fence.length + 1);
    const inner = budget.take(
      text.replaceAll(fence, '`\u200b``'),
      Math.min(L.embedDescription, budget.remaining) - fences,
    );
    budget.spend(fences);
    embed.description = `${fence}\n${inner}\n${fence}`;
  } else if (text) embed.description = budget.take(text, L.embedDescription);
  const fields = [];
  const shown = reply.fields.slice(0, L.embedFields);
  for (const field of shown) {
    if (budget.remaining < 2) break;
    const name = budget.take(field.label || '—', L.fieldName) || '—';
    const value = budget.take(field.value || '—', L.fieldValue) || '—';
    fields.push({ name, value, inline: Boolean(field.inline) });
  }
  if (fields.length > 0) embed.fields = fields;
  if (footer) embed.footer = { text: footer };
  return embed;
}

/**
 * A Reply as a Discord message: one embed with fields, files as attachments (at most 10), and
 * Confirm/Cancel buttons when the reply waits for a confirmation. Pure: cut to Discord's limits.
 */
export function renderReply(reply: Reply): DiscordPayload {
  const components: DiscordPayload['components'] = [];
  const confirmationId = reply.confirmation?.id;
  if (confirmationId) {
    components.push({
      type: ComponentType.ActionRow,
      components: [
        {
          type: ComponentType.Button,
          style: ButtonStyle.Danger,
          label: 'Confirm',
          custom_id: cut(`${confirmPrefix}${confirmationId}`, L.customId),
        },
        {
          type: ComponentType.Button,
          style: ButtonStyle.Secondary,
          label: 'Cancel',
          custom_id: cut(`${cancelPrefix}${confirmationId}`, L.customId),
        },
      ],
    });
  }
  const embed = replyEmbed(reply);
  if (reply.confirmation?.expiresAt && confirmationId) {
    const at = Math.floor(Date.parse(reply.confirmation.expiresAt) / 1000);
    const note = `\nThe buttons expire <t:${at}:R>.`;
    const fits =
      (embed.description ?? '').length + note.length <= L.embedDescription &&
      embedChars(embed) + note.length <= L.embedTotal;
    if (fits) {
      embed.description = `${embed.description ?? ''}${note}`;
    }
  }
  return {
    embeds: [embed],
    files: reply.files
      .slice(0, L.attachments)
      .map((f) => ({ name: f.name, attachment: f.data, contentType: f.contentType })),
    components,
    ephemeral: reply.visibility === 'private',
  };
}

/** What the message says once its buttons can no longer be pressed. */
export function expiredPayload(): Pick<DiscordPayload, 'embeds' | 'components'> {
  return {
    embeds: [
      {
        title: 'Confirmation expired',
        description: 'Nobody confirmed in time, so nothing was done. Run the command again if you still want it.',
        color: toneColors.warning,
      },
    ],
    components: [],
  };
}

/**
 * What the private prompt says once its answer was posted in the channel: answered, no buttons.
 * `confirmed` is the press (Confirm or Cancel).
 */
export function answeredPromptPayload(confirmed: boolean): Pick<DiscordPayload, 'embeds' | 'components'> {
  const { embeds, components } = renderReply(
    reply({
      visibility: 'private',
      title: confirmed ? 'Confirmed' : 'Cancelled',
      tone: confirmed ? 'success' : 'info',
      text: 'The result is posted in the channel.',
    }),
  );
  return { embeds, components };
}

export const ephemeralFlag = MessageFlags.Ephemeral;
