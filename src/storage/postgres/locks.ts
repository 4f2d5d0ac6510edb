import { randomBytes } from 'node:crypto';
import type postgres from 'postgres';
import { LockBusyError } from '../errors.js';
import type { HeldLease, Locks } from '../locks.js';

/**
 * Locks across every process on one database, as PostgreSQL advisory locks:
 *   - named locks (per account, the notifier's sweep and leadership) are session locks on a
 *     connection reserved for as long as they are held, so they end with the holder's connection
 *     (its process dying included), never because a live holder took long;
 *   - each open store holds a presence lock under a random key: a journal entry records that key, and
 *     whether the lock is still held tells whether the process that started the change still runs.
 */
export const lockSpace = { migrations: 0x524f_0001, named: 0x524f_0002, target: 0x524f_0003, notify: 0x524f_0004 };

function lockTimeout(error: unknown): boolean {
  return (error as { code?: string }).code === '55P03';
}

export function postgresLocks(pool: postgres.Sql): Locks & { releaseAll(): Promise<void> } {
  const held = new Set<HeldLease>();
  const heldQuery = (conn: postgres.ReservedSql, name: string) => conn`
    select exists (
      select 1 from pg_locks
      where locktype = 'advisory' and pid = pg_backend_pid() and granted and objsubid = 2
        and classid::text::bigint = ${lockSpace.named}
        and objid::text::bigint = (hashtext(${name})::bigint & 4294967295)
    ) as held`;
  return {
    async withLock(name, fn, options = {}) {
      const conn = await pool.reserve();
      try {
        const waitMs = options.waitMs ?? 120_000;
        await conn`select set_config('lock_timeout', ${`${Math.max(1, waitMs)}ms`}, false)`;
        try {
          await conn`select pg_advisory_lock(${lockSpace.named}, hashtext(${name}))`;
        } catch (error) {
          if (!lockTimeout(error)) throw error;
          throw new LockBusyError(
            name,
            `The lock '${name}' is held by another resellerops process and was not released within ${Math.round(waitMs / 1000)} s.`,
          );
        }
        try {
          return await fn();
        } finally {
          await conn`select pg_advisory_unlock(${lockSpace.named}, hashtext(${name}))`.catch(() => undefined);
        }
      } finally {
        conn.release();
      }
    },
    async tryHold(name) {
      const conn = await pool.reserve();
      const [row] = await conn`select pg_try_advisory_lock(${lockSpace.named}, hashtext(${name})) as ok`.catch(
        (error) => {
          conn.release();
          throw error;
        },
      );
      if (!row?.ok) {
        conn.release();
        return undefined;
      }
      let released = false;
      const lease: HeldLease = {
        async stillHeld() {
          if (released) return false;
          const [state] = await heldQuery(conn, name).catch(() => [{ held: false }]);
          return Boolean(state?.held);
        },
        async release() {
          if (released) return;
          released = true;
          held.delete(lease);
          await conn`select pg_advisory_unlock(${lockSpace.named}, hashtext(${name}))`.catch(() => undefined);
          conn.release();
        },
      };
      held.add(lease);
      return lease;
    },
    async releaseAll() {
      await Promise.all([...held].map((lease) => lease.release()));
    },
  };
}

/** This store's presence: a lock held on a connection of its own until the store closes. */
export async function holdPresence(sql: postgres.Sql): Promise<{ session: string; release(): Promise<void> }> {
  const key = BigInt.asUintN(62, randomBytes(8).readBigUInt64BE());
  const conn = await sql.reserve();
  await conn`select pg_advisory_lock(${key.toString()}::bigint)`;
  return {
    session: key.toString(),
    async release() {
      await conn`select pg_advisory_unlock(${key.toString()}::bigint)`.catch(() => undefined);
      conn.release();
    },
  };
}

/** Which of these presence keys are still held (their store is open, in a process that runs). */
export async function liveSessions(
  sql: postgres.Sql | postgres.TransactionSql,
  sessions: readonly string[],
): Promise<Set<string>> {
  if (sessions.length === 0) return new Set();
  const rows = await sql`
    select ((classid::text::bigint << 32) | objid::text::bigint)::text as session
    from pg_locks
    where locktype = 'advisory' and objsubid = 1 and granted
      and database = (select oid from pg_database where datname = current_database())`;
  const live = new Set(rows.map((row) => String(row.session)));
  return new Set(sessions.filter((session) => live.has(session)));
}
