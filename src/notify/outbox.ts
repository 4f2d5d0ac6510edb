import { hostname } from 'node:os';
import type { Logger } from '../logger.js';
import type { NotifyStore, OutboxEntry } from '../storage/store.js';
import { type DmBookkeeping, dmUser } from './direct.js';
import { type AlertMessage, type AlertSink, SinkError, type SinkPlatform } from './message.js';

/**
 * The delivery outbox. A message is recorded (in the same commit that records its alerts as fired)
 * before any send; each delivery is claimed in the store before it is sent, so no two processes send
 * it; it is marked sent only after the sink accepted it; a failure leaves it pending with a later
 * `nextAttemptAt`. One flush at a time, one send at a time per channel, paced per platform. The one
 * window left — a crash after the platform accepted and before "sent" is written — resends (once the
 * claim lapses) with the same message id, for sinks that deduplicate.
 */

export interface Target {
  platform: SinkPlatform;
  channelId: string;
}

/** Where alerts go: the alerts channel on each platform that has one, and the webhook when one is set. */
export function alertTargets(
  channels: { discord?: string | undefined; slack?: string | undefined },
  withWebhook: boolean,
): Target[] {
  const targets: Target[] = [];
  if (channels.discord) targets.push({ platform: 'discord', channelId: channels.discord });
  if (channels.slack) targets.push({ platform: 'slack', channelId: channels.slack });
  if (withWebhook) targets.push({ platform: 'webhook', channelId: 'default' });
  return targets;
}

/** Gap between two messages to one channel: Discord allows 5 per 5 s per channel, Slack about 1 per s. */
export const defaultPacingMs: Record<SinkPlatform, number> = { discord: 1_100, slack: 1_100, webhook: 0 };
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
  const { renderBarChartPng } = await import('../images/chart.js');
  return {
    ...message,
    chart: { name: message.chartPlan.name, png: await renderBarChartPng(message.chartPlan.series) },
  };
}

/** One delivery per target: what a sweep commits to the outbox. */
export function entriesFor(message: AlertMessage, targets: readonly Target[], now: number): OutboxEntry[] {
  const at = new Date(now).toISOString();
  const stored = toStored(message);
  return targets.map((target) => ({
    id: `${message.id}@${target.platform}:${target.channelId}`,
    messageId: message.id,
    platform: target.platform,
    channelId: target.channelId,
    message: stored,
    status: 'pending' as const,
    attempts: 0,
    nextAttemptAt: at,
    createdAt: at,
  }));
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
  /** Records DMs that cannot be delivered, and clears the record when one gets through. */
  dms?: DmBookkeeping;
}

/** How long a claimed batch stays ours: far longer than sending it takes, paced. */
const claimMs = 10 * 60_000;
const batch = 100;

export function createOutbox(store: NotifyStore, options: OutboxOptions) {
  const sinks = new Map(options.sinks.map((s) => [s.platform, s]));
  const platforms = [...sinks.keys()];
  const pacing = { ...defaultPacingMs, ...options.pacingMs };
  const lastSent = new Map<string, number>();
  const me = `${hostname()}:${process.pid}`;
  let running: Promise<DeliveryReport> | undefined;
  let queued: Promise<DeliveryReport> | undefined;
  /** Set when a delivery queued more (a notice to staff about a DM): the flush goes round again. */
  let more = false;

  async function send(sink: AlertSink, entry: OutboxEntry): Promise<void> {
    const message = await withChart(fromStored(entry.message));
    const user = dmUser(entry);
    if (!user) return sink.send(entry.channelId, message);
    if (!sink.sendDirect) throw new SinkError(`${entry.platform} cannot send direct messages`, { permanent: true });
    await sink.sendDirect(user.id, message);
  }

  /** Sends in order; returns the entries left unsent after a failure that stops the channel. */
  async function deliverTo(key: string, entries: OutboxEntry[], report: DeliveryReport): Promise<OutboxEntry[]> {
    for (const [index, entry] of entries.entries()) {
      const sink = sinks.get(entry.platform) as AlertSink;
      const gap = pacing[entry.platform] - (options.clock() - (lastSent.get(key) ?? -Infinity));
      if (gap > 0) await options.sleep(gap);
      try {
        await send(sink, entry);
        lastSent.set(key, options.clock());
        await store.markSent(entry.id, new Date(options.clock()).toISOString());
        report.sent += 1;
        // Bookkeeping only: the DM is out and marked sent whatever happens here.
        await options.dms
          ?.delivered(entry)
          .catch((err: unknown) => options.logger?.warn({ err }, 'DM record not cleared'));
      } catch (error) {
        lastSent.set(key, options.clock());
        const sinkError = error instanceof SinkError ? error : undefined;
        const reason = error instanceof Error ? error.message : String(error);
        const attempts = entry.attempts + 1;
        const wait = Math.max(backoffMs(attempts), sinkError?.retryAfterMs ?? 0);
        await store.markFailed(entry.id, {
          attempts,
          lastError: reason.slice(0, 500),
          permanent: sinkError?.permanent === true,
          ...(sinkError?.permanent ? {} : { nextAttemptAt: new Date(options.clock() + wait).toISOString() }),
        });
        options.logger?.warn({ delivery: entry.id, attempts, reason }, 'alert delivery failed; kept for retry');
        report.errors.push(`${entry.platform}:${entry.channelId}: ${reason}`);
        if (sinkError?.permanent) {
          report.failed += 1;
          const told = await options.dms?.undeliverable(entry, reason).catch((err: unknown) => {
            options.logger?.warn({ err, delivery: entry.id }, 'undeliverable DM not recorded');
            return false;
          });
          if (told) more = true;
          continue;
        }
        // Keep the channel's order and stop hammering it: the rest waits for the next flush.
        return entries.slice(index + 1);
      }
    }
    return [];
  }

  async function flushNow(): Promise<DeliveryReport> {
    const report: DeliveryReport = { sent: 0, failed: 0, pending: 0, errors: [] };
    for (;;) {
      const now = options.clock();
      const due =
        platforms.length === 0
          ? []
          : await store.claimDue({
              platforms,
              now: new Date(now).toISOString(),
              by: me,
              until: new Date(now + claimMs).toISOString(),
              limit: batch,
            });
      const byTarget = new Map<string, OutboxEntry[]>();
      for (const entry of due) {
        // DMs share one queue per platform: paced together, as the platforms limit DMs per bot.
        const key = dmUser(entry) ? `${entry.platform}:dm` : `${entry.platform}:${entry.channelId}`;
        const list = byTarget.get(key);
        if (list) list.push(entry);
        else byTarget.set(key, [entry]);
      }
      const left = (await Promise.all([...byTarget].map(([key, entries]) => deliverTo(key, entries, report)))).flat();
      if (left.length > 0) await store.unclaim(left.map((entry) => entry.id));
      if (left.length > 0 || (due.length < batch && !more)) break;
      more = false;
    }
    report.pending = await store.pendingCount();
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
    /** Resolves once no flush is running or queued here (a stopping process lets deliveries finish). */
    async idle(): Promise<void> {
      while (running || queued) await (queued ?? running)?.catch(() => undefined);
    },
    /** When the earliest pending entry with a sink here is due, if any. */
    async nextDueAt(): Promise<number | undefined> {
      const at = platforms.length === 0 ? undefined : await store.nextDueAt(platforms);
      return at === undefined ? undefined : Date.parse(at);
    },
    pending(): Promise<OutboxEntry[]> {
      return store.pending();
    },
  };
}

export type Outbox = ReturnType<typeof createOutbox>;
