import { randomUUID } from 'node:crypto';
import { readFileSync, unlinkSync } from 'node:fs';
import { readFile, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { StorageError } from './errors.js';

/**
 * One process per data directory (lowdb keeps the document in memory and rewrites it whole, so two
 * writers would undo each other). The lock is a file created exclusively, holding the owner's pid
 * and host; a lock left by a process that no longer runs on this host is taken over.
 */
export interface DirLock {
  readonly file: string;
  release(): Promise<void>;
}

interface LockInfo {
  pid: number;
  host: string;
  since: string;
  token: string;
}

export async function acquireLock(file: string, dataDir: string): Promise<DirLock> {
  const mine: LockInfo = { pid: process.pid, host: hostname(), since: new Date().toISOString(), token: randomUUID() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await writeFile(file, `${JSON.stringify(mine)}\n`, { flag: 'wx' });
      return held(file, mine.token);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new StorageError(file, `Cannot create the lock file ${file}: ${(error as Error).message}`, {
          cause: error,
        });
      }
    }
    const other = await readLock(file);
    if (other && isAlive(other)) {
      throw new StorageError(
        file,
        `The data directory ${dataDir} is in use by another resellerops process (pid ${other.pid} on ${other.host}, since ${other.since}).`,
        {
          hint:
            'Only one process may use a data directory. Stop the other one, or point DATA_DIR elsewhere. ' +
            `If you are sure no other process uses it, delete ${file}.`,
        },
      );
    }
    // Stale (its process is gone) or unreadable half-written lock: take it over.
    await unlink(file).catch(() => undefined);
  }
  throw new StorageError(file, `Could not take the lock ${file}: another process keeps creating it.`, {
    hint: 'Check for another resellerops process using the same DATA_DIR.',
  });
}

async function readLock(file: string): Promise<LockInfo | undefined> {
  try {
    const info = JSON.parse(await readFile(file, 'utf8')) as Partial<LockInfo>;
    if (typeof info.pid === 'number' && typeof info.host === 'string') {
      return { pid: info.pid, host: info.host, since: String(info.since ?? '?'), token: String(info.token ?? '') };
    }
  } catch {
    // unreadable or removed meanwhile: treated as stale
  }
  return undefined;
}

function isAlive(info: LockInfo): boolean {
  if (info.host !== hostname()) return true; // cannot check another host's processes: assume it runs
  if (info.pid === process.pid) return true; // this very process already opened the directory
  try {
    process.kill(info.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function held(file: string, token: string): DirLock {
  let released = false;
  const ours = (): boolean => {
    try {
      return readFileSync(file, 'utf8').includes(token);
    } catch {
      return false;
    }
  };
  // A clean exit without close() should not leave the lock behind.
  const onExit = (): void => {
    if (!released && ours()) {
      try {
        unlinkSync(file);
      } catch {
        // nothing more to do while exiting
      }
    }
  };
  process.once('exit', onExit);
  return {
    file,
    async release() {
      if (released) return;
      released = true;
      process.removeListener('exit', onExit);
      if (ours()) await unlink(file).catch(() => undefined);
    },
  };
}
