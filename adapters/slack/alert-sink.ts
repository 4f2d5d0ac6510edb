import { webApi } from '@slack/bolt';
import type { Logger } from '../../src/logger.js';
import { type AlertMessage, type AlertSink, SinkError } from '../../src/notify/message.js';
import { cut, slackLimits } from './limits.js';
import { escapeMrkdwn, type SlackBlock } from './render.js';

const toneMark = { success: '✅', info: 'ℹ️', warning: '⚠️', error: '🚨' } as const;

/** An alert as Block Kit: header, one line per alert, fields, and when it was produced. Pure. */
export function renderAlert(message: AlertMessage): { text: string; blocks: SlackBlock[] } {
  const blocks: SlackBlock[] = [
    {
      type: 'header',
      text: { type: 'plain_text', text: cut(`${toneMark[message.tone]} ${message.title}`, slackLimits.headerText) },
    },
  ];
  if (message.lines.length > 0) {
    const text = message.lines.map((l) => `• ${escapeMrkdwn(l)}`).join('\n');
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: cut(text, slackLimits.sectionText) } });
  }
  for (let i = 0; i < message.fields.length && blocks.length < slackLimits.blocks - 1; i += slackLimits.sectionFields) {
    blocks.push({
      type: 'section',
      fields: message.fields.slice(i, i + slackLimits.sectionFields).map((f) => ({
        type: 'mrkdwn',
        text: cut(`*${escapeMrkdwn(f.label)}*\n${escapeMrkdwn(f.value)}`, slackLimits.sectionFieldText),
      })),
    });
  }
  if (message.actions?.length) {
    blocks.push({
      type: 'actions',
      elements: message.actions.slice(0, 5).map((a) => ({
        type: 'button',
        action_id: cut(a.id, slackLimits.actionId),
        text: { type: 'plain_text', text: cut(a.label, slackLimits.buttonText) },
        style: a.style,
        value: a.id,
      })),
    });
  }
  const at = Date.parse(message.createdAt);
  const when = Number.isFinite(at)
    ? `<!date^${Math.floor(at / 1000)}^{date_short_pretty} {time}|${message.createdAt}>`
    : escapeMrkdwn(message.createdAt);
  blocks.push({
    type: 'context',
    elements: [{ type: 'mrkdwn', text: cut(`${escapeMrkdwn(message.subject)} · ${when}`, slackLimits.sectionText) }],
  });
  const first = message.lines[0];
  return {
    text: cut(escapeMrkdwn(first ? `${message.title}: ${first}` : message.title), slackLimits.fallbackText),
    blocks,
  };
}

/** Slack answers that no retry can fix: the operator must change a channel, a scope or the token. */
const permanentErrors = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'restricted_action',
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'missing_scope',
  'no_permission',
  'invalid_blocks',
  'msg_too_long',
  'user_not_found',
  'user_disabled',
  'cannot_dm_bot',
  'user_not_visible',
]);

function toSinkError(error: unknown): SinkError {
  const e = error as { code?: string; retryAfter?: number; data?: { error?: string }; message?: string };
  if (e?.code === webApi.ErrorCode.RateLimitedError) {
    return new SinkError('slack rate limited', { retryAfterMs: (e.retryAfter ?? 1) * 1000, cause: error });
  }
  if (e?.code === webApi.ErrorCode.PlatformError) {
    const what = e.data?.error ?? 'unknown_error';
    return new SinkError(`slack refused: ${what}`, { permanent: permanentErrors.has(what), cause: error });
  }
  return new SinkError(`slack unreachable: ${e?.code ?? 'error'}`, { cause: error });
}

export interface SlackAlertSinkOptions {
  token: string;
  /** SLACK_API_URL. */
  apiUrl?: string;
  logger?: Logger;
}

/**
 * The notifier's Slack sink: chat.postMessage (Block Kit) to the alert channel, then the chart, if
 * any, by files.uploadV2 to the same channel, threaded under the alert. Alerts hold no secrets.
 * Retries are the outbox's job: the client retries nothing itself and reports rate limits at once.
 */
export function createSlackAlertSink(options: SlackAlertSinkOptions): AlertSink {
  const client = new webApi.WebClient(options.token, {
    ...(options.apiUrl ? { slackApiUrl: options.apiUrl.endsWith('/') ? options.apiUrl : `${options.apiUrl}/` } : {}),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    logLevel: webApi.LogLevel.ERROR,
  });
  const sink: AlertSink = {
    platform: 'slack',
    /** A customer's DM: the bot's DM channel with them (conversations.open), then as any alert. */
    async sendDirect(userId, message) {
      let channelId: string | undefined;
      try {
        channelId = (await client.conversations.open({ users: userId })).channel?.id;
      } catch (error) {
        throw toSinkError(error);
      }
      if (!channelId) throw new SinkError('slack opened no DM channel', { permanent: true });
      await sink.send(channelId, message);
    },
    async send(channelId, message) {
      const { text, blocks } = renderAlert(message);
      let ts: string | undefined;
      try {
        const posted = await client.chat.postMessage({
          channel: channelId,
          text,
          blocks: blocks as never,
          unfurl_links: false,
        });
        ts = posted.ts;
      } catch (error) {
        throw toSinkError(error);
      }
      if (!message.chart) return;
      try {
        const upload = {
          channel_id: channelId,
          file: message.chart.png,
          filename: message.chart.name,
          title: message.chart.name,
        };
        await client.files.uploadV2(ts ? { ...upload, thread_ts: ts } : upload);
      } catch (error) {
        // The alert itself is out; sending it again for a missing chart would repeat it in the channel.
        options.logger?.warn(
          { platform: 'slack', code: (error as { code?: string }).code },
          'alert chart upload failed',
        );
      }
    },
  };
  return sink;
}
