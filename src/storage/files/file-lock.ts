import { randomUUID } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { LockBusyError, StorageError } from '../errors.js';
import { describeProcess, isRunning, type ProcessRef, thisProcess } from './process-identity.js';

/**
 * A lock shared by every process on one data directory: a file that exists while someone holds it.
 *
 * - Taken atomically, content included: the holder's identity is written to a private temporary
 *   file that is then hard-linked to the lock's name. `link` fails when the name exists, and a lock
 *   is never seen empty or half-written (the flaw of create-then-write).
 * - A lock whose holder no longer runs (see process-identity.ts: pid, start time, boot) is broken;
 *   a running holder's lock never is, however long it is held. Breaking is itself serialised by a
 *   second lock (`<name>.break`) under which the breaker reads the lock again and removes it only if
 *   it still names the same dead holder. Only a breaker or the holder ever removes a lock, so between
 *   that second read and the removal nobody can have put a fresh lock there. (Removing a lock judged
 *   stale without that guard is how two processes came to hold one lock: proper-lockfile#121.)
 */
export interface HeldLock {
  readonly file: string;
  /** Whether the lock file still names this holder. */
  stillHeld(): Promise<boolean>;
  release(): Promise<void>;
}

export interface LockOptions {
  /** How long to wait for a running holder; 0: give up at once (returns undefined). Default 30 s. */
  waitMs?: number;
  /** Named in the error when the wait runs out. */
  what?: string;
}

interface LockContent extends ProcessRef {
  token: string;
  since: string;
}

const maxBreakDepth = 3;

export async function acquireFileLock(file: string, options: LockOptions = {}): Promise<HeldLock | undefined> {
  return acquire(file, options.waitMs ?? 30_000, options.what ?? file, 0);
}

async function acquire(file: string, waitMs: number, what: string, depth: number): Promise<HeldLock | undefined> {
  const content: LockContent = { ...thisProcess(), token: randomUUID(), since: new Date().toISOString() };
  const deadline = Date.now() + waitMs;
  let pause = 1;
  for (;;) {
    if (await tryCreate(file, content)) return held(file, content.token);
    const holder = await readLock(file);
    if (holder === 'gone') continue;
    if (holder === 'unreadable' || !isRunning(holder)) {
      await breakDead(file, holder === 'unreadable' ? undefined : holder.token, depth);
      continue;
    }
    if (Date.now() >= deadline) {
      if (waitMs === 0) return undefined;
      throw new LockBusyError(
        file,
        `${what} is held by another resellerops process (${describeProcess(holder)}, since ${holder.since}) and was not released within ${Math.round(waitMs / 1000)} s.`,
      );
    }
    await sleep(Math.min(pause, Math.max(1, deadline - Date.now())));
    pause = Math.min(50, pause * 2);
  }
}

async function tryCreate(file: string, content: LockContent): Promise<boolean> {
  const temporary = `${file}.${content.token}.tmp`;
  try {
    await writeFile(temporary, `${JSON.stringify(content)}\n`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw cannot(file, error);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(temporary, `${JSON.stringify(content)}\n`);
  }
  try {
    await link(temporary, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw cannot(file, error);
  } finally {
    await unlink(temporary).catch(() => undefined);
  }
}

async function readLock(file: string): Promise<LockContent | 'gone' | 'unreadable'> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    throw cannot(file, error);
  }
  try {
    const parsed = JSON.parse(text) as Partial<LockContent>;
    if (typeof parsed.pid === 'number' && typeof parsed.host === 'string' && typeof parsed.token === 'string') {
      return parsed as LockContent;
    }
  } catch {
    // only a power cut between link and flush leaves this: nobody can hold it since
  }
  return 'unreadable';
}

/** Removes `file` if it still holds `token` (undefined: still unreadable), under `<file>.break`. */
async function breakDead(file: string, token: string | undefined, depth: number): Promise<void> {
  if (depth >= maxBreakDepth) {
    throw new StorageError(file, `Cannot break the stale lock ${file}: its break locks are stale too.`, {
      hint: `No resellerops process should be running on this data directory now; remove ${file}* by hand.`,
    });
  }
  const guard = await acquire(`${file}.break`, 5_000, `${file}.break`, depth + 1);
  try {
    const again = await readLock(file);
    const same = again === 'unreadable' ? token === undefined : again !== 'gone' && again.token === token;
    if (same) await unlink(file).catch(() => undefined);
  } finally {
    await guard?.release();
  }
}

function held(file: string, token: string): HeldLock {
  let released = false;
  return {
    file,
    async stillHeld() {
      const now = await readLock(file);
      return !released && now !== 'gone' && now !== 'unreadable' && now.token === token;
    },
    async release() {
      if (released) return;
      released = true;
      const now = await readLock(file);
      if (now !== 'gone' && now !== 'unreadable' && now.token === token) await unlink(file).catch(() => undefined);
    },
  };
}

function cannot(file: string, error: unknown): StorageError {
  return new StorageError(file, `Cannot take the lock ${file}: ${(error as Error).message}`, { cause: error });
}
