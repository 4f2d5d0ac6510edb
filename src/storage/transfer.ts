import * as z from 'zod';
import { grantSchema } from './access.js';
import { auditEntrySchema } from './audit.js';
import { pendingConfirmationSchema } from './confirmations.js';
import { journalRecordSchema } from './journal-records.js';
import { linkSchema } from './links.js';
import { notifyStateSchema, outboxEntrySchema } from './notify.js';
import { customerRecordSchema } from './registry.js';

/**
 * What `resellerops data export` writes and `data import` reads: one JSON object per line, a header
 * first, then every item of every feature. Nothing secret is in it (nothing secret is stored).
 */
export const exportHeaderSchema = z.object({
  format: z.literal('resellerops-data'),
  version: z.literal(1),
  exportedAt: z.string(),
  from: z.enum(['files', 'postgres']),
});
export type ExportHeader = z.infer<typeof exportHeaderSchema>;

export const exportItemSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('customer'), value: customerRecordSchema }),
  z.object({ kind: z.literal('audit'), value: auditEntrySchema }),
  /** Each operation's records in order (started, then how it ended, then its resolution). */
  z.object({ kind: z.literal('journal'), value: journalRecordSchema }),
  z.object({ kind: z.literal('grant'), value: grantSchema }),
  z.object({ kind: z.literal('link'), value: linkSchema }),
  z.object({ kind: z.literal('confirmation'), value: pendingConfirmationSchema }),
  z.object({
    kind: z.literal('document'),
    value: z.object({ name: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/i), body: z.json() }),
  }),
  z.object({ kind: z.literal('notify-state'), value: notifyStateSchema }),
  z.object({ kind: z.literal('outbox'), value: outboxEntrySchema }),
]);
export type ExportItem = z.infer<typeof exportItemSchema>;
export type ExportKind = ExportItem['kind'];

/** Each backend's side of export and import. */
export interface StoreTransfer {
  /** True when nothing at all is stored. */
  isEmpty(): Promise<boolean>;
  /** Every item, feature by feature (audit oldest first). */
  dump(): AsyncGenerator<ExportItem>;
  /** Removes everything stored. */
  clear(): Promise<void>;
  /** Stores a batch of items (already validated), in the order given. */
  load(items: readonly ExportItem[]): Promise<void>;
}
