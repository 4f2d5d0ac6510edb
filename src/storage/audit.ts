import * as z from 'zod';
import { actorSchema } from './registry.js';
import { scrubSecrets } from './scrub.js';

// The schemas below are built when first used (z.lazy): a command that reads none of these records
// (a terminal `/help`) does not build them at start-up.

/**
 * The audit log: every change, who asked (actor), where (platform), what (command, provider,
 * target), the result and when. Append-only, so writing costs the same at 10 entries or at a
 * million. It never holds secrets: every entry is scrubbed before it is written.
 */
/** `not_applied`: a change whose outcome was unknown, settled later as not having happened. */
export const auditResults = ['ok', 'error', 'denied', 'outcome_unknown', 'not_applied'] as const;

export const auditEntrySchema = z.lazy(() =>
  z.object({
    actor: actorSchema,
    platform: z.string().min(1),
    command: z.string().min(1),
    provider: z.string().optional(),
    target: z.string().optional(),
    result: z.enum(auditResults),
    errorCode: z.string().optional(),
    summary: z.string().optional(),
    details: z.record(z.string(), z.unknown()).optional(),
    at: z.string(),
  }),
);

export type AuditEntry = z.infer<typeof auditEntrySchema>;
export type AuditInput = Omit<AuditEntry, 'at'> & { at?: string };

export interface AuditQuery {
  /** The actor's chat user id. */
  actorId?: string;
  /** The actor's id or name as the audit shows it (`root`, `alice`), any case. */
  actorName?: string;
  platform?: string;
  provider?: string;
  target?: string;
  /** At most this many entries (default 20). */
  limit?: number;
}

export interface AuditLog {
  /**
   * Scrubs and appends one entry; returns what was written. `secrets` are values the caller knows
   * to be secret (a new password, say): they are replaced by *** wherever they appear.
   */
  append(entry: AuditInput, options?: { secrets?: readonly string[] }): Promise<AuditEntry>;
  /** Newest first, stopping once `limit` entries matched. */
  recent(query?: AuditQuery): Promise<AuditEntry[]>;
}

/** What an append writes: scrubbed, stamped, validated. */
export function auditLine(entry: AuditInput, now: () => Date, secrets?: readonly string[]): AuditEntry {
  const { value } = scrubSecrets({ ...entry, at: entry.at ?? now().toISOString() }, secrets);
  return auditEntrySchema.parse(value);
}

function namedAs(actor: AuditEntry['actor'], name: string): boolean {
  const wanted = name.toLowerCase();
  return actor.userId.toLowerCase() === wanted || actor.name?.toLowerCase() === wanted;
}

export function matchesAudit(entry: AuditEntry, query: AuditQuery): boolean {
  if (query.actorId !== undefined && entry.actor.userId !== query.actorId) return false;
  if (query.actorName !== undefined && !namedAs(entry.actor, query.actorName)) return false;
  if (query.platform !== undefined && entry.platform !== query.platform) return false;
  if (query.provider !== undefined && entry.provider !== query.provider) return false;
  if (query.target !== undefined && entry.target?.toLowerCase() !== query.target.toLowerCase()) return false;
  return true;
}
