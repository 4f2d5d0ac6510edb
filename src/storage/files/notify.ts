import { type NotifyState, type NotifyStore, type OutboxEntry, sentRetentionMs } from '../notify.js';
import { DueQueue } from './due-queue.js';
import { convertLegacy, type Line, lineSchema } from './notify-lines.js';
import { isRunning, type ProcessRef, thisProcess } from './process-identity.js';
import { type LogFileOptions, SharedLog } from './shared-log.js';

/**
 * The notifier's memory in `notify.jsonl`: a sweep's commit is one line (the fired keys it set and
 * cleared, provider health, and the deliveries it queued), so it is atomic; claiming, sending and
 * failing a delivery are one short line each, so delivering an alert costs the same with 10 or 10k
 * entries in the outbox. Compaction writes a snapshot and the deliveries still worth keeping.
 */

export interface FileNotify extends NotifyStore {
  compact(): Promise<{ before: number; after: number }>;
  all(): Promise<{ state: NotifyState; outbox: OutboxEntry[] }>;
  load(state: NotifyState, outbox: readonly OutboxEntry[]): Promise<void>;
  clear(): Promise<void>;
  close(): Promise<void>;
}

export async function openFileNotify(
  file: string,
  options: LogFileOptions & { legacyFile: string; session: string },
): Promise<FileNotify> {
  let fired: NotifyState['fired'] = {};
  let providers: NotifyState['providers'] = {};
  const outbox = new Map<string, OutboxEntry>();
  /** Pending deliveries in the order queued, and by when due: claiming looks at the due ones only. */
  const pendingIds = new Set<string>();
  const dueQueue = new DueQueue();
  const claims = new Map<string, { until: string; owner: ProcessRef }>();

  const add = (entries: readonly OutboxEntry[]) => {
    for (const entry of entries) {
      if (outbox.has(entry.id)) continue;
      outbox.set(entry.id, entry);
      if (entry.status === 'pending') {
        pendingIds.add(entry.id);
        dueQueue.push(entry.id, entry.nextAttemptAt);
      }
    }
  };
  function apply(line: Line): void {
    switch (line.t) {
      case 'commit':
        fired = { ...fired, ...line.set };
        for (const key of line.unset) delete fired[key];
        providers = { ...providers, ...line.providers };
        add(line.enqueue);
        return;
      case 'snapshot':
        fired = { ...line.fired };
        providers = { ...line.providers };
        return;
      case 'enqueue':
        add(line.entries);
        return;
      case 'claim':
        for (const id of line.ids) claims.set(id, { until: line.until, owner: line.owner });
        return;
      case 'unclaim':
        for (const id of line.ids) claims.delete(id);
        return;
      case 'sent': {
        const entry = outbox.get(line.id);
        if (entry) outbox.set(line.id, { ...entry, status: 'sent', attempts: entry.attempts + 1, sentAt: line.at });
        pendingIds.delete(line.id);
        claims.delete(line.id);
        return;
      }
      case 'failed': {
        const entry = outbox.get(line.id);
        if (entry) {
          const next = { ...entry, attempts: line.attempts, lastError: line.lastError };
          if (line.permanent) {
            next.status = 'failed';
            pendingIds.delete(line.id);
          } else if (line.nextAttemptAt) {
            next.nextAttemptAt = line.nextAttemptAt;
            dueQueue.push(line.id, line.nextAttemptAt);
          }
          outbox.set(line.id, next);
        }
        claims.delete(line.id);
      }
    }
  }
  const log = await SharedLog.open(file, {
    schema: lineSchema,
    lockFile: options.lockFile,
    fsync: options.fsync,
    apply,
    reset() {
      fired = {};
      providers = {};
      outbox.clear();
      pendingIds.clear();
      dueQueue.clear();
      claims.clear();
    },
    onRepair: options.onRepair,
  });
  await convertLegacy(options.legacyFile, log);

  function* pendingFor(platforms?: readonly string[]): Generator<OutboxEntry> {
    for (const id of pendingIds) {
      const entry = outbox.get(id) as OutboxEntry;
      if (!platforms || platforms.includes(entry.platform)) yield entry;
    }
  }
  const claimLive = (id: string, now: string) => {
    const claim = claims.get(id);
    return claim !== undefined && claim.until > now && isRunning(claim.owner);
  };

  return {
    async read() {
      await log.refresh();
      return structuredClone({ fired, providers });
    },
    commit(fn) {
      return log.locked(async (append) => {
        const draft: NotifyState = structuredClone({ fired, providers });
        const { enqueue, result } = fn(draft);
        const set: NotifyState['fired'] = {};
        for (const [key, value] of Object.entries(draft.fired)) {
          const was = fired[key];
          if (!was || was.at !== value.at || was.subject !== value.subject) set[key] = value;
        }
        const unset = Object.keys(fired).filter((key) => !(key in draft.fired));
        const fresh = enqueue.filter((entry) => !outbox.has(entry.id));
        await append({ t: 'commit', set, unset, providers: draft.providers, enqueue: fresh });
        return result;
      });
    },
    enqueue(entries) {
      return log.locked((append) => append({ t: 'enqueue', entries: entries.filter((e) => !outbox.has(e.id)) }));
    },
    claimDue(query) {
      return log.locked(async (append) => {
        const due: OutboxEntry[] = [];
        const putBack: Array<{ id: string; at: string }> = [];
        const looked = new Set<string>();
        for (let top = dueQueue.peek(); top && top.at <= query.now; top = dueQueue.peek()) {
          dueQueue.pop();
          const e = outbox.get(top.id);
          // Stale: sent, failed for good, due at another time now (pushed again with it), or a duplicate.
          if (e?.status !== 'pending' || e.nextAttemptAt !== top.at || looked.has(e.id)) continue;
          looked.add(e.id);
          putBack.push(top); // still pending until sent: back in the queue, claimed or not
          if (query.platforms.includes(e.platform) && !claimLive(e.id, query.now)) due.push(e);
          if (due.length >= (query.limit ?? 100)) break;
        }
        for (const item of putBack) dueQueue.push(item.id, item.at);
        if (due.length === 0) return [];
        await append({
          t: 'claim',
          ids: due.map((e) => e.id),
          by: query.by,
          owner: { ...thisProcess(), session: options.session },
          until: query.until,
        });
        return due.map((entry) => structuredClone(entry));
      });
    },
    unclaim: (ids) => log.locked((append) => append({ t: 'unclaim', ids: [...ids] })),
    markSent: (id, at) => log.locked((append) => append({ t: 'sent', id, at })),
    markFailed: (id, failure) => log.locked((append) => append({ t: 'failed', id, ...failure })),
    async pendingCount() {
      await log.refresh();
      return pendingIds.size;
    },
    async pending() {
      await log.refresh();
      return [...pendingFor()].map((entry) => structuredClone(entry));
    },
    async nextDueAt(platforms) {
      await log.refresh();
      const times = [...pendingFor(platforms)].map((e) => e.nextAttemptAt);
      return times.length > 0 ? times.reduce((a, b) => (a < b ? a : b)) : undefined;
    },
    async compact() {
      const before = log.size;
      await log.rewrite(() => {
        const cutoff = options.now().getTime() - sentRetentionMs;
        for (const [id, e] of outbox) {
          if (e.status !== 'pending' && Date.parse(e.sentAt ?? e.nextAttemptAt ?? e.createdAt) < cutoff)
            outbox.delete(id);
        }
        claims.clear();
        return [
          { t: 'snapshot', fired, providers },
          { t: 'enqueue', entries: [...outbox.values()] },
        ];
      });
      return { before, after: log.size };
    },
    async all() {
      await log.refresh();
      return structuredClone({ state: { fired, providers }, outbox: [...outbox.values()] });
    },
    load: (state, entries) =>
      log.locked((append) =>
        append(
          { t: 'snapshot', fired: state.fired, providers: state.providers },
          { t: 'enqueue', entries: [...entries] },
        ),
      ),
    clear: () =>
      log.rewrite(() => {
        fired = {};
        providers = {};
        outbox.clear();
        pendingIds.clear();
        dueQueue.clear();
        claims.clear();
        return [];
      }),
    close: () => log.close(),
  };
}
