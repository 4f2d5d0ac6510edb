import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireFileLock } from '../../../src/storage/files/file-lock.js';
import { thisProcess } from '../../../src/storage/files/process-identity.js';
import { useTempDirs } from '../tmp.js';

const racer = resolve(import.meta.dirname, 'lock-racer.ts');

function race(lock: string, record: string, processes: number, rounds: number): Promise<number[]> {
  return Promise.all(
    Array.from(
      { length: processes },
      () =>
        new Promise<number>((done, fail) => {
          const child = spawn(process.execPath, ['--import', 'tsx', racer, lock, record, String(rounds)], {
            stdio: ['ignore', 'ignore', 'inherit'],
          });
          child.on('error', fail);
          child.on('exit', (code) => done(code ?? -1));
        }),
    ),
  );
}

/** The most holders at once, read from the racers' enter/leave record. */
function mostAtOnce(record: string): number {
  let inside = 0;
  let most = 0;
  for (const line of record.trim().split('\n')) {
    inside += line.startsWith('enter') ? 1 : -1;
    most = Math.max(most, inside);
  }
  return most;
}

/**
 * Issue: the old lock created its file, then wrote it in a second step; a competitor reading it
 * empty deleted it, and 12 racing processes saw 2 and 5 holders at once.
 */
describe('the cross-process file lock', () => {
  const tempDir = useTempDirs();

  it('is held by one of 12 racing processes at a time, also when they all start by breaking a dead holder’s lock', {
    timeout: 120_000,
  }, async () => {
    const dir = await tempDir();
    const lock = join(dir, 'x.lock');
    const record = join(dir, 'record');
    await writeFile(record, '');
    // A lock left by a process that no longer runs (a pid far above any pid_max in use).
    await writeFile(lock, JSON.stringify({ host: hostname(), pid: 4_000_000, token: 'dead', since: 'long ago' }));
    expect(await race(lock, record, 12, 15)).toEqual(Array(12).fill(0));
    const text = await readFile(record, 'utf8');
    expect(text.split('\n').filter((l) => l.startsWith('enter'))).toHaveLength(180);
    expect(mostAtOnce(text)).toBe(1);
  });

  it('never breaks the lock of a process that still runs, however long it holds it', async () => {
    const lock = join(await tempDir(), 'y.lock');
    const held = await acquireFileLock(lock);
    await expect(acquireFileLock(lock, { waitMs: 100, what: 'The test lock' })).rejects.toThrow(
      new RegExp(`The test lock is held by another resellerops process \\(pid ${process.pid}`),
    );
    expect(await acquireFileLock(lock, { waitMs: 0 })).toBeUndefined();
    expect(await held?.stillHeld()).toBe(true);
    await held?.release();
    const next = await acquireFileLock(lock, { waitMs: 0 });
    expect(next).toBeDefined();
    await next?.release();
  });

  it('takes over a lock whose pid now belongs to another process (started later than the holder)', async () => {
    const lock = join(await tempDir(), 'z.lock');
    const me = thisProcess();
    // Our own pid, but with another start time: the process that wrote it is gone and the pid reused.
    await writeFile(lock, JSON.stringify({ ...me, session: undefined, start: '1', token: 'reused', since: 'earlier' }));
    const held = await acquireFileLock(lock, { waitMs: 1_000 });
    expect(JSON.parse(await readFile(lock, 'utf8')).token).not.toBe('reused');
    await held?.release();
  });
});
