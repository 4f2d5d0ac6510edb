import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { z } from 'zod';
import { type AuditEntry, type AuditLog, auditEntrySchema, createAuditLog } from './audit.js';
import { openDocument as openDocumentFile, type StoredDocument } from './document.js';
import { describeCause, StorageError } from './errors.js';
import { type Journal, openJournal } from './journal.js';
import { journalRecordSchema } from './journal-records.js';
import { type JsonlLog, type JsonlRepair, openJsonl } from './jsonl.js';
import { acquireLock, type DirLock } from './lock.js';
import { createRegistry, emptyRegistry, type Registry, registryDocumentSchema } from './registry.js';

export type { AuditEntry, AuditInput, AuditLog, AuditQuery } from './audit.js';
export type { DeepReadonly, StoredDocument } from './document.js';
export { StorageError } from './errors.js';
export type { BeginInput, BeginResult, Journal, JournalEntry, JournalStatus, Resolution } from './journal.js';
export type { JsonlRepair } from './jsonl.js';
export type { ChatUser, CustomerFilter, CustomerRecord, Registry, UpsertCustomerInput } from './registry.js';

/**
 * The data directory, put together:
 *   registry.json   customer registry (lowdb document, rewritten on change)
 *   audit.jsonl     audit log (append-only)
 *   journal.jsonl   operation journal (append-only)
 *   <name>.json     documents of later features, through `openDocument`
 *   .lock           one process at a time
 */
export interface Store {
  readonly dataDir: string;
  readonly registry: Registry;
  readonly audit: AuditLog;
  readonly journal: Journal;
  /** Partial last lines cut from logs on open (a crash mid-append); worth a warning in the log. */
  readonly repairs: readonly JsonlRepair[];
  /** A validated document of its own for a later feature (roles, confirmations, alerts…): `<name>.json`. */
  openDocument<T>(name: string, schema: z.ZodType<T>, defaults: T): Promise<StoredDocument<T>>;
  close(): Promise<void>;
}

export interface StoreOptions {
  now?: () => Date;
  /** fsync every write (default true). Off only for throwaway stores. */
  fsync?: boolean;
  /** How long settled journal entries stay in memory (default 7 days). */
  journalRetentionMs?: number;
}

const reservedNames = new Set(['registry', 'audit', 'journal']);

export async function openStore(dataDir: string, options: StoreOptions = {}): Promise<Store> {
  const dir = resolve(dataDir);
  const now = options.now ?? (() => new Date());
  const fsync = options.fsync ?? true;
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    throw new StorageError(dir, `Cannot create the data directory ${dir}: ${describeCause(error)}`, { cause: error });
  }
  const lock: DirLock = await acquireLock(join(dir, '.lock'), dir);
  const repairs: JsonlRepair[] = [];
  const logs: JsonlLog<unknown>[] = [];
  try {
    const registryDoc = await openDocumentFile(join(dir, 'registry.json'), registryDocumentSchema, emptyRegistry, {
      fsync,
    });
    const auditLog: JsonlLog<AuditEntry> = await openJsonl(join(dir, 'audit.jsonl'), auditEntrySchema, {
      fsync,
      onRepair: (repair) => repairs.push(repair),
    });
    logs.push(auditLog);
    const journalLog = await openJsonl(join(dir, 'journal.jsonl'), journalRecordSchema, {
      fsync,
      onRepair: (repair) => repairs.push(repair),
    });
    logs.push(journalLog);
    const journal = await openJournal(journalLog, { now, retentionMs: options.journalRetentionMs });
    // Both logs were read and accepted: only now may a crash's partial last line be cut.
    for (const log of logs) await log.settle();

    const documents: StoredDocument<unknown>[] = [registryDoc as StoredDocument<unknown>];
    const openNames = new Set<string>();
    let closed = false;
    return {
      dataDir: dir,
      registry: createRegistry(registryDoc, now),
      audit: createAuditLog(auditLog, now),
      journal,
      repairs,
      async openDocument<T>(name: string, schema: z.ZodType<T>, defaults: T) {
        if (!/^[a-z0-9][a-z0-9_-]{0,63}$/i.test(name) || reservedNames.has(name)) {
          throw new StorageError(
            name,
            `'${name}' is not a usable document name (letters, digits, _ and -; not ${[...reservedNames].join('/')}).`,
          );
        }
        if (openNames.has(name)) throw new StorageError(name, `Document '${name}' is already open in this store.`);
        openNames.add(name);
        try {
          const doc = await openDocumentFile(join(dir, `${name}.json`), schema, defaults, { fsync });
          documents.push(doc as StoredDocument<unknown>);
          return doc;
        } catch (error) {
          openNames.delete(name);
          throw error;
        }
      },
      async close() {
        if (closed) return;
        closed = true;
        try {
          await Promise.all(documents.map((doc) => doc.idle()));
          await Promise.all(logs.map((log) => log.close()));
        } finally {
          await lock.release();
        }
      },
    };
  } catch (error) {
    await Promise.allSettled(logs.map((log) => log.close()));
    await lock.release();
    throw error;
  }
}
