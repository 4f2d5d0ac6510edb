import type { ApprovalRequest } from '../services/spend/approvals.js';
import { describePerson } from '../services/spend/approvals.js';
import { formatMoney } from '../services/units.js';
import type { Store } from '../storage/store.js';
import type { AlertMessage } from './message.js';
import { entriesFor, type Target } from './outbox.js';
import { openAlertsConfig } from './rules.js';
import { notifierFor } from './running.js';

/** Button ids an approval message carries; the chat adapters route presses on them. */
export const approveActionPrefix = 'ro:approve:';
export const denyActionPrefix = 'ro:deny:';

/** `ro:approve:<id>` → { id, approve: true }; anything else → undefined. */
export function parseApprovalAction(actionId: string): { id: string; approve: boolean } | undefined {
  if (actionId.startsWith(approveActionPrefix))
    return { id: actionId.slice(approveActionPrefix.length), approve: true };
  if (actionId.startsWith(denyActionPrefix)) return { id: actionId.slice(denyActionPrefix.length), approve: false };
  return undefined;
}

/** The request as the owners see it in the alert channels, with Approve and Deny. */
export function approvalMessage(request: ApprovalRequest): AlertMessage {
  return {
    id: `al_${request.id}`,
    title: 'Purchase waiting for a second owner',
    lines: [
      request.summary,
      `Asked by ${describePerson(request.requester)}; any other owner may approve it, on Discord or Slack, until ${request.expiresAt}.`,
    ],
    fields: [
      { label: 'Price', value: formatMoney(request.price.minor, request.price.currency), inline: true },
      { label: 'Provider', value: request.provider, inline: true },
      { label: 'Request', value: request.id, inline: true },
    ],
    tone: 'warning',
    subject: `${request.provider}:approval:${request.id}`,
    provider: request.provider,
    createdAt: request.createdAt,
    actions: [
      { id: `${approveActionPrefix}${request.id}`, label: 'Approve', style: 'primary' },
      { id: `${denyActionPrefix}${request.id}`, label: 'Deny', style: 'danger' },
    ],
  };
}

/**
 * Queues the request for the alert channels of every chat platform that has one, and delivers it
 * at once when this process runs the notifier (otherwise the process that does sends it). Returns
 * where it goes; none when no alert channel is set.
 */
export async function announceApproval(store: Store, request: ApprovalRequest, now: Date): Promise<Target[]> {
  const { channels } = await (await openAlertsConfig(store)).read();
  const targets: Target[] = [];
  if (channels.discord) targets.push({ platform: 'discord', channelId: channels.discord });
  if (channels.slack) targets.push({ platform: 'slack', channelId: channels.slack });
  if (targets.length === 0) return targets;
  await store.notify.enqueue(entriesFor(approvalMessage(request), targets, now.getTime()));
  // Not awaited: the purchase's answer does not wait on chat platforms; failed deliveries are retried.
  void notifierFor(store)
    ?.flush()
    .catch(() => undefined);
  return targets;
}
