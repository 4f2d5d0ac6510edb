import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/storage/open.js';
import { openWhenUsed } from '../../src/storage/open-when-used.js';
import { StorageError, type Store } from '../../src/storage/store.js';
import { coordinationContract } from './contract/coordination.js';
import type { StoreHarness } from './contract/harness.js';
import { journalContract } from './contract/journal.js';
import { linksContract } from './contract/links.js';
import { notifyAndTransferContract } from './contract/notify-transfer.js';
import { registryAndAuditContract } from './contract/registry-audit.js';
import { everything, useTempDirs } from './tmp.js';

const tempDir = useTempDirs();
const actor = { platform: 'terminal', userId: 'op' };

/** The whole storage contract through a store that opens on first use: every part reaches the real one. */
const deferredFiles: StoreHarness = {
  name: 'files, opened when used',
  async fresh() {
    const dir = await tempDir();
    return {
      open: async (options = {}) => openWhenUsed({ dataDir: dir }, { fsync: false, ...options }, () => undefined),
      raw: () => everything(dir),
    };
  },
};

registryAndAuditContract(deferredFiles);
journalContract(deferredFiles);
coordinationContract(deferredFiles);
linksContract(deferredFiles);
notifyAndTransferContract(deferredFiles);

describe('a store opened when used', () => {
  it('touches nothing until an operation needs it, and knows its backend and location already', async () => {
    const dir = join(await tempDir(), 'data');
    const opened: Store[] = [];
    const store = openWhenUsed({ dataDir: dir }, { fsync: false }, (real) => opened.push(real));
    expect(store.backend).toBe('files');
    expect(store.location).toBe(dir);
    expect(store.repairs).toEqual([]);
    expect(store.journal.heldSecret('nothing-yet')).toBeUndefined();
    store.journal.releaseSecret('nothing-yet');
    await expect(readdir(dir)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(opened).toHaveLength(0);

    expect(await store.registry.count()).toBe(0);
    expect(opened).toHaveLength(1);
    expect((await readdir(dir)).sort()).toContain('registry.jsonl');
    await store.close();
  });

  it('opens once for any number of operations at once', async () => {
    const dir = await tempDir();
    const opened: Store[] = [];
    const store = openWhenUsed({ dataDir: dir }, { fsync: false }, (real) => opened.push(real));
    await Promise.all([
      store.registry.count(),
      store.audit.append({ actor, platform: 'terminal', command: 'x', result: 'ok' }),
      store.access.list(),
    ]);
    expect(opened).toHaveLength(1);
    await store.close();
  });

  it('closing a store that was never used creates nothing', async () => {
    const dir = join(await tempDir(), 'data');
    const store = openWhenUsed({ dataDir: dir }, {}, () => undefined);
    await store.close();
    await expect(readdir(dir)).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(store.registry.count()).rejects.toBeInstanceOf(StorageError);
    await expect(readdir(dir)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('a data file it cannot use fails the first operation, and every later one, with the StorageError naming it', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'journal.jsonl'), 'not json\n');
    const store = openWhenUsed({ dataDir: dir }, { fsync: false }, () => undefined);
    const first = await store.audit.recent().catch((error: unknown) => error);
    expect(first).toBeInstanceOf(StorageError);
    expect((first as StorageError).message).toContain(join(dir, 'journal.jsonl'));
    await expect(store.registry.count()).rejects.toBe(first);
    await store.close();
    expect(await readFile(join(dir, 'journal.jsonl'), 'utf8')).toBe('not json\n');
  });

  it('tells its caller of the repairs it made when it opened (a crash’s partial last line)', async () => {
    const dir = await tempDir();
    const before = await openStore(dir, { fsync: false });
    await before.audit.append({ actor, platform: 'terminal', command: 'x', result: 'ok' });
    await before.close();
    await writeFile(join(dir, 'audit.jsonl'), '{"actor":{"platf', { flag: 'a' });
    const told: Store['repairs'][] = [];
    const store = openWhenUsed({ dataDir: dir }, { fsync: false }, (real) => told.push(real.repairs));
    expect(told).toEqual([]);
    expect(await store.audit.recent()).toHaveLength(1);
    const repair = expect.objectContaining({ file: join(dir, 'audit.jsonl'), removedBytes: 16 });
    expect(told).toEqual([[repair]]);
    expect(store.repairs).toEqual([repair]);
    await store.close();
  });
});
