import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../../src/storage/open.js';
import { StorageError } from '../../../src/storage/store.js';
import { useTempDirs } from '../tmp.js';

const actor = { platform: 'terminal', userId: 'op' };

describe('the files backend as a whole', () => {
  const tempDir = useTempDirs();

  it('creates the data directory and lets any number of openers use it at once', async () => {
    const dir = join(await tempDir(), 'nested', 'data');
    const stores = await Promise.all(Array.from({ length: 5 }, () => openStore(dir)));
    await Promise.all(
      stores.map((store, n) => store.registry.upsert({ provider: 'proxylite', username: `u${n}`, createdBy: actor })),
    );
    expect(await stores[0]!.registry.count()).toBe(5);
    await Promise.all(stores.map((store) => store.close()));
  });

  it('is valid after a crash mid-append: the partial audit line is cut and reported', async () => {
    const dir = await tempDir();
    const store = await openStore(dir);
    await store.audit.append({ actor, platform: 'terminal', command: 'x', result: 'ok' });
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

  it('converts a registry.json of an earlier version once, and refuses an unreadable one untouched', async () => {
    const dir = await tempDir();
    const at = '2026-01-01T00:00:00.000Z';
    const customers = [{ provider: 'proxylite', username: 'Old', createdBy: actor, createdAt: at, updatedAt: at }];
    await writeFile(join(dir, 'registry.json'), JSON.stringify({ version: 1, customers }));
    const store = await openStore(dir);
    expect(await store.registry.get('proxylite', 'old')).toEqual(customers[0]);
    await store.close();
    const again = await openStore(dir);
    expect(await again.registry.count()).toBe(1);
    await again.close();

    const other = await tempDir();
    await writeFile(join(other, 'registry.json'), '{"version":1,"customers":[{');
    await expect(openStore(other)).rejects.toThrow(/registry\.json is not a registry this version can read/);
    expect(await readFile(join(other, 'registry.json'), 'utf8')).toBe('{"version":1,"customers":[{');
  });

  it('keeps documents of later features in files of their own', async () => {
    const store = await openStore(await tempDir());
    const { z } = await import('zod');
    const roles = await store.documents.open('roles', z.object({ owners: z.array(z.string()) }), { owners: [] });
    await roles.update((draft) => {
      draft.owners.push('u1');
    });
    expect(JSON.parse(await readFile(join(store.location, 'roles.json'), 'utf8'))).toEqual({ owners: ['u1'] });
    await expect(store.documents.open('journal', z.object({}), {})).rejects.toThrow(/not a usable document name/);
    await store.close();
  });
});
