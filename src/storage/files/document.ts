import { stat } from 'node:fs/promises';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import type * as z from 'zod';
import { type DeepReadonly, type DocumentHandle, formatIssues } from '../documents.js';
import { describeCause, restoreHint, StorageError } from '../errors.js';
import { acquireFileLock } from './file-lock.js';
import { syncFile } from './sync.js';

/**
 * One small JSON document in one file, shared by every process on the data directory.
 *
 * Reads: the file is read again whenever it changed on disk (another process wrote it), else
 * served from memory; validated with zod each time it is read. Writes: under the document's lock
 * the file is read again, the change applied to a copy, validated, and written through lowdb's
 * steno (write `.<name>.tmp`, rename over the file: a crash leaves the old or the new document,
 * never half of one), then fsynced with its directory. A rename makes a new inode, so a change by
 * another process is always seen. lowdb rewrites the whole file: keep documents small.
 */
export interface DocumentOptions {
  lockFile: string;
  fsync?: boolean;
}

interface Seen {
  ino: number;
  size: number;
  mtimeMs: number;
}

export async function openSharedDocument<T>(
  file: string,
  schema: z.ZodType<T>,
  defaults: T,
  options: DocumentOptions,
): Promise<DocumentHandle<T>> {
  const fsync = options.fsync ?? true;
  const low = new Low<unknown>(new JSONFile<unknown>(file), null);
  let current: T = schema.parse(structuredClone(defaults));
  let seen: Seen | undefined;
  let queue: Promise<unknown> = Promise.resolve();

  async function look(): Promise<Seen | undefined> {
    try {
      const info = await stat(file);
      return { ino: info.ino, size: info.size, mtimeMs: info.mtimeMs };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new StorageError(file, `Cannot read data file ${file}: ${describeCause(error)}`, { cause: error });
    }
  }

  /** Reads the file again if it changed since the last read; false when it does not exist. */
  async function load(): Promise<boolean> {
    const now = await look();
    if (!now) return false;
    if (seen && now.ino === seen.ino && now.size === seen.size && now.mtimeMs === seen.mtimeMs) return true;
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
    if (low.data === null || low.data === undefined) {
      throw new StorageError(file, `Data file ${file} holds no document (it is empty or null); refusing to use it.`, {
        hint: restoreHint(file),
      });
    }
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
    seen = now;
    return true;
  }

  async function write(next: T): Promise<void> {
    low.data = next;
    try {
      await low.write();
    } catch (error) {
      throw new StorageError(file, `Cannot write data file ${file}: ${describeCause(error)}`, { cause: error });
    }
    // Renamed into place: the file holds the new document even if the flush below fails.
    current = next;
    seen = await look();
    if (fsync) {
      try {
        await syncFile(file);
      } catch (error) {
        throw new StorageError(file, `Wrote ${file} but could not flush it to disk: ${describeCause(error)}`, {
          cause: error,
        });
      }
    }
  }

  function serialised<R>(work: () => Promise<R>): Promise<R> {
    const run = queue.then(async () => {
      const lock = await acquireFileLock(options.lockFile, { what: `The lock of ${file}` });
      try {
        return await work();
      } finally {
        await lock?.release();
      }
    });
    queue = run.catch(() => undefined);
    return run;
  }

  if (!(await load())) {
    await serialised(async () => {
      if (!(await load())) await write(current);
    });
  }

  return {
    async read() {
      await load();
      return current as DeepReadonly<T>;
    },
    update<R>(fn: (draft: T) => R): Promise<R> {
      return serialised(async () => {
        await load();
        const draft = structuredClone(current);
        const result = fn(draft);
        const parsed = schema.safeParse(draft);
        if (!parsed.success) {
          throw new StorageError(
            file,
            `Refusing to write ${file}: the change would make it invalid: ${formatIssues(parsed.error)}.`,
          );
        }
        await write(parsed.data);
        return result;
      });
    },
  };
}
