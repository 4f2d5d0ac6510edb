import type { LinkedUser, OutboxEntry } from '../storage/store.js';

/**
 * Direct messages in the outbox: a customer's DM is a delivery to channel `dm:<user id>` on their
 * platform, so it is queued, claimed, retried and marked like any alert.
 */
export const dmChannel = (user: LinkedUser) => `dm:${user.id}`;

export function dmUser(entry: Pick<OutboxEntry, 'platform' | 'channelId'>): LinkedUser | undefined {
  if (!entry.channelId.startsWith('dm:') || (entry.platform !== 'discord' && entry.platform !== 'slack')) {
    return undefined;
  }
  return { platform: entry.platform, id: entry.channelId.slice('dm:'.length) };
}

/** What the outbox tells about DMs after sending them (dm-delivery.ts keeps the record). */
export interface DmBookkeeping {
  /** A DM failed for good; returns whether a notice to staff was queued. */
  undeliverable(entry: OutboxEntry, reason: string): Promise<boolean>;
  delivered(entry: OutboxEntry): Promise<void>;
}
