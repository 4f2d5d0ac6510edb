import { readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { StorageError } from '../../../src/storage/errors.js';
import { openSharedDocument } from '../../../src/storage/files/document.js';
import { useTempDirs } from '../tmp.js';

const schema = z.object({ count: z.number().int(), names: z.array(z.string()) });
const defaults = { count: 0, names: [] as string[] };
const openDocument = (file: string, s: typeof schema, d: typeof defaults) =>
  openSharedDocument(file, s, d, { lockFile: join(dirname(file), 'doc.lock') });

describe('a shared document (files backend)', () => {
  const tempDir = useTempDirs();

  it('writes the defaults when the file is missing and reads back what was written', async () => {
    const file = join(await tempDir(), 'doc.json');
    const doc = await openDocument(file, schema, defaults);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(defaults);
    await doc.update((draft) => {
      draft.count = 3;
      draft.names.push('alice');
    });
    const again = await openDocument(file, schema, defaults);
    expect(await again.read()).toEqual({ count: 3, names: ['alice'] });
    expect(defaults).toEqual({ count: 0, names: [] });
  });

  it('refuses a file that is not JSON with a message naming it, and leaves it byte-identical', async () => {
    const file = join(await tempDir(), 'doc.json');
    const corrupt = '{"count": 3, "names": ["al';
    await writeFile(file, corrupt);
    const error = await openDocument(file, schema, defaults).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageError);
    expect((error as StorageError).message).toContain(file);
    expect((error as StorageError).message).toContain('not valid JSON');
    expect((error as StorageError).hint).toContain('backup');
    expect(await readFile(file, 'utf8')).toBe(corrupt);
  });

  it('refuses an empty file and a file holding null instead of starting over', async () => {
    const dir = await tempDir();
    for (const [name, content] of [
      ['empty.json', ''],
      ['null.json', 'null'],
    ]) {
      const file = join(dir, name as string);
      await writeFile(file, content as string);
      await expect(openDocument(file, schema, defaults)).rejects.toThrow(StorageError);
      expect(await readFile(file, 'utf8')).toBe(content);
    }
  });

  it('refuses a file that does not match the schema, naming the bad field', async () => {
    const file = join(await tempDir(), 'doc.json');
    const content = JSON.stringify({ count: 'three', names: [] });
    await writeFile(file, content);
    await expect(openDocument(file, schema, defaults)).rejects.toThrow(/count/);
    expect(await readFile(file, 'utf8')).toBe(content);
  });

  it('serialises concurrent updates: 100 parallel increments give 100', async () => {
    const file = join(await tempDir(), 'doc.json');
    const doc = await openDocument(file, schema, defaults);
    await Promise.all(
      Array.from({ length: 100 }, () =>
        doc.update((draft) => {
          draft.count += 1;
        }),
      ),
    );
    expect((await doc.read()).count).toBe(100);
    expect(JSON.parse(await readFile(file, 'utf8')).count).toBe(100);
  });

  it('changes nothing when the update throws or would make the document invalid', async () => {
    const file = join(await tempDir(), 'doc.json');
    const doc = await openDocument(file, schema, defaults);
    await doc.update((draft) => {
      draft.count = 1;
    });
    await expect(
      doc.update((draft) => {
        draft.count = 2;
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    await expect(
      doc.update((draft) => {
        (draft as { count: unknown }).count = 'two';
      }),
    ).rejects.toThrow(StorageError);
    expect((await doc.read()).count).toBe(1);
    expect(JSON.parse(await readFile(file, 'utf8')).count).toBe(1);
    await doc.update((draft) => {
      draft.count = 5;
    });
    expect((await doc.read()).count).toBe(5);
  });

  it('survives a crash mid-write: a truncated temp file next to the document is ignored and replaced', async () => {
    const dir = await tempDir();
    const file = join(dir, 'doc.json');
    const doc = await openDocument(file, schema, defaults);
    await doc.update((draft) => {
      draft.count = 7;
    });
    // steno writes `.doc.json.tmp` and renames it over the file; a crash before the rename leaves this.
    await writeFile(join(dir, '.doc.json.tmp'), '{"count": 8, "na');
    const reopened = await openDocument(file, schema, defaults);
    expect((await reopened.read()).count).toBe(7);
    await reopened.update((draft) => {
      draft.count = 9;
    });
    expect(JSON.parse(await readFile(file, 'utf8')).count).toBe(9);
    expect(await readdir(dir)).toEqual(['doc.json']);
  });
});

describe('a shared document seen by two processes', () => {
  const tempDir = useTempDirs();

  it('reads what another opener wrote, and re-reads the file before every change so none is lost', async () => {
    const file = join(await tempDir(), 'doc.json');
    const one = await openDocument(file, schema, defaults);
    const two = await openDocument(file, schema, defaults);
    await one.update((draft) => {
      draft.names.push('from-one');
    });
    await two.update((draft) => {
      draft.names.push('from-two');
    });
    expect((await one.read()).names).toEqual(['from-one', 'from-two']);
  });
});
