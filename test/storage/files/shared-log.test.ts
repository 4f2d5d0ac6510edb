import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { StorageError } from '../../../src/storage/errors.js';
import { acquireFileLock } from '../../../src/storage/files/file-lock.js';
import { type LogRepair, SharedLog } from '../../../src/storage/files/shared-log.js';
import { useTempDirs } from '../tmp.js';

const schema = z.object({ n: z.number(), text: z.string().optional() });
type Rec = z.infer<typeof schema>;

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe('a log shared by several processes (files backend)', () => {
  const tempDir = useTempDirs();

  async function folded(file: string, repairs: LogRepair[] = []) {
    const seen: number[] = [];
    let resets = 0;
    const log = await SharedLog.open(file, {
      schema,
      lockFile: `${file}.lock`,
      fsync: false,
      apply: (r: Rec) => seen.push(r.n),
      reset: () => {
        resets++;
        seen.length = 0;
      },
      onRepair: (r) => repairs.push(r),
    });
    return { log, seen, resets: () => resets };
  }
  const plain = (file: string) => SharedLog.open(file, { schema, lockFile: `${file}.lock`, fsync: false });

  it('appends one line per record and reads them forwards and newest first', async () => {
    const file = join(await tempDir(), 'log.jsonl');
    const log = await plain(file);
    await Promise.all(
      Array.from({ length: 50 }, (_, n) =>
        log.locked((append) => append({ n, ...(n === 7 ? { text: 'line\nbreak ✓' } : {}) })),
      ),
    );
    expect((await readFile(file, 'utf8')).split('\n')).toHaveLength(51);
    const forward = await collect(log.scan());
    expect(forward.map((r) => r.n)).toEqual(Array.from({ length: 50 }, (_, n) => n));
    expect(forward[7]?.text).toBe('line\nbreak ✓');
    expect((await collect(log.reverse())).map((r) => r.n)).toEqual(Array.from({ length: 50 }, (_, n) => 49 - n));
    await log.close();
  });

  it('reads backwards across chunk boundaries, stopping early without reading the rest', async () => {
    const file = join(await tempDir(), 'log.jsonl');
    const lines = Array.from({ length: 30_000 }, (_, n) => JSON.stringify({ n, text: 'x'.repeat(n % 97) })).join('\n');
    await writeFile(file, `${lines}\n`);
    const log = await plain(file);
    const newest: number[] = [];
    for await (const record of log.reverse()) {
      newest.push(record.n);
      if (newest.length === 5) break;
    }
    expect(newest).toEqual([29999, 29998, 29997, 29996, 29995]);
    expect((await collect(log.reverse())).length).toBe(30_000);
    await log.close();
  });

  it('cuts off a partial last line left by a crashed writer, reports it, and keeps appending after it', async () => {
    const file = join(await tempDir(), 'log.jsonl');
    await writeFile(file, '{"n":1}\n{"n":2}\n{"n":3,"te');
    const repairs: LogRepair[] = [];
    const { log, seen } = await folded(file, repairs);
    expect(repairs).toEqual([{ file, offset: 16, removedBytes: 10 }]);
    await log.locked((append) => append({ n: 4 }));
    expect(await readFile(file, 'utf8')).toBe('{"n":1}\n{"n":2}\n{"n":4}\n');
    expect(seen).toEqual([1, 2, 4]);
    await log.close();
  });

  it('keeps a complete last record that only lacks its newline', async () => {
    const file = join(await tempDir(), 'log.jsonl');
    await writeFile(file, '{"n":1}\n{"n":2}');
    const { log, seen } = await folded(file);
    await log.locked((append) => append({ n: 3 }));
    expect(await readFile(file, 'utf8')).toBe('{"n":1}\n{"n":2}\n{"n":3}\n');
    expect(seen).toEqual([1, 2, 3]);
    await log.close();
  });

  it('refuses a bad line in the middle, naming file and line, and leaves the file as it was', async () => {
    const file = join(await tempDir(), 'log.jsonl');
    const content = '{"n":1}\n{"n":2}\nnot json\n{"n":4}\n';
    await writeFile(file, content);
    const error = await folded(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageError);
    expect((error as Error).message).toContain(`${file}: line 3`);
    const log = await plain(file);
    const backward = await collect(log.reverse()).catch((e: unknown) => e);
    expect((backward as Error).message).toContain(`${file}: line 3`);
    await log.close();
    expect(await readFile(file, 'utf8')).toBe(content);
  });

  it('leaves a file with a bad line and a partial last line exactly as it was when refusing it', async () => {
    const file = join(await tempDir(), 'log.jsonl');
    const content = '{"n":1}\nnot json\n{"n":3}\n{"n":4,"te';
    await writeFile(file, content);
    const repairs: LogRepair[] = [];
    const refused = await folded(file, repairs).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(StorageError);
    expect((refused as StorageError).message).toContain(`${file}: line 2`);
    expect((refused as StorageError).hint).toMatch(/left untouched/);
    expect(repairs).toEqual([]);
    expect(await readFile(file, 'utf8')).toBe(content);
  });

  it('refuses to append a record that does not match the schema', async () => {
    const file = join(await tempDir(), 'log.jsonl');
    const log = await plain(file);
    await expect(log.locked((append) => append({ n: 'x' } as unknown as Rec))).rejects.toThrow(StorageError);
    await log.locked((append) => append({ n: 1 }));
    expect(await readFile(file, 'utf8')).toBe('{"n":1}\n');
    await log.close();
  });

  it('folds what another opener appended before deciding, and never interleaves two appends', async () => {
    const file = join(await tempDir(), 'log.jsonl');
    const one = await folded(file);
    const two = await folded(file);
    await Promise.all(
      Array.from({ length: 60 }, (_, n) =>
        (n % 2 ? one : two).log.locked(async (append) => {
          await append({ n, text: 'y'.repeat(5_000) });
        }),
      ),
    );
    await one.log.locked(() => undefined);
    await two.log.refresh();
    expect([...one.seen].sort((a, b) => a - b)).toEqual(Array.from({ length: 60 }, (_, n) => n));
    expect(two.seen).toEqual(one.seen);
    await one.log.close();
    await two.log.close();
  });

  it('after another opener compacts the file, reads the new file from its start and appends to it', async () => {
    const file = join(await tempDir(), 'log.jsonl');
    const one = await folded(file);
    const two = await folded(file);
    await one.log.locked((append) => append({ n: 1 }, { n: 2 }, { n: 3 }));
    await two.log.refresh();
    await one.log.rewrite(() => [{ n: 3 }]);
    await two.log.locked((append) => append({ n: 4 }));
    expect(two.resets()).toBe(1);
    expect(two.seen).toEqual([3, 4]);
    expect(await readFile(file, 'utf8')).toBe('{"n":3}\n{"n":4}\n');
    await one.log.locked(() => undefined);
    expect(one.seen).toEqual([1, 2, 3, 4]);
    await one.log.close();
    await two.log.close();
  });

  it('runs the calls queued while its lock is taken under one hold of the lock, each seeing the ones before', async () => {
    const file = join(await tempDir(), 'log.jsonl');
    const { log, seen } = await folded(file);
    const other = await acquireFileLock(`${file}.lock`);
    const holders: string[] = [];
    const calls = [1, 2, 3].map((n) =>
      log.locked(async (append) => {
        holders.push(await readFile(`${file}.lock`, 'utf8'));
        if (n === 2) throw new Error('this one fails');
        await append({ n: n * 10 + seen.length });
      }),
    );
    await other?.release();
    const outcomes = await Promise.allSettled(calls);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(new Set(holders).size).toBe(1);
    expect(seen).toEqual([10, 31]);
    await log.close();
  });
});
