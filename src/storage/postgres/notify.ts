import type postgres from 'postgres';
import type { NotifyState, NotifyStore, OutboxEntry } from '../notify.js';
import { lockSpace } from './locks.js';

/**
 * The notifier's memory in tables: the fired set and provider health, changed by a sweep in one
 * transaction together with the deliveries it queues (one sweep's commit at a time, under an
 * advisory lock); each delivery is claimed with FOR UPDATE SKIP LOCKED, so two processes never
 * take the same one, and marked sent or failed on its own row.
 */
export interface PostgresNotify extends NotifyStore {
  prune(cutoff: string): Promise<number>;
  all(): Promise<{ state: NotifyState; outbox: OutboxEntry[] }>;
  load(state: NotifyState, outbox: readonly OutboxEntry[]): Promise<void>;
}

type Tx = postgres.Sql | postgres.TransactionSql;
const json = (sql: Tx, value: unknown) => sql.json(value as postgres.JSONValue);

async function readState(sql: Tx): Promise<NotifyState> {
  const state: NotifyState = { fired: {}, providers: {} };
  for (const row of await sql`select key, value from notify_fired`) {
    state.fired[row.key as string] = row.value as NotifyState['fired'][string];
  }
  for (const row of await sql`select id, health from notify_providers`) {
    state.providers[row.id as string] = row.health as NotifyState['providers'][string];
  }
  return state;
}

function outboxRow(sql: Tx, entry: OutboxEntry) {
  return {
    id: entry.id,
    platform: entry.platform,
    status: entry.status,
    next_attempt_at: entry.nextAttemptAt,
    done_at: entry.status === 'pending' ? null : (entry.sentAt ?? entry.nextAttemptAt),
    entry: json(sql, entry),
  };
}

async function insertOutbox(sql: Tx, entries: readonly OutboxEntry[]): Promise<void> {
  for (let i = 0; i < entries.length; i += 500) {
    const rows = entries.slice(i, i + 500).map((entry) => outboxRow(sql, entry));
    await sql`insert into notify_outbox ${sql(rows)} on conflict (id) do nothing`;
  }
}

async function writeState(tx: Tx, before: NotifyState, after: NotifyState): Promise<void> {
  const set = Object.entries(after.fired)
    .filter(([key, value]) => before.fired[key]?.at !== value.at || before.fired[key]?.subject !== value.subject)
    .map(([key, value]) => ({ key, value: json(tx, value) }));
  for (let i = 0; i < set.length; i += 1_000) {
    await tx`insert into notify_fired ${tx(set.slice(i, i + 1_000))} on conflict (key) do update set value = excluded.value`;
  }
  const unset = Object.keys(before.fired).filter((key) => !(key in after.fired));
  for (let i = 0; i < unset.length; i += 1_000)
    await tx`delete from notify_fired where key in ${tx(unset.slice(i, i + 1_000))}`;
  const providers = Object.entries(after.providers).map(([id, health]) => ({ id, health: json(tx, health) }));
  if (providers.length > 0) {
    await tx`insert into notify_providers ${tx(providers)} on conflict (id) do update set health = excluded.health`;
  }
}

export function postgresNotify(sql: postgres.Sql): PostgresNotify {
  const entries = (rows: postgres.RowList<postgres.Row[]>) => rows.map((row) => row.entry as OutboxEntry);
  return {
    read: () => readState(sql),
    commit<R>(fn: (draft: NotifyState) => { enqueue: OutboxEntry[]; result: R }): Promise<R> {
      return sql
        .begin(async (tx) => {
          await tx`select pg_advisory_xact_lock(${lockSpace.notify}, 0)`;
          const before = await readState(tx);
          const draft = structuredClone(before);
          const { enqueue, result } = fn(draft);
          await writeState(tx, before, draft);
          await insertOutbox(tx, enqueue);
          return { result };
        })
        .then((done) => done.result as R);
    },
    enqueue: (list) => insertOutbox(sql, list),
    async claimDue(query) {
      const rows = await sql`
        update notify_outbox o set claimed_until = ${query.until}
        from (
          select id from notify_outbox
          where status = 'pending' and platform in ${sql(query.platforms as string[])} and next_attempt_at <= ${query.now}
            and (claimed_until is null or claimed_until <= ${query.now})
          order by next_attempt_at, seq
          limit ${query.limit ?? 100}
          for update skip locked
        ) due
        where o.id = due.id
        returning o.entry, o.next_attempt_at, o.seq::text as seq`;
      return [...rows]
        .sort((a, b) =>
          a.next_attempt_at < b.next_attempt_at
            ? -1
            : a.next_attempt_at > b.next_attempt_at
              ? 1
              : Number(a.seq) - Number(b.seq),
        )
        .map((row) => row.entry as OutboxEntry);
    },
    async unclaim(ids) {
      if (ids.length > 0) await sql`update notify_outbox set claimed_until = null where id in ${sql(ids as string[])}`;
    },
    async markSent(id, at) {
      await sql`
        update notify_outbox
        set status = 'sent', done_at = ${at}, claimed_until = null,
            entry = entry || jsonb_build_object('status', 'sent', 'sentAt', ${at}::text, 'attempts', (entry->>'attempts')::int + 1)
        where id = ${id}`;
    },
    async markFailed(id, failure) {
      const next = failure.permanent ? null : (failure.nextAttemptAt ?? null);
      await sql`
        update notify_outbox
        set status = ${failure.permanent ? 'failed' : 'pending'},
            done_at = ${failure.permanent ? sql`next_attempt_at` : null},
            next_attempt_at = coalesce(${next}::text, next_attempt_at),
            claimed_until = null,
            entry = entry || jsonb_build_object(
              'attempts', ${failure.attempts}::int,
              'lastError', ${failure.lastError}::text,
              'status', ${failure.permanent ? 'failed' : 'pending'}::text,
              'nextAttemptAt', coalesce(${next}::text, next_attempt_at))
        where id = ${id}`;
    },
    async pending() {
      return entries(await sql`select entry from notify_outbox where status = 'pending' order by seq`);
    },
    async pendingCount() {
      const [row] = await sql`select count(*)::int as n from notify_outbox where status = 'pending'`;
      return Number(row?.n ?? 0);
    },
    async nextDueAt(platforms) {
      if (platforms.length === 0) return undefined;
      const [row] = await sql`
        select min(next_attempt_at) as at from notify_outbox
        where status = 'pending' and platform in ${sql(platforms as string[])}`;
      return (row?.at as string | null) ?? undefined;
    },
    async prune(cutoff) {
      const gone = await sql`delete from notify_outbox where status <> 'pending' and done_at < ${cutoff} returning id`;
      return gone.length;
    },
    async all() {
      return { state: await readState(sql), outbox: entries(await sql`select entry from notify_outbox order by seq`) };
    },
    async load(state, outbox) {
      await sql.begin(async (tx) => {
        await writeState(tx, { fired: {}, providers: {} }, state);
        await insertOutbox(tx, outbox);
      });
    },
  };
}
