import { randomBytes } from 'node:crypto';
import { AppError } from '../errors.js';
import type { JournalEntry } from './journal-records.js';
import { createHeldSecrets } from './journal-secrets.js';
import type { BeginResult, Journal, JournalBackend, JournalOptions, StartedRecord } from './journal-types.js';
import { scrubSecrets } from './scrub.js';

/**
 * The operation journal: what makes every change exactly-once. An operation is recorded, keyed by
 * its interaction id, before the upstream call; a repeated interaction id gets the first result; an
 * upstream timeout or drop is recorded as outcome_unknown and blocks the same provider+target until
 * it is resolved by reading back from the provider. The backend makes each step atomic across
 * processes (files: under the journal's lock; PostgreSQL: a unique interaction id and a
 * transaction). Results and params are stored without secrets; a secret result is only ever held
 * in this process's memory (journal-secrets.ts).
 */
export type { JournalEntry, JournalStatus, Resolution } from './journal-records.js';
export type { BeginInput, BeginResult, Journal, JournalOptions, SecretOptions } from './journal-types.js';

export function createJournal(backend: JournalBackend, options: JournalOptions = {}): Journal {
  const now = options.now ?? (() => new Date());
  const secrets = createHeldSecrets(now, options.secretHoldMs);
  const stamp = () => now().toISOString();
  const started = (entry: JournalEntry) => entry.status === 'started';
  const open = (entry: JournalEntry) => entry.status === 'outcome_unknown' && !entry.resolution;

  return {
    begin(input, opts = {}) {
      const at = now();
      const record: StartedRecord = {
        t: 'started',
        id: newId(),
        interactionId: input.interactionId,
        kind: input.kind,
        provider: input.provider,
        target: input.target,
        actor: scrubSecrets(input.actor, opts.secrets).value,
        params: scrubSecrets(input.params, opts.secrets).value,
        at: at.toISOString(),
        ...(input.landsWithinMs !== undefined
          ? { landsBy: new Date(at.getTime() + input.landsWithinMs).toISOString() }
          : {}),
        owner: backend.owner(),
      };
      return backend.begin(record);
    },
    succeed(id, result, opts = {}) {
      const scrubbed = scrubSecrets(result, opts.secrets);
      const record = { t: 'succeeded' as const, id, result: scrubbed.value, secretsRemoved: scrubbed.removed };
      return backend.transition({ ...record, at: stamp() }, started, true);
    },
    fail(id, error, opts = {}) {
      const clean = scrubSecrets({ code: error.code, message: error.message }, opts.secrets).value;
      return backend.transition({ t: 'failed', id, error: clean, at: stamp() }, started, true);
    },
    unknown(id, info, opts = {}) {
      const message = scrubSecrets(info.message, opts.secrets).value;
      return backend.transition({ t: 'unknown', id, message, at: stamp() }, started, true);
    },
    resolve(id, outcome, note) {
      return backend.transition(
        { t: 'resolved', id, outcome, note: scrubSecrets(note).value, at: stamp() },
        open,
        false,
      );
    },
    get: (id) => backend.get(id),
    findByInteraction: (interactionId) => backend.findByInteraction(interactionId),
    unresolved: (provider, target) => backend.unresolved(provider, target),
    startedSince: (at, provider) => backend.startedSince(at, provider),
    holdSecret: (id, values) => secrets.hold(id, values),
    heldSecret: (id) => secrets.get(id),
    releaseSecret: (id) => secrets.release(id),
    async findHeld(query) {
      const wanted = targetKey(query.provider, query.target);
      for (const id of secrets.ids().reverse()) {
        const entry = await backend.get(id);
        if (
          entry?.status === 'succeeded' &&
          entry.kind === query.kind &&
          targetKey(entry.provider, entry.target) === wanted &&
          entry.actor.platform === query.platform &&
          entry.actor.userId === query.userId
        )
          return entry;
      }
      return undefined;
    },
  };
}

export function targetKey(provider: string, target: string): string {
  return `${provider}\u0000${target.toLowerCase()}`;
}

function newId(): string {
  for (;;) {
    const id = randomBytes(8).toString('base64url').replace(/[-_]/g, '').slice(0, 10).toLowerCase();
    if (id.length === 10) return id;
  }
}

/** What a repeated interaction id gets, from the entry it already has. */
export function decideSeen(seen: JournalEntry, record: StartedRecord): BeginResult {
  if (
    seen.kind !== record.kind ||
    seen.provider !== record.provider ||
    targetKey(seen.provider, seen.target) !== targetKey(record.provider, record.target)
  ) {
    throw new AppError(
      'conflict',
      `Interaction ${record.interactionId} was already used for another operation (${seen.id}).`,
    );
  }
  const state =
    seen.status === 'started'
      ? 'in_progress'
      : seen.status === 'outcome_unknown' && !seen.resolution
        ? 'blocked'
        : 'replay';
  return { state, entry: seen };
}

/** The error for a transition the entry's state does not allow. */
export function refusedTransition(entry: JournalEntry | undefined, id: string, to: string): AppError {
  if (!entry) return new AppError('not_found', `No operation ${id} in the journal.`);
  return new AppError(
    'conflict',
    `Operation ${id} cannot go to '${to}': it is ${entry.status}${entry.resolution ? ' (resolved)' : ''}.`,
  );
}
