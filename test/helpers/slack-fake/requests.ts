import { createHmac } from 'node:crypto';
import { fakeBot } from './server.js';

/** Slack's v0 request signature: HMAC-SHA256 over `v0:<timestamp>:<raw body>`. */
export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface SlashCommandInput {
  command: string;
  text: string;
  userId: string;
  userName?: string;
  channelId?: string;
  triggerId?: string;
  responseUrl: string;
}

let triggers = 0;

export function newTriggerId(): string {
  triggers += 1;
  return `${Date.now()}.${process.pid}.${triggers}.${Math.random().toString(16).slice(2, 10)}`;
}

/** The form body Slack posts for a slash command. */
export function slashCommandBody(input: SlashCommandInput): string {
  return new URLSearchParams({
    token: 'deprecated-verification-token',
    team_id: fakeBot.teamId,
    team_domain: 'resellerops-test',
    channel_id: input.channelId ?? 'C0SHARED01',
    channel_name: 'ops',
    user_id: input.userId,
    user_name: input.userName ?? input.userId.toLowerCase(),
    command: input.command.startsWith('/') ? input.command : `/${input.command}`,
    text: input.text,
    api_app_id: 'A0TESTAPP1',
    is_enterprise_install: 'false',
    response_url: input.responseUrl,
    trigger_id: input.triggerId ?? newTriggerId(),
  }).toString();
}

export interface BlockActionInput {
  actionId: string;
  value?: string;
  userId: string;
  responseUrl: string;
  triggerId?: string;
  channelId?: string;
}

/** The form body (`payload=<json>`) Slack posts when a button is pressed. */
export function blockActionBody(input: BlockActionInput): string {
  const payload = {
    type: 'block_actions',
    user: {
      id: input.userId,
      username: input.userId.toLowerCase(),
      name: input.userId.toLowerCase(),
      team_id: fakeBot.teamId,
    },
    api_app_id: 'A0TESTAPP1',
    token: 'deprecated-verification-token',
    container: {
      type: 'message',
      message_ts: '1700000000.000100',
      channel_id: input.channelId ?? 'C0SHARED01',
      is_ephemeral: true,
    },
    trigger_id: input.triggerId ?? newTriggerId(),
    team: { id: fakeBot.teamId, domain: 'resellerops-test' },
    channel: { id: input.channelId ?? 'C0SHARED01', name: 'ops' },
    response_url: input.responseUrl,
    actions: [
      {
        type: 'button',
        action_id: input.actionId,
        block_id: 'ro:confirmation',
        text: { type: 'plain_text', text: 'Confirm' },
        value: input.value ?? '',
        action_ts: `${(Date.now() / 1000).toFixed(6)}`,
      },
    ],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

export interface PostResult {
  status: number;
  text: string;
  /** From sending the request to the complete response (the ack), in ms. */
  ms: number;
}

/** Posts a signed request to Bolt as Slack would; `secret: null` sends a bad signature. */
export async function postSigned(
  url: string,
  secret: string,
  body: string,
  options: { retryNum?: number; badSignature?: boolean; timestamp?: number } = {},
): Promise<PostResult> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const signature = options.badSignature
    ? slackSignature(`${secret}-wrong`, timestamp, body)
    : slackSignature(secret, timestamp, body);
  const started = performance.now();
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': signature,
      ...(options.retryNum
        ? { 'x-slack-retry-num': String(options.retryNum), 'x-slack-retry-reason': 'http_timeout' }
        : {}),
    },
    body,
  });
  const text = await res.text();
  return { status: res.status, text, ms: performance.now() - started };
}
