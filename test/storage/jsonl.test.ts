import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { StorageError } from '../../src/storage/errors.js';
import { type JsonlRepair, openJsonl } from '../../src/storage/jsonl.js';
import { useTempDirs } from './tmp.js';

const schema = z.object({ n: z.number(), text: z.string().optional() });

async function collect<T>(items: AsyncIterable<{ value: T }>): Promise<T[]> {
  const out: T[] = [];
  for await (const { value } of items) out.push(value);
  return out;
}

describe('openJsonl', () => {
  const tempDir = useTempDirs();

  it('appends one line per record and reads them forwards and newest first', async () => {
    const file = join(await tempDir(), 'log.jsonl');
    const log = await openJsonl(file, schema);
    await Promise.all(
      Array.from({ length: 50 }, (_, n) => log.append({ n, text: n === 7 ? 'line\nbreak ✓' : undefined })),
    );
    const raw = await readFile(file, 'utf8');
    expect(raw.split('\n')).toHaveLength(51);
    const forward = await collect(log.scan());
    expect(forward.map((r) => r.n)).toEqual(Array.from({ length: 50 }, (_, n) => n));
    expect(forward[7]?.text).toBe('line\nbreak ✓');
    expect((await collect(log.reverse())).map((r) => r.n)).toEqual(Array.from({ length: 50 }, (_, n) => 49 - n));
    await log.close();
  });

  it('reads backwards across chunk boundaries without loading the whole file', async () => {
    const file = join(await tempDir(), 'log.jsonl');
    const lines = Array.from({ length: 3000 }, (_, n) => JSON.stringify({ n, text: 'x'.repeat(n % 97) })).join('\n');
    await writeFile(file, `${lines}\n`);
    const log = await openJsonl(file, schema);
    const newest: number[] = [];
    for await (const { value } of log.reverse()) {
      newest.push(value.n);
      if (newest.length === 5) break;
    }
    expect(newest).toEqual([2999, 2998, 2997, 2996, 2995]);
    expect((await collect(log.reverse())).length).toBe(3000);
    await log.close();
  });

  it('cuts off a truncated last line (crash mid-append) once settled and keeps appending after it', async () => {
    const file = join(await tempDir(), 'log.jsonl');
    await writeFile(file, '{"n":1}\n{"n":2}\n{"n":3,"te');
    const repairs: JsonlRepair[] = [];
    const log = await openJsonl(file, schema, { onRepair: (repair) => repairs.push(repair) });
    expect((await collect(log.scan())).map((r) => r.n)).toEqual([1, 2]);
    expect(await readFile(file, 'utf8')).toBe('{"n":1}\n{"n":2}\n{"n":3,"te');
    await log.settle();
    expect(repairs).toEqual([{ file, offset: 16, removedBytes: 10 }]);
    await log.append({ n: 4 });
    expect(await readFile(file, 'utf8')).toBe('{"n":1}\n{"n":2}\n{"n":4}\n');
    expect((await collect(log.reverse())).map((r) => r.n)).toEqual([4, 2, 1]);
    await log.close();
  });

  it('keeps a complete last record that only lacks its newline', async () => {
    const file = join(await tempDir(), 'log.jsonl');
    await writeFile(file, '{"n":1}\n{"n":2}');
    const log = await openJsonl(file, schema);
    await log.append({ n: 3 });
    expect(await readFile(file, 'utf8')).toBe('{"n":1}\n{"n":2}\n{"n":3}\n');
    await log.close();
  });

  it('refuses a bad line in the middle, naming file and line, and leaves the file as it was', async () => {
    const file = join(await tempDir(), 'log.jsonl');
    const content = '{"n":1}\n{"n":2}\nnot json\n{"n":4}\n';
    await writeFile(file, content);
    const log = await openJsonl(file, schema);
    const forward = await collect(log.scan()).catch((e: unknown) => e);
    expect(forward).toBeInstanceOf(StorageError);
    expect((forward as Error).message).toContain(`${file}: line 3`);
    const backward = await collect(log.reverse()).catch((e: unknown) => e);
    expect((backward as Error).message).toContain(`${file}: line 3`);
    await log.close();
    expect(await readFile(file, 'utf8')).toBe(content);
  });

  it('refuses on open when the last complete line is bad or of the wrong shape', async () => {
    const file = join(await tempDir(), 'log.jsonl');
    const content = '{"n":1}\n{"n":"two"}\n';
    await writeFile(file, content);
    await expect(openJsonl(file, schema)).rejects.toThrow(/line 2 .*expected shape/);
    expect(await readFile(file, 'utf8')).toBe(content);
  });

  it('leaves a file with a bad line and a partial last line exactly as it was when refusing it', async () => {
    const file = join(await tempDir(), 'log.jsonl');
    const content = '{"n":1}\nnot json\n{"n":3}\n{"n":4,"te';
    await writeFile(file, content);
    const repairs: JsonlRepair[] = [];
    const refused = await openJsonl(file, schema, { onRepair: (repair) => repairs.push(repair) }).catch((e) => e);
    expect(refused).toBeInstanceOf(StorageError);
    expect((refused as StorageError).message).toContain(`${file}: line 2`);
    expect((refused as StorageError).hint).toMatch(/left untouched/);
    expect(repairs).toEqual([]);
    expect(await readFile(file, 'utf8')).toBe(content);
  });

  it('keeps a partial last line until the reader accepts the file, so a reader that refuses it leaves it whole', async () => {
    const file = join(await tempDir(), 'log.jsonl');
    const content = '{"n":1}\n{"n":2}\n{"n":3,"te';
    await writeFile(file, content);
    const log = await openJsonl(file, schema);
    // The reader finds something it cannot accept and closes without settling.
    expect((await collect(log.reverse())).map((r) => r.n)).toEqual([2, 1]);
    await log.close();
    expect(await readFile(file, 'utf8')).toBe(content);
  });

  it('refuses to append a record that does not match the schema', async () => {
    const file = join(await tempDir(), 'log.jsonl');
    const log = await openJsonl(file, schema);
    await expect(log.append({ n: 'x' } as unknown as { n: number })).rejects.toThrow(StorageError);
    await log.append({ n: 1 });
    expect(await readFile(file, 'utf8')).toBe('{"n":1}\n');
    await log.close();
  });
});
