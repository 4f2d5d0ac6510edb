import { readFile, rename } from 'node:fs/promises';
import * as z from 'zod';
import { StorageError } from '../errors.js';
import {
  type CustomerRecord,
  compareCustomers,
  customerKey,
  customerRecordSchema,
  matchesFilter,
  type Registry,
  upserted,
} from '../registry.js';
import { type LogFileOptions, SharedLog } from './shared-log.js';

// The schemas below are built when first used (z.lazy): a command that reads none of these records
// (a terminal `/help`) does not build them at start-up.

/**
 * The registry in `registry.jsonl`: one line per create/change (`put`) or delete (`del`), folded
 * into a map in memory. A change appends one line whatever the registry's size, so creating a
 * customer costs the same at 100k customers as at 1k; compaction (maintenance) rewrites the file as
 * one `put` per live customer. A `registry.json` from before is converted once.
 */
const lineSchema = z.lazy(() =>
  z.discriminatedUnion('op', [
    z.object({ op: z.literal('put'), record: customerRecordSchema }),
    z.object({ op: z.literal('del'), provider: z.string().min(1), username: z.string().min(1), at: z.string() }),
  ]),
);
type Line = z.infer<typeof lineSchema>;

export interface FileRegistry extends Registry {
  compact(): Promise<{ before: number; after: number }>;
  /** Lines in the file per live customer (compaction is worth it above 2). */
  bloat(): number;
  all(): Promise<CustomerRecord[]>;
  load(records: readonly CustomerRecord[]): Promise<void>;
  clear(): Promise<void>;
  close(): Promise<void>;
}

export async function openFileRegistry(
  file: string,
  options: LogFileOptions & { legacyFile: string },
): Promise<FileRegistry> {
  const records = new Map<string, CustomerRecord>();
  let lines = 0;
  const apply = (line: Line) => {
    lines++;
    if (line.op === 'put') records.set(customerKey(line.record.provider, line.record.username), line.record);
    else records.delete(customerKey(line.provider, line.username));
  };
  const log = await SharedLog.open(file, {
    schema: lineSchema,
    lockFile: options.lockFile,
    fsync: options.fsync,
    ...(options.failWrite ? { failWrite: options.failWrite } : {}),
    apply,
    reset: () => {
      records.clear();
      lines = 0;
    },
    onRepair: options.onRepair,
  });
  await convertLegacy(options.legacyFile, log, records);

  const registry: FileRegistry = {
    async get(provider, username) {
      await log.refresh();
      const found = records.get(customerKey(provider, username));
      return found && structuredClone(found);
    },
    async list(filter = {}) {
      await log.refresh();
      const found: CustomerRecord[] = [];
      for (const record of records.values()) if (matchesFilter(record, filter)) found.push(record);
      found.sort(compareCustomers);
      const limited = filter.limit === undefined ? found : found.slice(0, Math.max(0, filter.limit));
      return limited.map((record) => structuredClone(record));
    },
    upsert(input) {
      return log.locked(async (append) => {
        const existing = records.get(customerKey(input.provider, input.username));
        const record = upserted(existing, input, options.now().toISOString());
        await append({ op: 'put', record });
        return { record: structuredClone(record), created: existing === undefined };
      });
    },
    remove(provider, username) {
      return log.locked(async (append) => {
        const existing = records.get(customerKey(provider, username));
        if (!existing) return false;
        await append({ op: 'del', provider, username: existing.username, at: options.now().toISOString() });
        return true;
      });
    },
    async count(provider) {
      await log.refresh();
      if (provider === undefined) return records.size;
      let n = 0;
      for (const record of records.values()) if (record.provider === provider) n++;
      return n;
    },
    bloat: () => (records.size === 0 ? lines : lines / records.size),
    async compact() {
      const before = log.size;
      await log.rewrite(() => {
        lines = records.size;
        return [...records.values()].map((record) => ({ op: 'put' as const, record }));
      });
      return { before, after: log.size };
    },
    async all() {
      await log.refresh();
      return [...records.values()].map((record) => structuredClone(record));
    },
    load(loaded) {
      return log.locked((append) => append(...loaded.map((record) => ({ op: 'put' as const, record }))));
    },
    clear: () =>
      log.rewrite(() => {
        records.clear();
        lines = 0;
        return [];
      }),
    close: () => log.close(),
  };
  return registry;
}

/** A `registry.json` document from a version before the log: its customers become `put` lines, once. */
async function convertLegacy(legacy: string, log: SharedLog<Line>, records: Map<string, CustomerRecord>) {
  let text: string;
  try {
    text = await readFile(legacy, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  const parsed = z.object({ customers: z.array(customerRecordSchema) }).safeParse(safeJson(text));
  if (!parsed.success) {
    throw new StorageError(legacy, `Data file ${legacy} is not a registry this version can read; refusing to use it.`, {
      hint: `Move it aside (mv '${legacy}' '${legacy}.bad') to start without it.`,
    });
  }
  await log.locked(async (append) => {
    const fresh = parsed.data.customers.filter((r) => !records.has(customerKey(r.provider, r.username)));
    await append(...fresh.map((record) => ({ op: 'put' as const, record })));
    await rename(legacy, `${legacy}.converted`).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error; // another process converted it meanwhile
    });
  });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
