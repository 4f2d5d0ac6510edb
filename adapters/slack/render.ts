import type { Reply, ReplyField } from '../../src/kit/reply.js';
import { cut, slackLimits } from './limits.js';

/** A Block Kit block, as Slack's JSON has it (kept loose: only what the adapter builds). */
export type SlackBlock = Record<string, unknown> & { type: string };

/** What goes to `respond()` / a response_url. */
export interface SlackMessage {
  response_type: 'ephemeral' | 'in_channel';
  text: string;
  blocks: SlackBlock[];
  replace_original?: boolean;
  delete_original?: boolean;
}

export const confirmActionPrefix = 'ro:confirm:';
export const cancelActionPrefix = 'ro:cancel:';

/** `ro:confirm:<id>` → `{ confirm: true, id }`; anything else → undefined. */
export function parseConfirmAction(actionId: string): { confirm: boolean; id: string } | undefined {
  if (actionId.startsWith(confirmActionPrefix))
    return { confirm: true, id: actionId.slice(confirmActionPrefix.length) };
  if (actionId.startsWith(cancelActionPrefix)) return { confirm: false, id: actionId.slice(cancelActionPrefix.length) };
  return undefined;
}

const mention = /<(?:@[UW][A-Z0-9]+|#C[A-Z0-9]+)(?:\|[^<>]*)?>/g;

/**
 * Slack mrkdwn needs `&`, `<` and `>` escaped, or text such as `<!channel>` from a provider or a user
 * would notify a whole channel. User and channel mentions the commands write (`<@U123>`) are kept.
 */
export function escapeMrkdwn(text: string): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  let out = '';
  let last = 0;
  for (const m of text.matchAll(mention)) {
    out += esc(text.slice(last, m.index)) + m[0];
    last = (m.index ?? 0) + m[0].length;
  }
  return out + esc(text.slice(last));
}

const toneMark = { success: '✅', info: 'ℹ️', warning: '⚠️', error: '❌' } as const;

function fieldText(field: ReplyField): string {
  return cut(`*${escapeMrkdwn(field.label)}*\n${escapeMrkdwn(field.value)}`, slackLimits.sectionFieldText);
}

function fieldBlocks(fields: readonly ReplyField[]): SlackBlock[] {
  const blocks: SlackBlock[] = [];
  for (let i = 0; i < fields.length; i += slackLimits.sectionFields) {
    const chunk = fields.slice(i, i + slackLimits.sectionFields);
    blocks.push({ type: 'section', fields: chunk.map((f) => ({ type: 'mrkdwn', text: fieldText(f) })) });
  }
  return blocks;
}

const fence = '```';

/**
 * Long text goes into as many sections as it needs, split on line ends where possible. A table
 * (`preformatted`) goes in code blocks, so its columns line up.
 */
function textSections(text: string, preformatted = false): SlackBlock[] {
  const escaped = preformatted ? escapeMrkdwn(text.replaceAll(fence, '`\u200b``')) : escapeMrkdwn(text);
  const room = preformatted ? slackLimits.sectionText - 2 * (fence.length + 1) : slackLimits.sectionText;
  const blocks: SlackBlock[] = [];
  let rest = escaped;
  while (rest.length > 0) {
    let piece = rest.slice(0, room);
    if (rest.length > room) {
      const nl = piece.lastIndexOf('\n');
      if (nl > room / 2) piece = piece.slice(0, nl);
    }
    const shown = preformatted ? `${fence}\n${piece}\n${fence}` : piece;
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: shown } });
    rest = rest.slice(piece.length).replace(/^\n/, '');
  }
  return blocks;
}

function context(text: string): SlackBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: cut(text, slackLimits.sectionText) }] };
}

function confirmationBlock(id: string, destructive: boolean): SlackBlock {
  return {
    type: 'actions',
    block_id: cut(`ro:confirmation:${id}`, slackLimits.actionId),
    elements: [
      {
        type: 'button',
        action_id: cut(`${confirmActionPrefix}${id}`, slackLimits.actionId),
        text: { type: 'plain_text', text: 'Confirm' },
        style: destructive ? 'danger' : 'primary',
        value: id,
      },
      {
        type: 'button',
        action_id: cut(`${cancelActionPrefix}${id}`, slackLimits.actionId),
        text: { type: 'plain_text', text: 'Cancel' },
        value: id,
      },
    ],
  };
}

export interface RenderOptions {
  /** Said when the reply's files went to the user's DMs (or could not). */
  filesNote?: string;
}

/**
 * A Reply as a Block Kit message: header, text, fields, error usage, Confirm/Cancel, files note,
 * footer. Pure; cut to Slack's limits (50 blocks, 3000 per section) rather than refused.
 * Private replies are ephemeral: only the person who ran the command sees them.
 */
export function renderReply(reply: Reply, options: RenderOptions = {}): SlackMessage {
  const blocks: SlackBlock[] = [
    {
      type: 'header',
      text: { type: 'plain_text', text: cut(`${toneMark[reply.tone]} ${reply.title}`, slackLimits.headerText) },
    },
  ];
  if (reply.text) blocks.push(...textSections(reply.text, reply.preformatted));
  blocks.push(...fieldBlocks(reply.fields));
  const tail: SlackBlock[] = [];
  const confirmationId = reply.confirmation?.id;
  if (confirmationId) {
    tail.push(confirmationBlock(confirmationId, reply.confirmation?.kind === 'destructive'));
    const expires = reply.confirmation?.expiresAt ? Date.parse(reply.confirmation.expiresAt) : Number.NaN;
    if (Number.isFinite(expires)) {
      const unix = Math.floor(expires / 1000);
      const fallback = new Date(expires).toISOString().replace('T', ' ').slice(0, 16);
      tail.push(
        context(
          `Only you can answer. Expires <!date^${unix}^{time}|${fallback} UTC>; after that, run the command again.`,
        ),
      );
    }
  }
  if (options.filesNote) tail.push(context(escapeMrkdwn(options.filesNote)));
  if (reply.footer) tail.push(context(escapeMrkdwn(reply.footer)));
  // Keep the buttons and notes: cut the body first.
  const room = slackLimits.blocks - tail.length;
  if (blocks.length > room) {
    blocks.length = room - 1;
    blocks.push(context('… cut to fit Slack’s message size.'));
  }
  blocks.push(...tail);
  const fallback = reply.text ? `${reply.title}: ${reply.text}` : reply.title;
  return {
    response_type: reply.visibility === 'private' ? 'ephemeral' : 'in_channel',
    text: cut(escapeMrkdwn(fallback), slackLimits.fallbackText),
    blocks,
  };
}

/** The immediate answer to a slash command (inside Slack's 3 s), before any upstream work. */
export function workingMessage(commandName: string): { response_type: 'ephemeral'; text: string } {
  return { response_type: 'ephemeral', text: `⏳ Working on /${commandName}…` };
}
