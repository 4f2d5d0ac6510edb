import * as z from 'zod';
import { type ErrorCode, errorCodes } from '../errors.js';
import { actorSchema } from './registry.js';

// The schemas below are built when first used (z.lazy): a command that reads none of these records
// (a terminal `/help`) does not build them at start-up.

/**
 * The operation journal's file format: one JSON line per state transition of an operation.
 * started → succeeded | failed | unknown; unknown → resolved. Nothing here is ever rewritten.
 */

/** A code written by a newer version that this one does not know reads back as `internal`. */
const errorCodeSchema = z.lazy(() =>
  z
    .string()
    .transform(
      (code): ErrorCode => ((errorCodes as readonly string[]).includes(code) ? (code as ErrorCode) : 'internal'),
    ),
);

const jsonObject = z.lazy(() => z.record(z.string(), z.unknown()));

/** The process that started an operation, to tell later whether it still runs (files) or which session (PostgreSQL). */
export const journalOwnerSchema = z.lazy(() =>
  z.object({
    host: z.string(),
    pid: z.number().int(),
    start: z.string().optional(),
    boot: z.string().optional(),
    ns: z.string().optional(),
    session: z.string().optional(),
  }),
);
export type JournalOwner = z.infer<typeof journalOwnerSchema>;

export const journalRecordSchema = z.lazy(() =>
  z.discriminatedUnion('t', [
    z.object({
      t: z.literal('started'),
      id: z.string().min(1),
      interactionId: z.string().min(1),
      kind: z.string().min(1),
      provider: z.string().min(1),
      target: z.string(),
      actor: actorSchema,
      params: jsonObject,
      at: z.string(),
      /**
       * The latest moment the upstream request could still take effect if it is sent at once: `at` plus
       * the request timeout and the vendor's documented delay in applying it. Lines written before this
       * field existed have none.
       */
      landsBy: z.string().optional(),
      /** Lines written before several processes could share a journal have none. */
      owner: journalOwnerSchema.optional(),
    }),
    z.object({
      t: z.literal('succeeded'),
      id: z.string().min(1),
      result: jsonObject,
      secretsRemoved: z.boolean(),
      at: z.string(),
    }),
    z.object({
      t: z.literal('failed'),
      id: z.string().min(1),
      error: z.object({ code: errorCodeSchema, message: z.string() }),
      at: z.string(),
    }),
    z.object({
      t: z.literal('unknown'),
      id: z.string().min(1),
      message: z.string(),
      /** Written on open for an operation the process never finished (it stopped mid-call). */
      interrupted: z.boolean().optional(),
      at: z.string(),
    }),
    z.object({
      t: z.literal('resolved'),
      id: z.string().min(1),
      outcome: z.enum(['applied', 'not_applied']),
      note: z.string(),
      at: z.string(),
    }),
  ]),
);

export type JournalRecord = z.infer<typeof journalRecordSchema>;
export type JournalRecordInput = z.input<typeof journalRecordSchema>;

export type JournalStatus = 'started' | 'succeeded' | 'failed' | 'outcome_unknown';
export type Resolution = 'applied' | 'not_applied';

/** One operation as it stands, folded from its records. */
export interface JournalEntry {
  /** Short id for people and for `succeed`/`fail`/`unknown`/`resolve`. */
  id: string;
  interactionId: string;
  kind: string;
  provider: string;
  target: string;
  actor: z.infer<typeof actorSchema>;
  /** What was asked, without secrets. */
  params: Record<string, unknown>;
  status: JournalStatus;
  /** When it started. */
  at: string;
  /** From the `started` record: when the request may last land if sent at once (absent on old lines). */
  landsBy?: string;
  /** Which process started it (absent on old lines). */
  owner?: JournalOwner;
  finishedAt?: string;
  /** For `succeeded`: the result without secrets. */
  result?: Record<string, unknown>;
  /** Something secret was removed from `result` (it was shown once, when it happened). */
  secretsRemoved?: boolean;
  error?: { code: ErrorCode; message: string };
  /** For `outcome_unknown`: why. */
  unknown?: { message: string; interrupted: boolean; at: string };
  /** For `outcome_unknown`, once read back from the provider. */
  resolution?: { outcome: Resolution; note: string; at: string };
}

/** The entry a `started` record opens (explicit fields: faster than a rest spread on big journals). */
export function startedEntry(record: Extract<JournalRecord, { t: 'started' }>): JournalEntry {
  return {
    id: record.id,
    interactionId: record.interactionId,
    kind: record.kind,
    provider: record.provider,
    target: record.target,
    actor: record.actor,
    params: record.params,
    status: 'started',
    at: record.at,
    ...(record.landsBy !== undefined ? { landsBy: record.landsBy } : {}),
    ...(record.owner !== undefined ? { owner: record.owner } : {}),
  };
}

export function isSettled(entry: JournalEntry): boolean {
  return entry.status === 'succeeded' || entry.status === 'failed' || entry.resolution !== undefined;
}

/** When it last changed, for pruning. */
export function settledAt(entry: JournalEntry): string {
  return entry.resolution?.at ?? entry.finishedAt ?? entry.at;
}

/**
 * Fold one record into the entries; returns an error message when the record does not fit (an id
 * never started, started twice, or a transition from the wrong state).
 */
export function applyRecord(entries: Map<string, JournalEntry>, record: JournalRecord): string | undefined {
  if (record.t === 'started') {
    if (entries.has(record.id)) return `operation ${record.id} is started twice`;
    entries.set(record.id, startedEntry(record));
    return undefined;
  }
  const entry = entries.get(record.id);
  if (!entry) return `operation ${record.id} was never started`;
  switch (record.t) {
    case 'succeeded':
    case 'failed':
    case 'unknown':
      if (entry.status !== 'started') return `operation ${record.id} is already ${entry.status}`;
      entry.finishedAt = record.at;
      if (record.t === 'succeeded') {
        entry.status = 'succeeded';
        entry.result = record.result;
        entry.secretsRemoved = record.secretsRemoved;
      } else if (record.t === 'failed') {
        entry.status = 'failed';
        entry.error = record.error;
      } else {
        entry.status = 'outcome_unknown';
        entry.unknown = { message: record.message, interrupted: record.interrupted ?? false, at: record.at };
      }
      return undefined;
    case 'resolved':
      if (entry.status !== 'outcome_unknown' || entry.resolution)
        return `operation ${record.id} has no unknown outcome to resolve`;
      entry.resolution = { outcome: record.outcome, note: record.note, at: record.at };
      return undefined;
  }
}

/** The records that fold into `entry` (compaction and import write these). */
export function recordsOf(entry: JournalEntry): JournalRecord[] {
  const out: JournalRecord[] = [
    {
      t: 'started',
      id: entry.id,
      interactionId: entry.interactionId,
      kind: entry.kind,
      provider: entry.provider,
      target: entry.target,
      actor: entry.actor,
      params: entry.params,
      at: entry.at,
      ...(entry.landsBy !== undefined ? { landsBy: entry.landsBy } : {}),
      ...(entry.owner !== undefined ? { owner: entry.owner } : {}),
    },
  ];
  const at = entry.finishedAt ?? entry.at;
  if (entry.status === 'succeeded') {
    out.push({
      t: 'succeeded',
      id: entry.id,
      result: entry.result ?? {},
      secretsRemoved: entry.secretsRemoved ?? false,
      at,
    });
  } else if (entry.status === 'failed') {
    out.push({ t: 'failed', id: entry.id, error: entry.error ?? { code: 'internal', message: '' }, at });
  } else if (entry.status === 'outcome_unknown') {
    const unknown = entry.unknown ?? { message: '', interrupted: false, at };
    out.push({
      t: 'unknown',
      id: entry.id,
      message: unknown.message,
      ...(unknown.interrupted ? { interrupted: true } : {}),
      at: unknown.at,
    });
    if (entry.resolution) out.push({ t: 'resolved', id: entry.id, ...entry.resolution });
  }
  return out;
}
