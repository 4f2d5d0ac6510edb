import type { ErrorCode } from '../errors.js';
import type { JournalEntry, Resolution } from './journal-records.js';

/** The operation journal's API (implemented in journal.ts). */
export interface BeginInput {
  /** The platform's id for the request (Discord interaction, Slack trigger, terminal run). */
  interactionId: string;
  /** `balance add`, `customer create`… */
  kind: string;
  provider: string;
  /** Usually the username; '' for provider-wide operations. Compared case-insensitively. */
  target: string;
  actor: { platform: string; userId: string; name?: string };
  params: Record<string, unknown>;
  /**
   * How long after it is sent the upstream request may still take effect (request timeout plus the
   * vendor's delay in applying it). Recorded as `landsBy`: a read-back before then cannot prove that
   * the change did not happen.
   */
  landsWithinMs?: number;
}

export type BeginResult =
  /** Recorded: now make the upstream call, then succeed/fail/unknown. */
  | { state: 'started'; entry: JournalEntry }
  /** This interaction id already finished (or was resolved): answer with what it recorded. */
  | { state: 'replay'; entry: JournalEntry }
  /** This interaction id is still running. */
  | { state: 'in_progress'; entry: JournalEntry }
  /** An unresolved outcome_unknown exists for this provider+target (maybe this very interaction): reconcile it first. */
  | { state: 'blocked'; entry: JournalEntry };

export interface SecretOptions {
  /** Values known to be secret: replaced by *** wherever they appear. */
  secrets?: readonly string[];
}

export interface Journal {
  begin(input: BeginInput, options?: SecretOptions): Promise<BeginResult>;
  succeed(id: string, result: Record<string, unknown>, options?: SecretOptions): Promise<JournalEntry>;
  fail(id: string, error: { code: ErrorCode; message: string }, options?: SecretOptions): Promise<JournalEntry>;
  unknown(id: string, info: { message: string }, options?: SecretOptions): Promise<JournalEntry>;
  /** After reading back from the provider: did the unknown operation take effect? */
  resolve(id: string, outcome: Resolution, note: string): Promise<JournalEntry>;
  get(id: string): JournalEntry | undefined;
  findByInteraction(interactionId: string): JournalEntry | undefined;
  /** outcome_unknown entries not yet resolved, oldest first. */
  unresolved(provider?: string, target?: string): JournalEntry[];
  /** Keeps a change's secret result in memory only (never on disk) until `releaseSecret`. */
  holdSecret(id: string, values: Record<string, string>): void;
  heldSecret(id: string): Record<string, string> | undefined;
  releaseSecret(id: string): void;
  /** The newest succeeded change of this kind on this target, asked by this user, whose secret is still held. */
  findHeld(query: {
    kind: string;
    provider: string;
    target: string;
    platform: string;
    userId: string;
  }): JournalEntry | undefined;
  /** Entries held in memory (for tests and diagnostics). */
  size(): number;
}

export interface JournalOptions {
  now?: () => Date;
  /** Settled entries older than this are dropped from memory (default 7 days); unresolved ones stay. */
  retentionMs?: number;
  /** How long a secret whose answer never arrived stays held in memory (default 1 hour). */
  secretHoldMs?: number;
}
