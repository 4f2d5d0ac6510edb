import * as z from 'zod';
import type { DocumentHandle, Store } from '../storage/store.js';

/**
 * The notifier's memory lives in the store (storage/notify.ts): the fired set and provider health,
 * committed with the outbox in one step per sweep. Keys of the fired set are `rule|subject|threshold`.
 * Per-customer memory that firing does not depend on for exactness (baselines, usage fingerprints)
 * is a document of its own, rewritten once per sweep.
 */
export type { NotifyState, OutboxEntry, ProviderHealth } from '../storage/store.js';

export const notifyCacheSchema = z.object({
  version: z.literal(1),
  baselines: z.record(z.string(), z.number()),
  usageSeen: z.record(z.string(), z.string()),
});
export type NotifyCache = z.infer<typeof notifyCacheSchema>;

export function openNotifyCache(store: Store): Promise<DocumentHandle<NotifyCache>> {
  return store.documents.open('notify-cache', notifyCacheSchema, { version: 1, baselines: {}, usageSeen: {} });
}

export function firedKey(ruleId: string, subject: string, threshold: string): string {
  return `${ruleId}|${subject}|${threshold}`;
}
