import type { Logger } from '../logger.js';
import type { StoredDocument } from '../storage/document.js';
import { type AlertMessage, type AlertSink, SinkError, type SinkPlatform } from './message.js';
import type { NotifyState, OutboxEntry } from './state.js';

/**
 * The delivery outbox. A message is recorded (in the same write that records its alerts as fired)
 * before any send; it is marked sent only after the sink accepted it; a failure leaves it pending with
 * a later `nextAttemptAt`. One flush at a time, one send at a time per channel, paced per platform, so
 * a message is never sent twice by this process. The one window left — a crash after the platform
 * accepted and before "sent" is written — resends with the same message id, for sinks that deduplicate.
 */

export interface Target {
  platform: SinkPlatform;
  channelId: string;
}

/** Gap between two messages to one channel: Discord allows 5 per 5 s per channel, Slack about 1 per s. */
export const defaultPacingMs: Record<SinkPlatform, number> = { discord: 1_100, slack: 1_100, webhook: 0 };
const sentRetentionMs = 7 * 86_400_000;
const maxBackoffMs = 15 * 60_000;

export function backoffMs(attempts: number): number {
  return Math.min(maxBackoffMs, 5_000 * 2 ** Math.max(0, attempts - 1));
}

/** Charts are stored as data (a few hundred bytes), not PNGs: the outbox document stays small. */
export function toStored(message: AlertMessage): OutboxEntry['message'] {
  const { chart: _drawn, ...rest } = message;
  return rest;
}

export function fromStored(stored: OutboxEntry['message']): AlertMessage {
  return {
    ...stored,
    fields: stored.fields.map((f) => ({ ...f })),
    lines: [...stored.lines],
    ...(stored.chartPlan ? { chartPlan: structuredClone(stored.chartPlan) } : {}),
  };
}

/** Draws the planned chart, once, right before a sink gets the message; the chart library loads on first use. */
export async function withChart(message: AlertMessage): Promise<AlertMessage> {
  if (!message.chartPlan || message.chart) return message;
  const { renderBarChartPng } = await import('../render/chart.js');
  return {
    ...message,
    chart: { name: message.chartPlan.name, png: await renderBarChartPng(message.chartPlan.series) },
  };
}

/** Inside a state update: one entry per target, and old sent entries dropped. */
export function enqueue(draft: NotifyState, message: AlertMessage, targets: readonly Target[], now: number): void {
  const at = new Date(now).toISOString();
  const stored = toStored(message);
  for (const target of targets) {
    const id = `${message.id}@${target.platform}:${target.channelId}`;
    if (draft.outbox.some((e) => e.id === id)) continue;
    draft.outbox.push({
      id,
      messageId: message.id,
      platform: target.platform,
      channelId: target.channelId,
      message: stored,
      status: 'pending',
      attempts: 0,
      nextAttemptAt: at,
      createdAt: at,
    });
  }
  const cutoff = now - sentRetentionMs;
  draft.outbox = draft.outbox.filter((e) => e.status !== 'sent' || Date.parse(e.sentAt ?? e.createdAt) >= cutoff);
}

export interface DeliveryReport {
  sent: number;
  failed: number;
  /** Still waiting: failed this time (retried later) or no sink for their platform in this process. */
  pending: number;
  errors: string[];
}

export interface OutboxOptions {
  sinks: readonly AlertSink[];
  clock: () => number;
  sleep: (ms: number) => Promise<void>;
  pacingMs?: Partial<Record<SinkPlatform, number>>;
  logger?: Logger;
}

export function createOutbox(doc: StoredDocument<NotifyState>, options: OutboxOptions) {
  const sinks = new Map(options.sinks.map((s) => [s.platform, s]));
  const pacing = { ...defaultPacingMs, ...options.pacingMs };
  const lastSent = new Map<string, number>();
  let running: Promise<DeliveryReport> | undefined;
  let queued: Promise<DeliveryReport> | undefined;

  const mark = (id: string, change: (e: OutboxEntry) => void) =>
    doc.update((draft) => {
      const entry = draft.outbox.find((e) => e.id === id);
      if (entry) change(entry);
    });

  async function deliverTo(key: string, entries: OutboxEntry[], report: DeliveryReport): Promise<void> {
    for (const entry of entries) {
      const sink = sinks.get(entry.platform) as AlertSink;
      const gap = pacing[entry.platform] - (options.clock() - (lastSent.get(key) ?? -Infinity));
      if (gap > 0) await options.sleep(gap);
      try {
        await sink.send(entry.channelId, await withChart(fromStored(entry.message)));
        lastSent.set(key, options.clock());
        await mark(entry.id, (e) => {
          e.status = 'sent';
          e.attempts += 1;
          e.sentAt = new Date(options.clock()).toISOString();
          delete e.lastError;
        });
        report.sent += 1;
      } catch (error) {
        lastSent.set(key, options.clock());
        const sinkError = error instanceof SinkError ? error : undefined;
        const reason = error instanceof Error ? error.message : String(error);
        const attempts = entry.attempts + 1;
        const wait = Math.max(backoffMs(attempts), sinkError?.retryAfterMs ?? 0);
        await mark(entry.id, (e) => {
          e.attempts = attempts;
          e.lastError = reason.slice(0, 500);
          if (sinkError?.permanent) e.status = 'failed';
          else e.nextAttemptAt = new Date(options.clock() + wait).toISOString();
        });
        options.logger?.warn({ delivery: entry.id, attempts, reason }, 'alert delivery failed; kept for retry');
        report.errors.push(`${entry.platform}:${entry.channelId}: ${reason}`);
        if (sinkError?.permanent) {
          report.failed += 1;
          continue;
        }
        // Keep the channel's order and stop hammering it: the rest waits for the next flush.
        return;
      }
    }
  }

  async function flushNow(): Promise<DeliveryReport> {
    const now = options.clock();
    const report: DeliveryReport = { sent: 0, failed: 0, pending: 0, errors: [] };
    const due = doc
      .read()
      .outbox.filter((e) => e.status === 'pending' && sinks.has(e.platform) && Date.parse(e.nextAttemptAt) <= now)
      .map((e) => structuredClone(e) as OutboxEntry);
    const byTarget = new Map<string, OutboxEntry[]>();
    for (const entry of due) {
      const key = `${entry.platform}:${entry.channelId}`;
      const list = byTarget.get(key);
      if (list) list.push(entry);
      else byTarget.set(key, [entry]);
    }
    await Promise.all([...byTarget].map(([key, entries]) => deliverTo(key, entries, report)));
    report.pending = doc.read().outbox.filter((e) => e.status === 'pending').length;
    return report;
  }

  /** Sends what is due. A call during a flush runs one more flush after it (never two at once). */
  function flush(): Promise<DeliveryReport> {
    if (running) {
      queued ??= running.then(() => {
        queued = undefined;
        return flush();
      });
      return queued;
    }
    running = flushNow().finally(() => {
      running = undefined;
    });
    return running;
  }

  return {
    flush,
    /** When the earliest pending entry with a sink here is due, if any. */
    nextDueAt(): number | undefined {
      const times = doc
        .read()
        .outbox.filter((e) => e.status === 'pending' && sinks.has(e.platform))
        .map((e) => Date.parse(e.nextAttemptAt));
      return times.length > 0 ? Math.min(...times) : undefined;
    },
    pending(): OutboxEntry[] {
      return doc.read().outbox.filter((e) => e.status === 'pending') as OutboxEntry[];
    },
  };
}

export type Outbox = ReturnType<typeof createOutbox>;
