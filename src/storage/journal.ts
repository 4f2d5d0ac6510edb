import { randomBytes } from 'node:crypto';
import { AppError } from '../errors.js';
import { StorageError } from './errors.js';
import {
  applyRecord,
  isSettled,
  type JournalEntry,
  type JournalRecord,
  settledAt,
  startedEntry,
} from './journal-records.js';
import { createHeldSecrets } from './journal-secrets.js';
import type { Journal, JournalOptions } from './journal-types.js';
import type { JsonlLog } from './jsonl.js';
import { scrubSecrets } from './scrub.js';

/**
 * The operation journal: what makes every change exactly-once. An operation is recorded, keyed by
 * its interaction id, before the upstream call; a repeated interaction id gets the first result; an
 * upstream timeout or drop is recorded as outcome_unknown and blocks the same provider+target until
 * it is resolved by reading back from the provider. Append-only; the state lives in an in-memory
 * index folded from the file on open. Results and params are stored without secrets; a secret
 * result is only ever held in memory (journal-secrets.ts).
 */
export type { JournalEntry, JournalStatus, Resolution } from './journal-records.js';
export type { BeginInput, BeginResult, Journal, JournalOptions, SecretOptions } from './journal-types.js';

const day = 24 * 60 * 60 * 1000;
const interruptedMessage =
  'The process stopped while this operation was in progress; it may or may not have gone through.';

export async function openJournal(log: JsonlLog<JournalRecord>, options: JournalOptions = {}): Promise<Journal> {
  const now = options.now ?? (() => new Date());
  const retentionMs = options.retentionMs ?? 7 * day;
  const entries = new Map<string, JournalEntry>();
  const byInteraction = new Map<string, string>();
  /** Ids with a transition being written: a concurrent second transition is refused. */
  const busy = new Set<string>();
  /** outcome_unknown entries not yet resolved, oldest first: what `begin` checks for blocking. */
  const unresolvedIds = new Set<string>();
  let lastPrune = now().getTime();
  const secrets = createHeldSecrets(now, options.secretHoldMs);

  const cutoffAtOpen = now().getTime() - retentionMs;
  for await (const { value, line } of log.scan()) {
    const problem = applyRecord(entries, value);
    if (problem) {
      throw new StorageError(
        log.file,
        `Journal ${log.file}: line ${line} does not fit: ${problem}; refusing to use the file.`,
        {
          hint: `The file was left untouched. Restore ${log.file} from a backup, or fix line ${line} by hand while the bot is stopped.`,
        },
      );
    }
    // Settling records are terminal: an old one can leave memory at once, so opening a long
    // journal never holds all of its history.
    if (value.t !== 'started' && value.t !== 'unknown' && Date.parse(value.at) < cutoffAtOpen) entries.delete(value.id);
  }
  for (const entry of entries.values()) {
    byInteraction.set(entry.interactionId, entry.id);
    if (entry.status === 'outcome_unknown' && !entry.resolution) unresolvedIds.add(entry.id);
  }
  // The process died mid-call: the upstream may or may not have applied it.
  for (const entry of entries.values()) {
    if (entry.status === 'started')
      await write({ t: 'unknown', id: entry.id, message: interruptedMessage, interrupted: true, at: stamp() });
  }
  prune();

  function stamp(): string {
    return now().toISOString();
  }

  function remember(record: JournalRecord): void {
    applyRecord(entries, record);
    if (record.t === 'unknown') unresolvedIds.add(record.id);
    if (record.t === 'resolved') unresolvedIds.delete(record.id);
  }

  /**
   * `keepOnFailure`: the record states what the upstream call did, which is true whether or not the
   * disk took it. Memory keeps it so this process stays exactly-once (a redelivery replays, an unknown
   * outcome blocks); the file still says `started`, which a restart reads as interrupted and reconciles.
   */
  async function write(record: JournalRecord, keepOnFailure = false): Promise<void> {
    try {
      await log.append(record);
    } catch (error) {
      if (keepOnFailure) remember(record);
      throw error;
    }
    remember(record);
  }

  function prune(): void {
    const cutoff = now().getTime() - retentionMs;
    for (const entry of entries.values()) {
      if (isSettled(entry) && Date.parse(settledAt(entry)) < cutoff) {
        entries.delete(entry.id);
        if (byInteraction.get(entry.interactionId) === entry.id) byInteraction.delete(entry.interactionId);
      }
    }
    lastPrune = now().getTime();
  }

  function targetKey(provider: string, target: string): string {
    return `${provider}\u0000${target.toLowerCase()}`;
  }

  function firstUnresolved(provider?: string, target?: string): JournalEntry[] {
    const wanted = provider !== undefined && target !== undefined ? targetKey(provider, target) : undefined;
    const out: JournalEntry[] = [];
    for (const id of unresolvedIds) {
      const entry = entries.get(id);
      if (!entry) continue;
      if (provider !== undefined && entry.provider !== provider) continue;
      if (wanted !== undefined && targetKey(entry.provider, entry.target) !== wanted) continue;
      out.push(entry);
    }
    return out.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  }

  function newId(): string {
    for (;;) {
      const id = randomBytes(8).toString('base64url').replace(/[-_]/g, '').slice(0, 10).toLowerCase();
      if (id.length === 10 && !entries.has(id)) return id;
    }
  }

  async function transition(
    id: string,
    from: (entry: JournalEntry) => boolean,
    record: JournalRecord,
    keepOnFailure = false,
  ): Promise<JournalEntry> {
    const entry = entries.get(id);
    if (!entry) throw new AppError('not_found', `No operation ${id} in the journal.`);
    if (busy.has(id) || !from(entry)) {
      throw new AppError(
        'conflict',
        `Operation ${id} cannot go to '${record.t}': it is ${entry.status}${entry.resolution ? ' (resolved)' : ''}.`,
      );
    }
    busy.add(id);
    try {
      await write(record, keepOnFailure);
    } finally {
      busy.delete(id);
    }
    return structuredClone(entry);
  }

  const started = (entry: JournalEntry) => entry.status === 'started';

  return {
    async begin(input, opts = {}) {
      if (now().getTime() - lastPrune > 60 * 60 * 1000) prune();
      const seenId = byInteraction.get(input.interactionId);
      const seen = seenId === undefined ? undefined : entries.get(seenId);
      if (seen) {
        if (
          seen.kind !== input.kind ||
          seen.provider !== input.provider ||
          targetKey(seen.provider, seen.target) !== targetKey(input.provider, input.target)
        ) {
          throw new AppError(
            'conflict',
            `Interaction ${input.interactionId} was already used for another operation (${seen.id}).`,
          );
        }
        const state =
          seen.status === 'started'
            ? 'in_progress'
            : seen.status === 'outcome_unknown' && !seen.resolution
              ? 'blocked'
              : 'replay';
        return { state, entry: structuredClone(seen) };
      }
      const blocker = firstUnresolved(input.provider, input.target)[0];
      if (blocker) return { state: 'blocked', entry: structuredClone(blocker) };

      const params = scrubSecrets(input.params, opts.secrets).value;
      const actor = scrubSecrets(input.actor, opts.secrets).value;
      const at = now();
      const record: JournalRecord & { t: 'started' } = {
        t: 'started',
        id: newId(),
        interactionId: input.interactionId,
        kind: input.kind,
        provider: input.provider,
        target: input.target,
        actor,
        params,
        at: at.toISOString(),
        ...(input.landsWithinMs !== undefined
          ? { landsBy: new Date(at.getTime() + input.landsWithinMs).toISOString() }
          : {}),
      };
      // In memory before the write, so that a concurrent duplicate sees `in_progress`, not a second start.
      entries.set(record.id, startedEntry(record));
      byInteraction.set(input.interactionId, record.id);
      busy.add(record.id);
      try {
        await log.append(record);
      } catch (error) {
        entries.delete(record.id);
        byInteraction.delete(input.interactionId);
        throw error;
      } finally {
        busy.delete(record.id);
      }
      return { state: 'started', entry: structuredClone(entries.get(record.id)!) };
    },
    succeed(id, result, opts = {}) {
      const scrubbed = scrubSecrets(result, opts.secrets);
      const record = { t: 'succeeded' as const, id, result: scrubbed.value, secretsRemoved: scrubbed.removed };
      return transition(id, started, { ...record, at: stamp() }, true);
    },
    fail(id, error, opts = {}) {
      const clean = scrubSecrets({ code: error.code, message: error.message }, opts.secrets).value;
      return transition(id, started, { t: 'failed', id, error: clean, at: stamp() }, true);
    },
    unknown(id, info, opts = {}) {
      const message = scrubSecrets(info.message, opts.secrets).value;
      return transition(id, started, { t: 'unknown', id, message, at: stamp() }, true);
    },
    resolve(id, outcome, note) {
      const open = (entry: JournalEntry) => entry.status === 'outcome_unknown' && !entry.resolution;
      return transition(id, open, { t: 'resolved', id, outcome, note: scrubSecrets(note).value, at: stamp() });
    },
    get: (id) => {
      const entry = entries.get(id);
      return entry && structuredClone(entry);
    },
    findByInteraction(interactionId) {
      const id = byInteraction.get(interactionId);
      const entry = id === undefined ? undefined : entries.get(id);
      return entry && structuredClone(entry);
    },
    unresolved: (provider, target) => firstUnresolved(provider, target).map((entry) => structuredClone(entry)),
    holdSecret: (id, values) => secrets.hold(id, values),
    heldSecret: (id) => secrets.get(id),
    releaseSecret: (id) => secrets.release(id),
    findHeld(query) {
      const wanted = targetKey(query.provider, query.target);
      const found = secrets
        .ids()
        .map((id) => entries.get(id))
        .filter(
          (entry): entry is JournalEntry =>
            entry?.status === 'succeeded' &&
            entry.kind === query.kind &&
            targetKey(entry.provider, entry.target) === wanted &&
            entry.actor.platform === query.platform &&
            entry.actor.userId === query.userId,
        )
        .at(-1);
      return found && structuredClone(found);
    },
    size: () => entries.size,
  };
}
