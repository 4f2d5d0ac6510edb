import { type AuditEntry, type AuditLog, auditEntrySchema, auditLine, matchesAudit } from '../audit.js';
import { type LogFileOptions, SharedLog } from './shared-log.js';

/** The audit log in `audit.jsonl`: appended under its lock, read backwards from the end. */
export interface FileAudit extends AuditLog {
  /** Oldest first (export). */
  all(): AsyncGenerator<AuditEntry>;
  load(entries: readonly AuditEntry[]): Promise<void>;
  clear(): Promise<void>;
  close(): Promise<void>;
}

export async function openFileAudit(file: string, options: LogFileOptions): Promise<FileAudit> {
  const log = await SharedLog.open(file, {
    schema: auditEntrySchema,
    lockFile: options.lockFile,
    fsync: options.fsync,
    ...(options.failWrite ? { failWrite: options.failWrite } : {}),
    onRepair: options.onRepair,
  });
  return {
    async append(entry, opts = {}) {
      const line = auditLine(entry, options.now, opts.secrets);
      await log.locked((append) => append(line));
      return line;
    },
    async recent(query = {}) {
      const limit = query.limit ?? 20;
      const out: AuditEntry[] = [];
      if (limit <= 0) return out;
      for await (const entry of log.reverse()) {
        if (!matchesAudit(entry, query)) continue;
        out.push(entry);
        if (out.length >= limit) break;
      }
      return out;
    },
    all: () => log.scan(),
    load: (entries) => log.locked((append) => append(...entries)),
    clear: () => log.rewrite(() => []),
    close: () => log.close(),
  };
}
