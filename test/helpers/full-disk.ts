import { join } from 'node:path';
import { auditEntrySchema, createAuditLog } from '../../src/storage/audit.js';
import { openJournal } from '../../src/storage/journal.js';
import { journalRecordSchema } from '../../src/storage/journal-records.js';
import { type JsonlLog, openJsonl } from '../../src/storage/jsonl.js';
import { openStore, type Store } from '../../src/storage/store.js';

function noSpace(): Error {
  return Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
}

/** The log, whose appends fail as a full disk's do while `full()`. */
function onFillingDisk<T>(log: JsonlLog<T>, full: () => boolean): JsonlLog<T> {
  return {
    get file() {
      return log.file;
    },
    get size() {
      return log.size;
    },
    append: (record) => (full() ? Promise.reject(noSpace()) : log.append(record)),
    settle: () => log.settle(),
    reverse: () => log.reverse(),
    scan: () => log.scan(),
    close: () => log.close(),
  };
}

/**
 * A real store in `dir` built from the storage factories, whose journal, audit log and customer
 * registry writes fail with ENOSPC while `full()` holds: a disk that fills up mid-run.
 */
export async function storeOnFillingDisk(dir: string, full: () => boolean, now: () => Date): Promise<Store> {
  const base = await openStore(join(dir, 'base'), { now });
  const journalLog = await openJsonl(join(dir, 'journal.jsonl'), journalRecordSchema);
  const auditLog = await openJsonl(join(dir, 'audit.jsonl'), auditEntrySchema);
  return {
    ...base,
    dataDir: dir,
    journal: await openJournal(onFillingDisk(journalLog, full), { now }),
    audit: createAuditLog(onFillingDisk(auditLog, full), now),
    registry: {
      ...base.registry,
      upsert: (input) => (full() ? Promise.reject(noSpace()) : base.registry.upsert(input)),
    },
    async close() {
      await journalLog.close();
      await auditLog.close();
      await base.close();
    },
  };
}
