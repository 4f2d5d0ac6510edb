import { type APIEmbed, ButtonStyle, ComponentType, DiscordAPIError, RateLimitError, REST, Routes } from 'discord.js';
import { type AlertAction, type AlertMessage, type AlertSink, SinkError } from '../../src/notify/message.js';
import type { DiscordConnection } from './client.js';
import { knownCodes } from './errors.js';
import { cut, discordLimits as L } from './limits.js';
import { toneColors } from './render.js';

/** An alert as an embed; the chart goes as an attachment shown inside the embed. Pure. */
export function alertEmbed(message: AlertMessage): APIEmbed {
  let left = L.embedTotal;
  const take = (text: string, max: number) => {
    const out = cut(text, Math.max(0, Math.min(max, left)));
    left -= out.length;
    return out;
  };
  const embed: APIEmbed = {
    title: take(message.title, L.embedTitle),
    color: toneColors[message.tone],
    timestamp: message.createdAt,
  };
  const description = message.lines.map((l) => `• ${l}`).join('\n');
  if (description) embed.description = take(description, L.embedDescription);
  const fields = [];
  for (const f of message.fields.slice(0, L.embedFields)) {
    if (left < 2) break;
    fields.push({
      name: take(f.label || '—', L.fieldName) || '—',
      value: take(f.value || '—', L.fieldValue) || '—',
      inline: Boolean(f.inline),
    });
  }
  if (fields.length > 0) embed.fields = fields;
  if (message.chart) embed.image = { url: `attachment://${message.chart.name}` };
  return embed;
}

/** Approve/Deny under an alert: one row of buttons, routed by their custom ids. */
export function alertButtons(actions: readonly AlertAction[]) {
  return [
    {
      type: ComponentType.ActionRow,
      components: actions.slice(0, 5).map((a) => ({
        type: ComponentType.Button,
        style: a.style === 'danger' ? ButtonStyle.Danger : ButtonStyle.Primary,
        label: cut(a.label, L.buttonLabel),
        custom_id: cut(a.id, L.customId),
      })),
    },
  ];
}

const permanentCodes = new Set<number | string>([
  knownCodes.unknownChannel,
  knownCodes.missingAccess,
  knownCodes.missingPermissions,
  knownCodes.unknownUser,
  knownCodes.cannotMessageUser,
]);

function toSinkError(error: unknown): SinkError {
  if (error instanceof RateLimitError) {
    return new SinkError('Discord rate limit', { retryAfterMs: error.retryAfter, cause: error });
  }
  if (error instanceof DiscordAPIError) {
    const permanent =
      permanentCodes.has(error.code) || error.status === 403 || error.status === 404 || error.status === 400;
    return new SinkError(`Discord refused the alert: ${error.code} ${error.message}`, { permanent, cause: error });
  }
  return new SinkError('Discord unreachable', { cause: error });
}

/**
 * The notifier's Discord sink: POST /channels/:id/messages with the embed (and chart); a customer's DM
 * opens their DM channel first (POST /users/@me/channels). No REST-level
 * retries: a retried POST could post twice, and the notifier's outbox retries with the same message id.
 * Rate limits
 * come back as SinkError with `retryAfterMs`; an unknown channel or a missing permission is permanent.
 */
export function createDiscordAlertSink(connection: DiscordConnection | REST): AlertSink {
  const rest =
    connection instanceof REST
      ? connection
      : new REST({ api: connection.apiUrl.replace(/\/+$/, ''), rejectOnRateLimit: () => true, retries: 0 }).setToken(
          connection.token,
        );
  const post = (channelId: string, message: AlertMessage) =>
    rest.post(Routes.channelMessages(channelId), {
      body: {
        embeds: [alertEmbed(message)],
        allowed_mentions: { parse: [] },
        ...(message.actions?.length ? { components: alertButtons(message.actions) } : {}),
      },
      ...(message.chart
        ? { files: [{ name: message.chart.name, data: message.chart.png, contentType: 'image/png' }] }
        : {}),
    });
  /** DM channel per user: opening one is a request of its own, and the channel stays the same. */
  const dmChannels = new Map<string, string>();
  return {
    platform: 'discord',
    async send(channelId, message) {
      await post(channelId, message).catch((error: unknown) => {
        throw toSinkError(error);
      });
    },
    async sendDirect(userId, message) {
      try {
        let channelId = dmChannels.get(userId);
        if (!channelId) {
          const opened = (await rest.post(Routes.userChannels(), { body: { recipient_id: userId } })) as { id: string };
          channelId = opened.id;
          dmChannels.set(userId, channelId);
        }
        await post(channelId, message);
      } catch (error) {
        throw toSinkError(error);
      }
    },
  };
}
