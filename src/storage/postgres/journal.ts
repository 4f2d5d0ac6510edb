import type postgres from 'postgres';
import { AppError } from '../../errors.js';
import { decideSeen, refusedTransition } from '../journal.js';
import { applyRecord, type JournalEntry, type JournalRecord, settledAt } from '../journal-records.js';
import { interruptedMessage, type JournalBackend, type StartedRecord } from '../journal-types.js';
import { liveSessions, lockSpace } from './locks.js';

/**
 * The journal in table `journal`, one row per operation. Exactly-once rests on the database: the
 * interaction id is a unique key, and a begin takes a transaction-scoped advisory lock on its
 * provider+target, so the blocking checks and the insert are one step for every process. A change
 * whose writer's store is gone (its presence lock released) becomes outcome_unknown.
 */
export interface PostgresJournal extends JournalBackend {
  prune(cutoff: string): Promise<number>;
  all(): Promise<JournalEntry[]>;
  load(entries: readonly JournalEntry[]): Promise<void>;
}

type Tx = postgres.Sql | postgres.TransactionSql;

export function postgresJournal(
  sql: postgres.Sql,
  session: string,
  now: () => Date,
  host: { host: string; pid: number },
): PostgresJournal {
  /** Transitions the database refused (it was unreachable): what the upstream call did still counts here. */
  const unstored = new Map<string, JournalEntry>();
  const targetKey = (target: string) => target.toLowerCase();
  const row = (entry: JournalEntry) => ({
    id: entry.id,
    interaction_id: entry.interactionId,
    provider: entry.provider,
    target_key: targetKey(entry.target),
    status: entry.status,
    resolved: entry.resolution !== undefined,
    at: entry.at,
    settled_at:
      entry.status === 'started' || (entry.status === 'outcome_unknown' && !entry.resolution) ? null : settledAt(entry),
    owner_session: entry.owner?.session ?? null,
    entry: sql.json(entry as unknown as postgres.JSONValue),
  });
  const store = async (tx: Tx, entry: JournalEntry) => {
    const { id: _id, ...rest } = row(entry);
    await tx`update journal set ${tx(rest)} where id = ${entry.id}`;
  };

  async function interrupt(tx: Tx, entries: JournalEntry[]): Promise<JournalEntry[]> {
    const live = await liveSessions(
      tx,
      entries.flatMap((e) => (e.owner?.session ? [e.owner.session] : [])),
    );
    const dead = entries.filter((e) => !e.owner?.session || !live.has(e.owner.session));
    for (const entry of dead) {
      const record: JournalRecord = {
        t: 'unknown',
        id: entry.id,
        message: interruptedMessage,
        interrupted: true,
        at: now().toISOString(),
      };
      const map = new Map([[entry.id, structuredClone(entry)]]);
      applyRecord(map, record);
      await store(tx, map.get(entry.id) as JournalEntry);
    }
    return entries.filter((e) => !dead.includes(e));
  }

  const entriesOf = (rows: postgres.RowList<postgres.Row[]>) => rows.map((r) => r.entry as JournalEntry);

  return {
    owner: () => ({ ...host, session }),
    async begin(record: StartedRecord) {
      for (const kept of unstored.values()) {
        if (kept.interactionId === record.interactionId) return decideSeen(structuredClone(kept), record);
      }
      return sql.begin(async (tx) => {
        const key = targetKey(record.target);
        await tx`select pg_advisory_xact_lock(${lockSpace.target}, hashtext(${`${record.provider}|${key}`}))`;
        const [seen] = await tx`select entry from journal where interaction_id = ${record.interactionId}`;
        if (seen) return decideSeen(seen.entry as JournalEntry, record);
        const running = entriesOf(
          await tx`select entry from journal where provider = ${record.provider} and target_key = ${key} and status = 'started'`,
        );
        const [alive] = await interrupt(tx, running);
        if (alive) return { state: 'busy' as const, entry: alive };
        const [blocker] = await tx`
          select entry from journal
          where provider = ${record.provider} and target_key = ${key} and status = 'outcome_unknown' and not resolved
          order by at limit 1`;
        if (blocker) return { state: 'blocked' as const, entry: blocker.entry as JournalEntry };
        const kept = [...unstored.values()].find(
          (e) =>
            e.provider === record.provider &&
            targetKey(e.target) === key &&
            e.status === 'outcome_unknown' &&
            !e.resolution,
        );
        if (kept) return { state: 'blocked' as const, entry: structuredClone(kept) };
        const map = new Map<string, JournalEntry>();
        applyRecord(map, record);
        const entry = map.get(record.id) as JournalEntry;
        const inserted =
          await tx`insert into journal ${tx(row(entry))} on conflict (interaction_id) do nothing returning id`;
        if (inserted.length === 0) {
          // The same interaction id began meanwhile on another target (another advisory lock).
          const [other] = await tx`select entry from journal where interaction_id = ${record.interactionId}`;
          return decideSeen(other?.entry as JournalEntry, record);
        }
        return { state: 'started' as const, entry };
      });
    },
    async transition(record, from, keepOnFailure) {
      let known: JournalEntry | undefined = unstored.get(record.id);
      try {
        return await sql.begin(async (tx) => {
          const [found] = await tx`select entry from journal where id = ${record.id} for update`;
          known = unstored.get(record.id) ?? (found?.entry as JournalEntry | undefined);
          if (!known || !from(known)) throw refusedTransition(known, record.id, record.t);
          const map = new Map([[record.id, structuredClone(known)]]);
          applyRecord(map, record);
          const next = map.get(record.id) as JournalEntry;
          await store(tx, next);
          unstored.delete(record.id);
          return next;
        });
      } catch (error) {
        if (keepOnFailure && known && from(known) && !(error instanceof AppError)) {
          const map = new Map([[record.id, structuredClone(known)]]);
          if (!applyRecord(map, record)) unstored.set(record.id, map.get(record.id) as JournalEntry);
        }
        throw error;
      }
    },
    async get(id) {
      const kept = unstored.get(id);
      if (kept) return structuredClone(kept);
      const [found] = await sql`select entry from journal where id = ${id}`;
      return found?.entry as JournalEntry | undefined;
    },
    async findByInteraction(interactionId) {
      for (const kept of unstored.values()) if (kept.interactionId === interactionId) return structuredClone(kept);
      const [found] = await sql`select entry from journal where interaction_id = ${interactionId}`;
      return found?.entry as JournalEntry | undefined;
    },
    async unresolved(provider, target) {
      const rows = entriesOf(
        await sql`
        select entry from journal
        where status = 'outcome_unknown' and not resolved
          ${provider !== undefined ? sql`and provider = ${provider}` : sql``}
          ${provider !== undefined && target !== undefined ? sql`and target_key = ${targetKey(target)}` : sql``}
        order by at`,
      );
      return rows.filter((e) => !unstored.has(e.id));
    },
    async startedSince(at, provider) {
      const rows = entriesOf(
        await sql`
        select entry from journal
        where at >= ${new Date(at).toISOString()}
          ${provider !== undefined ? sql`and provider = ${provider}` : sql``}
        order by at`,
      );
      return rows.map((entry) => structuredClone(unstored.get(entry.id) ?? entry));
    },
    async recoverInterrupted() {
      return sql.begin(async (tx) => {
        const running = entriesOf(await tx`select entry from journal where status = 'started' for update`);
        return running.length - (await interrupt(tx, running)).length;
      });
    },
    async prune(cutoff) {
      const gone = await sql`delete from journal where settled_at is not null and settled_at < ${cutoff} returning id`;
      return gone.length;
    },
    async all() {
      return entriesOf(await sql`select entry from journal order by at, id`);
    },
    async load(entries) {
      for (let i = 0; i < entries.length; i += 500) {
        const rows = entries.slice(i, i + 500).map(row);
        if (rows.length > 0) await sql`insert into journal ${sql(rows)}`;
      }
    },
  };
}
