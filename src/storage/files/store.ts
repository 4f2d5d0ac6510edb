import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type * as z from 'zod';
import { checkDocumentName, type DocumentHandle } from '../documents.js';
import { describeCause, StorageError } from '../errors.js';
import { createJournal } from '../journal.js';
import type { MaintenanceReport, Store, StoreOptions, StoreRepair } from '../store.js';
import { openFileAccess } from './access.js';
import { openFileAudit } from './audit.js';
import { openFileConfirmations } from './confirmations.js';
import { openSharedDocument } from './document.js';
import { openFileClaims } from './interactions.js';
import { openFileJournal } from './journal.js';
import { openFileLinks } from './links.js';
import { fileLocks } from './locks.js';
import { openFileNotify } from './notify.js';
import { sessionClosed, sessionOpened } from './process-identity.js';
import { openFileRegistry } from './registry.js';
import type { LogFileOptions } from './shared-log.js';
import { fileTransfer } from './transfer.js';

/**
 * The embedded backend: the data directory, shared by any number of processes.
 *   registry.jsonl, audit.jsonl, journal.jsonl, confirmations.jsonl, interactions.jsonl, notify.jsonl
 *                   append-only logs, each appended under its own lock (shared-log.ts)
 *   access.json, links.json, <name>.json   small lowdb documents (document.ts)
 *   .locks/         the lock files (file-lock.ts)
 */
const day = 24 * 60 * 60 * 1000;

type Closable = { close(): Promise<void> };

/** Waits for every part; each that opened is closed with the store (or at once if another failed). */
async function openAll<T extends readonly Promise<Closable>[]>(
  closers: Array<() => Promise<void>>,
  parts: T,
): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }> {
  const settled = await Promise.allSettled(parts);
  for (const part of settled) if (part.status === 'fulfilled') closers.push(() => part.value.close());
  const failed = settled.find((part) => part.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((part) => (part.status === 'fulfilled' ? part.value : undefined)) as {
    -readonly [K in keyof T]: Awaited<T[K]>;
  };
}

export async function openFileStore(dataDir: string, options: StoreOptions = {}): Promise<Store> {
  const dir = resolve(dataDir);
  const now = options.now ?? (() => new Date());
  const fsync = options.fsync ?? true;
  try {
    await mkdir(join(dir, '.locks'), { recursive: true });
  } catch (error) {
    throw new StorageError(dir, `Cannot create the data directory ${dir}: ${describeCause(error)}`, { cause: error });
  }
  const lockOf = (name: string) => join(dir, '.locks', `${name}.lock`);
  const repairs: StoreRepair[] = [];
  const onRepair = (repair: StoreRepair) => repairs.push(repair);
  const failWrite = options.failWrite;
  const session = randomUUID();
  sessionOpened(session);
  const closers: Array<() => Promise<void>> = [async () => sessionClosed(session)];
  const logFile = (name: string): LogFileOptions => ({ lockFile: lockOf(name), fsync, failWrite, now, onRepair });
  const journalRetentionMs = options.journalRetentionMs ?? 7 * day;
  try {
    // Each part has its own file and lock, so they open side by side: a one-shot command (a terminal
    // `/help`) waits for the slowest instead of for all of them in turn.
    const [registry, audit, journalBackend, claims, confirmations, notify] = await openAll(closers, [
      openFileRegistry(join(dir, 'registry.jsonl'), {
        ...logFile('registry'),
        legacyFile: join(dir, 'registry.json'),
      }),
      openFileAudit(join(dir, 'audit.jsonl'), logFile('audit')),
      openFileJournal(join(dir, 'journal.jsonl'), { ...logFile('journal'), retentionMs: journalRetentionMs, session }),
      openFileClaims(join(dir, 'interactions.jsonl'), { lockFile: lockOf('interactions'), now }),
      openFileConfirmations(join(dir, 'confirmations.jsonl'), logFile('confirmations')),
      openFileNotify(join(dir, 'notify.jsonl'), {
        ...logFile('notify'),
        legacyFile: join(dir, 'notify-state.json'),
        session,
      }),
    ] as const);
    await journalBackend.recoverInterrupted();
    const [access, links] = await Promise.all([
      openFileAccess(join(dir, 'access.json'), { lockFile: lockOf('access'), fsync }),
      openFileLinks(join(dir, 'links.json'), { lockFile: lockOf('links'), fsync }),
    ]);
    const documents = new Map<string, Promise<DocumentHandle<unknown>>>();
    const openDocument = async <T>(name: string, schema: z.ZodType<T>, defaults: T): Promise<DocumentHandle<T>> => {
      checkDocumentName(name);
      let doc = documents.get(name);
      if (!doc) {
        doc = openSharedDocument(join(dir, `${name}.json`), schema, defaults, {
          lockFile: lockOf(`doc-${name}`),
          fsync,
        }) as Promise<DocumentHandle<unknown>>;
        doc.catch(() => documents.delete(name));
        documents.set(name, doc);
      }
      return doc as Promise<DocumentHandle<T>>;
    };
    let closed = false;
    const locks = fileLocks(join(dir, '.locks'));
    closers.push(() => locks.releaseAll());
    const store: Store = {
      backend: 'files',
      location: dir,
      registry,
      audit,
      journal: createJournal(journalBackend, { now }),
      interactions: claims,
      access,
      links,
      confirmations,
      notify,
      documents: { open: openDocument },
      locks,
      transfer: fileTransfer({
        dir,
        registry,
        audit,
        journal: journalBackend,
        access,
        links,
        confirmations,
        notify,
        openDocument,
        fsync,
      }),
      repairs,
      async maintain(): Promise<MaintenanceReport> {
        const interrupted = await journalBackend.recoverInterrupted();
        const compacted: MaintenanceReport['compacted'] = {
          journal: await journalBackend.compact(),
          confirmations: await confirmations.compact(),
          interactions: await claims.compact(),
          notify: await notify.compact(),
        };
        if (registry.bloat() > 2) compacted.registry = await registry.compact();
        return { interrupted, compacted };
      },
      async close() {
        if (closed) return;
        closed = true;
        for (const close of closers.reverse()) await close();
      },
    };
    return store;
  } catch (error) {
    for (const close of closers.reverse()) await close().catch(() => undefined);
    throw error;
  }
}
