import { z } from 'zod';
import type { StoredDocument } from '../storage/document.js';
import type { Store } from '../storage/store.js';

/**
 * The notifier's memory, `notify-state.json` in the data dir (and `notify-cache.json`, below). The fired set and the outbox live in
 * one document on purpose: a sweep records "this alert fired" and "this message must be delivered"
 * in one atomic write, so a crash can neither lose an alert nor send it twice.
 *
 *   fired      key `rule|subject|threshold` → when it fired. Present = armed off; removed when the
 *              condition clears (top-up, renewal, recovery), which re-arms it.
 *   providers  failure streak and back-off per provider.
 *   outbox     messages to deliver, one entry per (message, channel).
 */

const outboxEntrySchema = z.object({
  /** `${messageId}@${platform}:${channelId}`: one delivery. */
  id: z.string(),
  messageId: z.string(),
  platform: z.enum(['discord', 'slack', 'webhook']),
  channelId: z.string(),
  message: z.object({
    id: z.string(),
    title: z.string(),
    lines: z.array(z.string()),
    fields: z.array(z.object({ label: z.string(), value: z.string(), inline: z.boolean().optional() })),
    tone: z.enum(['info', 'warning', 'error', 'success']),
    chartPlan: z
      .object({
        name: z.string(),
        series: z.object({
          title: z.string(),
          labels: z.array(z.string()),
          values: z.array(z.number()),
          unit: z.string(),
        }),
      })
      .optional(),
    subject: z.string(),
    provider: z.string().optional(),
    createdAt: z.string(),
  }),
  status: z.enum(['pending', 'sent', 'failed']),
  attempts: z.number().int().min(0),
  nextAttemptAt: z.string(),
  createdAt: z.string(),
  sentAt: z.string().optional(),
  lastError: z.string().optional(),
});
export type OutboxEntry = z.infer<typeof outboxEntrySchema>;

const providerHealthSchema = z.object({
  /** Consecutive sweeps in which the provider could not be read. */
  failures: z.number().int().min(0),
  /** The provider rejected our key in the last sweep. */
  authRejected: z.boolean(),
  lastError: z.object({ code: z.string(), message: z.string(), at: z.string() }).optional(),
  lastOkAt: z.string().optional(),
  /** It answered rate_limited: skipped until then. */
  backoffUntil: z.string().optional(),
});
export type ProviderHealth = z.infer<typeof providerHealthSchema>;

export const notifyStateSchema = z.object({
  version: z.literal(1),
  fired: z.record(z.string(), z.object({ at: z.string(), subject: z.string() })),
  providers: z.record(z.string(), providerHealthSchema),
  outbox: z.array(outboxEntrySchema),
});
export type NotifyState = z.infer<typeof notifyStateSchema>;

export const emptyNotifyState: NotifyState = { version: 1, fired: {}, providers: {}, outbox: [] };

/**
 * Per-customer memory that firing does not depend on for exactness, kept apart (`notify-cache.json`)
 * so that marking a delivery sent rewrites a small document, not one entry per customer.
 */
export const notifyCacheSchema = z.object({
  version: z.literal(1),
  baselines: z.record(z.string(), z.number()),
  usageSeen: z.record(z.string(), z.string()),
});
export type NotifyCache = z.infer<typeof notifyCacheSchema>;

const openedCache = new WeakMap<Store, Promise<StoredDocument<NotifyCache>>>();

export function openNotifyCache(store: Store): Promise<StoredDocument<NotifyCache>> {
  let doc = openedCache.get(store);
  if (!doc) {
    doc = store.openDocument('notify-cache', notifyCacheSchema, { version: 1, baselines: {}, usageSeen: {} });
    doc.catch(() => openedCache.delete(store));
    openedCache.set(store, doc);
  }
  return doc;
}

const opened = new WeakMap<Store, Promise<StoredDocument<NotifyState>>>();

/** The one `notify-state.json` of a store (a store opens a document once). */
export function openNotifyState(store: Store): Promise<StoredDocument<NotifyState>> {
  let doc = opened.get(store);
  if (!doc) {
    doc = store.openDocument('notify-state', notifyStateSchema, emptyNotifyState);
    doc.catch(() => opened.delete(store));
    opened.set(store, doc);
  }
  return doc;
}

export function firedKey(ruleId: string, subject: string, threshold: string): string {
  return `${ruleId}|${subject}|${threshold}`;
}
