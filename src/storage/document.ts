import { open, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import type { z } from 'zod';
import { describeCause, restoreHint, StorageError } from './errors.js';

/**
 * One JSON document in one file, read once on open and validated with zod, then kept in memory.
 *
 * Writes: lowdb's `JSONFile` writes through steno, which writes `.<name>.tmp` next to the file and
 * renames it over the file, so a crash at any point leaves either the old or the new document,
 * never half of one. steno does not fsync; after each write we fsync the file and its directory so
 * that an `update()` that resolved survives a power cut too. lowdb rewrites the whole file on every
 * write: keep growing history out of documents (see jsonl.ts).
 */
export type DeepReadonly<T> = T extends (infer U)[]
  ? readonly DeepReadonly<U>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

export interface StoredDocument<T> {
  readonly file: string;
  /** The current document. Never mutate it: change it through `update`. */
  read(): DeepReadonly<T>;
  /**
   * Serialised read-modify-write: `fn` gets a private copy to change (and may return a value); the
   * result is validated, written atomically, and only then becomes what `read()` returns. If `fn`
   * throws, validation fails or the write fails, nothing changes.
   */
  update<R>(fn: (draft: T) => R): Promise<R>;
  /** Resolves once every update asked for so far has finished (written or failed). */
  idle(): Promise<void>;
}

export interface DocumentOptions {
  /** fsync the file and its directory after every write (default true). */
  fsync?: boolean;
}

export async function openDocument<T>(
  file: string,
  schema: z.ZodType<T>,
  defaults: T,
  options: DocumentOptions = {},
): Promise<StoredDocument<T>> {
  const fsyncWrites = options.fsync ?? true;
  const exists = await fileExists(file);
  const low = new Low<unknown>(new JSONFile<unknown>(file), null);
  try {
    await low.read();
  } catch (error) {
    if (error instanceof SyntaxError) {
      throw new StorageError(file, `Data file ${file} is not valid JSON (${error.message}); refusing to use it.`, {
        hint: restoreHint(file),
        cause: error,
      });
    }
    throw new StorageError(file, `Cannot read data file ${file}: ${describeCause(error)}`, { cause: error });
  }
  // lowdb keeps its default when the file holds a falsy value (`null`, `0`, `""`): treat that as corrupt.
  if (exists && (low.data === null || low.data === undefined)) {
    throw new StorageError(file, `Data file ${file} holds no document (it is empty or null); refusing to use it.`, {
      hint: restoreHint(file),
    });
  }
  let current: T;
  if (exists) {
    const parsed = schema.safeParse(low.data);
    if (!parsed.success) {
      throw new StorageError(
        file,
        `Data file ${file} does not have the expected shape: ${formatIssues(parsed.error)}.`,
        {
          hint: restoreHint(file),
        },
      );
    }
    current = parsed.data;
  } else {
    current = schema.parse(structuredClone(defaults));
    low.data = current;
    await low.write();
    if (fsyncWrites) await syncFile(file);
  }

  let queue: Promise<unknown> = Promise.resolve();

  async function apply<R>(fn: (draft: T) => R): Promise<R> {
    const draft = structuredClone(current);
    const result = fn(draft);
    const parsed = schema.safeParse(draft);
    if (!parsed.success) {
      throw new StorageError(
        file,
        `Refusing to write ${file}: the change would make it invalid: ${formatIssues(parsed.error)}.`,
      );
    }
    low.data = parsed.data;
    try {
      await low.write();
    } catch (error) {
      throw new StorageError(file, `Cannot write data file ${file}: ${describeCause(error)}`, { cause: error });
    }
    // Renamed into place: the file holds the new document even if the flush below fails.
    current = parsed.data;
    if (fsyncWrites) {
      try {
        await syncFile(file);
      } catch (error) {
        throw new StorageError(file, `Wrote ${file} but could not flush it to disk: ${describeCause(error)}`, {
          cause: error,
        });
      }
    }
    return result;
  }

  return {
    file,
    read: () => current as DeepReadonly<T>,
    update<R>(fn: (draft: T) => R): Promise<R> {
      const run = queue.then(() => apply(fn));
      queue = run.catch(() => undefined);
      return run;
    },
    idle: () => queue.then(() => undefined),
  };
}

export function formatIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
}

async function fileExists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw new StorageError(file, `Cannot read data file ${file}: ${describeCause(error)}`, { cause: error });
  }
}

/** fsync a file, then its directory (so the rename that put it there is durable too). */
export async function syncFile(file: string): Promise<void> {
  const handle = await open(file, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
  await syncDir(dirname(file));
}

export async function syncDir(dir: string): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch (error) {
    // Some platforms (Windows) cannot open or fsync a directory; the rename is still atomic there.
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EINVAL') throw error;
  } finally {
    await handle?.close();
  }
}
