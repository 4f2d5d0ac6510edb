import { StorageError } from '../errors.js';
import { decideSeen, refusedTransition, targetKey } from '../journal.js';
import {
  applyRecord,
  isSettled,
  type JournalEntry,
  type JournalRecord,
  journalRecordSchema,
  recordsOf,
  settledAt,
} from '../journal-records.js';
import { interruptedMessage, type JournalBackend } from '../journal-types.js';
import { isRunning, thisProcess } from './process-identity.js';
import { type LogFileOptions, SharedLog } from './shared-log.js';

/**
 * The journal in `journal.jsonl`: one line per state transition, folded into an index in memory.
 * Every decision (begin, each transition) is taken under the journal's lock after folding what
 * other processes appended, so two processes never both start one interaction, and an entry left
 * `started` by a process that no longer runs becomes outcome_unknown instead of hanging for good.
 */
export interface FileJournal extends JournalBackend {
  /** Rewrites the file without settled entries older than the retention. */
  compact(): Promise<{ before: number; after: number }>;
  /** Every entry (export). */
  all(): Promise<JournalEntry[]>;
  /** Adds entries from an export. */
  load(entries: readonly JournalEntry[]): Promise<void>;
  clear(): Promise<void>;
  close(): Promise<void>;
}

export async function openFileJournal(
  file: string,
  options: LogFileOptions & { retentionMs: number; session: string },
): Promise<FileJournal> {
  const { now, retentionMs } = options;
  const entries = new Map<string, JournalEntry>();
  const byInteraction = new Map<string, string>();
  const unresolvedIds = new Set<string>();
  const startedIds = new Set<string>();
  let lastPrune = now().getTime();

  function remember(record: JournalRecord): void {
    const problem = applyRecord(entries, record);
    if (problem) {
      throw new StorageError(file, `Journal ${file}: a line does not fit: ${problem}; refusing to use the file.`, {
        hint: `The file was left untouched. Restore ${file} from a backup, or fix that line by hand while no resellerops process runs.`,
      });
    }
    const entry = entries.get(record.id) as JournalEntry;
    if (record.t === 'started') {
      byInteraction.set(entry.interactionId, entry.id);
      startedIds.add(entry.id);
    } else startedIds.delete(record.id);
    if (record.t === 'unknown') unresolvedIds.add(record.id);
    if (record.t === 'resolved') unresolvedIds.delete(record.id);
    // Old settling records are terminal: the entry can leave memory at once.
    if (record.t !== 'started' && isSettled(entry) && Date.parse(settledAt(entry)) < now().getTime() - retentionMs)
      forget(entry);
  }

  function forget(entry: JournalEntry): void {
    entries.delete(entry.id);
    if (byInteraction.get(entry.interactionId) === entry.id) byInteraction.delete(entry.interactionId);
  }

  function reset(): void {
    entries.clear();
    byInteraction.clear();
    unresolvedIds.clear();
    startedIds.clear();
  }

  const log = await SharedLog.open(file, {
    schema: journalRecordSchema,
    lockFile: options.lockFile,
    fsync: options.fsync,
    ...(options.failWrite ? { failWrite: options.failWrite } : {}),
    apply: remember,
    reset,
    onRepair: options.onRepair,
  });

  function prune(): void {
    const cutoff = now().getTime() - retentionMs;
    for (const entry of entries.values()) if (isSettled(entry) && Date.parse(settledAt(entry)) < cutoff) forget(entry);
    lastPrune = now().getTime();
  }

  function onTarget(ids: Iterable<string>, provider?: string, target?: string): JournalEntry[] {
    const wanted = provider !== undefined && target !== undefined ? targetKey(provider, target) : undefined;
    const out: JournalEntry[] = [];
    for (const id of ids) {
      const entry = entries.get(id);
      if (!entry) continue;
      if (provider !== undefined && entry.provider !== provider) continue;
      if (wanted !== undefined && targetKey(entry.provider, entry.target) !== wanted) continue;
      out.push(entry);
    }
    return out.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  }

  const interrupted = (id: string): JournalRecord => ({
    t: 'unknown',
    id,
    message: interruptedMessage,
    interrupted: true,
    at: now().toISOString(),
  });
  const dead = (entry: JournalEntry) => !entry.owner || !isRunning(entry.owner);
  const copy = (entry: JournalEntry | undefined) => entry && structuredClone(entry);

  const backend: FileJournal = {
    owner: () => ({ ...thisProcess(), session: options.session }),
    begin(record) {
      if (now().getTime() - lastPrune > 60 * 60 * 1000) prune();
      return log.locked(async (append) => {
        const seenId = byInteraction.get(record.interactionId);
        const seen = seenId === undefined ? undefined : entries.get(seenId);
        if (seen) return decideSeen(structuredClone(seen), record);
        for (const running of onTarget([...startedIds], record.provider, record.target)) {
          if (!dead(running)) return { state: 'busy', entry: structuredClone(running) };
          await append(interrupted(running.id));
        }
        const blocker = onTarget(unresolvedIds, record.provider, record.target)[0];
        if (blocker) return { state: 'blocked', entry: structuredClone(blocker) };
        await append(record);
        return { state: 'started', entry: structuredClone(entries.get(record.id) as JournalEntry) };
      });
    },
    transition(record, from, keepOnFailure) {
      return log.locked(async (append) => {
        const entry = entries.get(record.id);
        if (!entry || !from(entry)) throw refusedTransition(entry, record.id, record.t);
        try {
          await append(record);
        } catch (error) {
          // What the upstream call did is true whether or not the disk took it: act on it here.
          if (keepOnFailure) remember(record);
          throw error;
        }
        return structuredClone(entries.get(record.id) ?? entry);
      });
    },
    async get(id) {
      await log.refresh();
      return copy(entries.get(id));
    },
    async findByInteraction(interactionId) {
      await log.refresh();
      const id = byInteraction.get(interactionId);
      return copy(id === undefined ? undefined : entries.get(id));
    },
    async unresolved(provider, target) {
      await log.refresh();
      return onTarget(unresolvedIds, provider, target).map((entry) => structuredClone(entry));
    },
    async startedSince(at, provider) {
      await log.refresh();
      const since = Date.parse(at);
      return onTarget(entries.keys(), provider)
        .filter((entry) => Date.parse(entry.at) >= since)
        .map((entry) => structuredClone(entry));
    },
    recoverInterrupted() {
      return log.locked(async (append) => {
        const stale = [...startedIds].map((id) => entries.get(id)).filter((e): e is JournalEntry => !!e && dead(e));
        await append(...stale.map((entry) => interrupted(entry.id)));
        return stale.length;
      });
    },
    async compact() {
      const before = log.size;
      await log.rewrite(() => {
        prune();
        const kept = [...entries.values()].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
        return kept.flatMap(recordsOf);
      });
      return { before, after: log.size };
    },
    async all() {
      await log.refresh();
      return [...entries.values()].map((entry) => structuredClone(entry));
    },
    load(loaded) {
      return log.locked((append) => append(...loaded.flatMap(recordsOf)));
    },
    clear: () =>
      log.rewrite(() => {
        reset();
        return [];
      }),
    close: () => log.close(),
  };
  return backend;
}
