import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { StorageError } from '../../src/storage/errors.js';
import { openStore } from '../../src/storage/store.js';
import { useTempDirs } from './tmp.js';

describe('openStore', () => {
  const tempDir = useTempDirs();

  it('creates the data directory and refuses a second opener of the same directory', async () => {
    const dir = join(await tempDir(), 'nested', 'data');
    const store = await openStore(dir);
    const error = await openStore(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageError);
    expect((error as Error).message).toMatch(/in use by another resellerops process \(pid \d+/);
    await store.close();
    const again = await openStore(dir);
    await again.close();
  });

  it('takes over a lock left by a process that no longer runs', async () => {
    const dir = await tempDir();
    const { hostname } = await import('node:os');
    await writeFile(join(dir, '.lock'), JSON.stringify({ pid: 2 ** 22 + 12345, host: hostname(), since: 'long ago' }));
    const store = await openStore(dir);
    expect(await readFile(join(dir, '.lock'), 'utf8')).toContain(`"pid":${process.pid}`);
    await store.close();
  });

  it('is valid after a crash mid-append: the partial audit line is cut and reported', async () => {
    const dir = await tempDir();
    const store = await openStore(dir);
    await store.audit.append({
      actor: { platform: 'terminal', userId: 'op' },
      platform: 'terminal',
      command: 'x',
      result: 'ok',
    });
    await store.close();
    await writeFile(join(dir, 'audit.jsonl'), '{"actor":{"platf', { flag: 'a' });
    const reopened = await openStore(dir);
    expect(reopened.repairs).toEqual([expect.objectContaining({ file: join(dir, 'audit.jsonl'), removedBytes: 16 })]);
    expect((await reopened.audit.recent()).length).toBe(1);
    await reopened.close();
  });

  it.each([
    ['a line that is not JSON', 'not json'],
    [
      'a settlement of an operation it never started',
      '{"t":"succeeded","id":"op_x","result":{},"secretsRemoved":true,"at":"2025-01-01T00:00:00Z"}',
    ],
  ])('refuses a journal with %s and a partial last line, and really leaves it untouched', async (_what, bad) => {
    const dir = await tempDir();
    const content = `${bad}\n{"t":"succ`;
    await writeFile(join(dir, 'journal.jsonl'), content);
    const error = await openStore(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageError);
    expect((error as StorageError).hint).toMatch(/left untouched/);
    expect(await readFile(join(dir, 'journal.jsonl'), 'utf8')).toBe(content);
  });

  it('refuses a corrupt registry, names it, releases the lock and leaves the file alone', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'registry.json'), '{"version":1,"customers":[{');
    await expect(openStore(dir)).rejects.toThrow(/registry\.json is not valid JSON/);
    expect(await readFile(join(dir, 'registry.json'), 'utf8')).toBe('{"version":1,"customers":[{');
    await writeFile(join(dir, 'registry.json'), '{"version":1,"customers":[]}');
    const store = await openStore(dir);
    await store.close();
  });

  it('opens validated documents for later features under their own names', async () => {
    const store = await openStore(await tempDir());
    const roles = await store.openDocument('roles', z.object({ owners: z.array(z.string()) }), { owners: [] });
    await roles.update((draft) => {
      draft.owners.push('u1');
    });
    await expect(store.openDocument('roles', z.object({}), {})).rejects.toThrow(/already open/);
    await expect(store.openDocument('../escape', z.object({}), {})).rejects.toThrow(/not a usable document name/);
    expect(JSON.parse(await readFile(join(store.dataDir, 'roles.json'), 'utf8'))).toEqual({ owners: ['u1'] });
    await store.close();
  });
});
