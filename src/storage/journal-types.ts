import type { ErrorCode } from '../errors.js';
import type { JournalEntry, JournalOwner, JournalRecord, Resolution } from './journal-records.js';

/** The operation journal's API (journal.ts), and what each backend implements under it. */
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
  | { state: 'blocked'; entry: JournalEntry }
  /** Another change to this provider+target is running in another process that still runs. */
  | { state: 'busy'; entry: JournalEntry };

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
  get(id: string): Promise<JournalEntry | undefined>;
  findByInteraction(interactionId: string): Promise<JournalEntry | undefined>;
  /** outcome_unknown entries not yet resolved, oldest first. */
  unresolved(provider?: string, target?: string): Promise<JournalEntry[]>;
  /**
   * Every entry started at or after `at` (ISO), whatever its status, oldest first: what was asked
   * of a provider since then (spend per day). Settled entries older than the retention are gone.
   */
  startedSince(at: string, provider?: string): Promise<JournalEntry[]>;
  /** Keeps a change's secret result in this process's memory only (never stored) until `releaseSecret`. */
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
  }): Promise<JournalEntry | undefined>;
}

export type StartedRecord = Extract<JournalRecord, { t: 'started' }>;
export type TransitionRecord = Exclude<JournalRecord, { t: 'started' }>;

/** The atomic parts, per backend. */
export interface JournalBackend {
  /** Who this process is, as recorded on the entries it starts. */
  owner(): JournalOwner;
  /**
   * Atomically: an entry already recorded for this interaction id decides (replay, in progress,
   * blocked); else a running change on the target from another process makes it `busy`; else an
   * unresolved unknown on the target blocks; else `record` is stored.
   */
  begin(record: StartedRecord): Promise<BeginResult>;
  /**
   * Atomically: stores the transition if the entry's current state passes `from`. `keepOnFailure`:
   * when storing fails, this process still acts on it (the record states what the upstream call did).
   */
  transition(
    record: TransitionRecord,
    from: (entry: JournalEntry) => boolean,
    keepOnFailure: boolean,
  ): Promise<JournalEntry>;
  get(id: string): Promise<JournalEntry | undefined>;
  findByInteraction(interactionId: string): Promise<JournalEntry | undefined>;
  unresolved(provider?: string, target?: string): Promise<JournalEntry[]>;
  startedSince(at: string, provider?: string): Promise<JournalEntry[]>;
  /** Operations started by processes that no longer run become outcome_unknown (interrupted). */
  recoverInterrupted(): Promise<number>;
}

export interface JournalOptions {
  now?: () => Date;
  /** Settled entries older than this are forgotten (default 7 days); unresolved ones stay. */
  retentionMs?: number;
  /** How long a secret whose answer never arrived stays held in memory (default 1 hour). */
  secretHoldMs?: number;
}

export const interruptedMessage =
  'The process stopped while this operation was in progress; it may or may not have gone through.';
