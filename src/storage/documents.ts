import type * as z from 'zod';
import { StorageError } from './errors.js';

/**
 * Small validated documents for features that need a few settings and no queries of their own
 * (alert rules and channels, the notifier's per-customer memory, customer settings). Each is
 * read whole and changed whole, atomically across every process on the store.
 */
export type DeepReadonly<T> = T extends (infer U)[]
  ? readonly DeepReadonly<U>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

export interface DocumentHandle<T> {
  /** The document as stored now (another process's change included). Never mutate it. */
  read(): Promise<DeepReadonly<T>>;
  /**
   * Read-modify-write, atomic across processes: `fn` gets a private copy of the current document to
   * change (and may return a value); the result is validated and stored. If `fn` throws or the result
   * is invalid, nothing changes.
   */
  update<R>(fn: (draft: T) => R): Promise<R>;
}

export interface Documents {
  /** The document `name`, created from `defaults` when it does not exist yet. */
  open<T>(name: string, schema: z.ZodType<T>, defaults: T): Promise<DocumentHandle<T>>;
}

/** Names the features' own stores use; a document may not take them. */
const reservedNames = new Set([
  'registry',
  'audit',
  'journal',
  'access',
  'confirmations',
  'interactions',
  'notify',
  'links',
]);

export function checkDocumentName(name: string): void {
  if (!/^[a-z0-9][a-z0-9_-]{0,63}$/i.test(name) || reservedNames.has(name)) {
    throw new StorageError(
      name,
      `'${name}' is not a usable document name (letters, digits, _ and -; not ${[...reservedNames].join('/')}).`,
    );
  }
}

export function formatIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
}
