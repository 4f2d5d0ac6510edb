import type { AccessGrants } from './access.js';
import type { AuditLog } from './audit.js';
import type { ConfirmationStore } from './confirmations.js';
import type { Documents } from './documents.js';
import type { InteractionClaims } from './interactions.js';
import type { Journal } from './journal-types.js';
import type { CustomerLinks } from './links.js';
import type { Locks } from './locks.js';
import type { NotifyStore } from './notify.js';
import type { Registry } from './registry.js';
import type { StoreTransfer } from './transfer.js';

export type { AccessGrants, Grant, Grantee } from './access.js';
export type { AuditEntry, AuditInput, AuditLog, AuditQuery } from './audit.js';
export type { ConfirmationStore, PendingConfirmation } from './confirmations.js';
export type { DeepReadonly, DocumentHandle, Documents } from './documents.js';
export { LockBusyError, StorageError } from './errors.js';
export type { InteractionClaims } from './interactions.js';
export type { JournalEntry, JournalStatus, Resolution } from './journal-records.js';
export type { BeginInput, BeginResult, Journal } from './journal-types.js';
export type { CustomerLinks, Link, LinkedUser, LinkFilter, PutLinkResult } from './links.js';
export type { HeldLease, Locks } from './locks.js';
export type { NotifyState, NotifyStore, OutboxEntry, ProviderHealth } from './notify.js';
export type { ChatUser, CustomerFilter, CustomerRecord, Registry, UpsertCustomerInput } from './registry.js';

/**
 * Everything resellerops keeps, as the operations its features need. Two backends implement it
 * (files in DATA_DIR, PostgreSQL from DATABASE_URL) and one contract suite checks both. Every
 * operation is safe with any number of processes on the same store: what must happen once (an
 * interaction, a journal entry, a confirmation answer, a delivery) happens once.
 */
export interface Store {
  readonly backend: 'files' | 'postgres';
  /** The data directory, or the database without its password. */
  readonly location: string;
  readonly registry: Registry;
  readonly audit: AuditLog;
  readonly journal: Journal;
  readonly interactions: InteractionClaims;
  readonly access: AccessGrants;
  readonly links: CustomerLinks;
  readonly confirmations: ConfirmationStore;
  readonly notify: NotifyStore;
  readonly documents: Documents;
  readonly locks: Locks;
  readonly transfer: StoreTransfer;
  /** Damage found and repaired since opening (a crash's partial last line); worth a warning. */
  readonly repairs: readonly StoreRepair[];
  /**
   * Housekeeping, safe from any process at any time: changes left `started` by processes that no
   * longer run become outcome_unknown; old settled journal entries, answered confirmations, old
   * claims and sent alerts are compacted away.
   */
  maintain(): Promise<MaintenanceReport>;
  close(): Promise<void>;
}

export interface StoreRepair {
  file: string;
  offset: number;
  removedBytes: number;
}

export interface MaintenanceReport {
  interrupted: number;
  /** Per log (files: its size in bytes before and after) or table (PostgreSQL: rows removed). */
  compacted: Record<string, { before: number; after: number } | { removed: number }>;
}

export interface StoreOptions {
  now?: () => Date;
  /** fsync every file write (default true). Off only for throwaway stores. */
  fsync?: boolean;
  /** How long settled journal entries are kept (default 7 days). */
  journalRetentionMs?: number;
  /**
   * Files backend, for tests: called before each append to a log; an error returned fails that
   * write as the disk would (ENOSPC), through the real write path.
   */
  failWrite?: (file: string) => Error | undefined;
}
