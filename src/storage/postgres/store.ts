import { hostname } from 'node:os';
import postgres from 'postgres';
import { confirmationRetentionMs } from '../confirmations.js';
import { describeCause, StorageError } from '../errors.js';
import { interactionClaimTtlMs } from '../interactions.js';
import { createJournal } from '../journal.js';
import { sentRetentionMs } from '../notify.js';
import type { MaintenanceReport, Store, StoreOptions } from '../store.js';
import { describeDatabase } from '../target.js';
import { postgresJournal } from './journal.js';
import { postgresLinks } from './links.js';
import { holdPresence, postgresLocks } from './locks.js';
import { migrate } from './migrations.js';
import { postgresNotify } from './notify.js';
import { postgresAudit, postgresRegistry } from './registry-audit.js';
import { postgresAccess, postgresClaims, postgresConfirmations, postgresDocuments } from './small.js';
import { postgresTransfer } from './transfer.js';

/**
 * The PostgreSQL backend (DATABASE_URL), through postgres.js: zero dependencies, queries as tagged
 * templates (every value a bound parameter), transactions that roll back on a throw, and reserved
 * connections for the advisory locks that must live as long as their holder. Two pools: queries,
 * and the connections that hold locks (so held locks never starve queries). The schema migrates
 * itself on open.
 */
const day = 24 * 60 * 60 * 1000;

export async function openPostgresStore(url: string, options: StoreOptions = {}): Promise<Store> {
  const where = describeDatabase(url);
  const now = options.now ?? (() => new Date());
  const settings = { onnotice: () => undefined, connect_timeout: 10, idle_timeout: 30, prepare: true } as const;
  const sql = postgres(url, { ...settings, max: 10 });
  const lockPool = postgres(url, { ...settings, max: 40 });
  const end = () => Promise.allSettled([sql.end({ timeout: 5 }), lockPool.end({ timeout: 5 })]);
  let presence: Awaited<ReturnType<typeof holdPresence>>;
  try {
    await migrate(sql, where);
    presence = await holdPresence(lockPool);
  } catch (error) {
    await end();
    if (error instanceof StorageError) throw error;
    throw new StorageError(where, `Cannot use the database ${where}: ${describeCause(error)}`, {
      hint: 'Check DATABASE_URL (postgres://user:password@host:5432/database) and that the server accepts connections.',
      cause: error,
    });
  }
  const journalBackend = postgresJournal(sql, presence.session, now, { host: hostname(), pid: process.pid });
  const registry = postgresRegistry(sql, now);
  const audit = postgresAudit(sql, now);
  const access = postgresAccess(sql);
  const links = postgresLinks(sql);
  const notify = postgresNotify(sql);
  const locks = postgresLocks(lockPool);
  const retentionMs = options.journalRetentionMs ?? 7 * day;
  await journalBackend.recoverInterrupted();
  let closed = false;
  return {
    backend: 'postgres',
    location: where,
    registry,
    audit,
    journal: createJournal(journalBackend, { now }),
    interactions: postgresClaims(sql, now),
    access,
    links,
    confirmations: postgresConfirmations(sql),
    notify,
    documents: postgresDocuments(sql, where),
    locks,
    transfer: postgresTransfer(sql, { registry, audit, journal: journalBackend, access, links, notify }),
    repairs: [],
    async maintain(): Promise<MaintenanceReport> {
      const at = now().getTime();
      const cutoff = (ms: number) => new Date(at - ms).toISOString();
      const interrupted = await journalBackend.recoverInterrupted();
      const removed = async (query: Promise<postgres.RowList<postgres.Row[]>>) => ({ removed: (await query).length });
      return {
        interrupted,
        compacted: {
          journal: { removed: await journalBackend.prune(cutoff(retentionMs)) },
          confirmations: await removed(
            sql`delete from confirmations where done_at < ${cutoff(confirmationRetentionMs)} returning id`,
          ),
          interactions: await removed(
            sql`delete from interaction_claims where claimed_at < ${cutoff(interactionClaimTtlMs)} returning id`,
          ),
          notify: { removed: await notify.prune(cutoff(sentRetentionMs)) },
        },
      };
    },
    async close() {
      if (closed) return;
      closed = true;
      await locks.releaseAll();
      await presence.release();
      await end();
    },
  };
}
