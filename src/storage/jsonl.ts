import { type FileHandle, open } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { z } from 'zod';
import { syncDir } from './document.js';
import { describeCause, StorageError } from './errors.js';
import {
  badLine,
  chunkSize,
  findLastNewline,
  isBlank,
  newline,
  parseOrRefuse,
  parseRecord,
  readFully,
  readLines,
} from './jsonl-lines.js';

/**
 * An append-only JSON-lines log: one record per line, never rewritten. Appends are serialised and
 * each is one `write` on an open O_APPEND handle (then `fdatasync` when `fsync` is on), so the cost
 * of an append does not depend on how long the file is.
 *
 * Crash tolerance: the only damage a crash can do is a partial LAST line (no trailing newline). Reads
 * ignore it from the start; it is cut off (reported through `onRepair`) by `settle()` or before the
 * first append, never earlier, and only once every other line has been checked: a file refused for a
 * bad line (here, or by whoever reads it) is left exactly as it was.
 */
export interface JsonlRecord<T> {
  value: T;
  /** Byte offset of the line's first byte. */
  offset: number;
}

export interface JsonlLog<T> {
  readonly file: string;
  /** Bytes of complete, acknowledged lines. */
  readonly size: number;
  append(record: T): Promise<void>;
  /** Carries out the repair found on open, once the caller has read the file and accepts it. */
  settle(): Promise<void>;
  /** Newest first, reading backwards from the end in chunks: stop early and the rest is never read. */
  reverse(): AsyncGenerator<JsonlRecord<T>>;
  /** Oldest first, streaming. */
  scan(): AsyncGenerator<JsonlRecord<T> & { line: number }>;
  close(): Promise<void>;
}

export interface JsonlRepair {
  file: string;
  /** Where the partial line started (the file now ends here). */
  offset: number;
  removedBytes: number;
}

export interface JsonlOptions {
  /** fdatasync after every append (default true). */
  fsync?: boolean;
  onRepair?: (repair: JsonlRepair) => void;
}

export async function openJsonl<T>(
  file: string,
  schema: z.ZodType<T>,
  options: JsonlOptions = {},
): Promise<JsonlLog<T>> {
  const fsync = options.fsync ?? true;
  let handle: FileHandle;
  try {
    handle = await open(file, 'a+');
  } catch (error) {
    throw new StorageError(file, `Cannot open log file ${file}: ${describeCause(error)}`, { cause: error });
  }
  let size: number;
  let pending: PendingRepair | undefined;
  try {
    size = (await handle.stat()).size;
    if (size === 0) await syncDir(dirname(file));
    ({ size, pending } = await inspectTail(handle, file, size, schema));
  } catch (error) {
    await handle.close();
    throw error;
  }

  let queue: Promise<unknown> = Promise.resolve();
  let closed = false;
  let broken: Error | undefined;

  async function settle(): Promise<void> {
    const repair = pending;
    if (!repair) return;
    try {
      if (repair.kind === 'newline') {
        await handle.write(Buffer.from('\n'));
        size += 1;
      } else {
        await handle.truncate(repair.offset);
      }
      await handle.datasync();
    } catch (error) {
      throw new StorageError(file, `Cannot repair log file ${file}: ${describeCause(error)}`, { cause: error });
    }
    pending = undefined;
    if (repair.kind === 'cut') options.onRepair?.({ file, offset: repair.offset, removedBytes: repair.removedBytes });
  }

  async function writeLine(buffer: Buffer): Promise<void> {
    if (broken) throw broken;
    await settle();
    try {
      let written = 0;
      while (written < buffer.length) {
        const { bytesWritten } = await handle.write(buffer, written, buffer.length - written);
        if (bytesWritten <= 0) throw new Error('the write made no progress');
        written += bytesWritten;
      }
      if (fsync) await handle.datasync();
      size += buffer.length;
    } catch (error) {
      // Never leave half a line behind a later one: cut back to the last acknowledged line.
      try {
        await handle.truncate(size);
      } catch {
        broken = new StorageError(file, `Log file ${file} could not be repaired after a failed write; reopen it.`);
      }
      throw new StorageError(file, `Cannot append to log file ${file}: ${describeCause(error)}`, { cause: error });
    }
  }

  return {
    file,
    get size() {
      return size;
    },
    append(record: T): Promise<void> {
      if (closed) return Promise.reject(new StorageError(file, `Log file ${file} is closed.`));
      const parsed = schema.safeParse(record);
      if (!parsed.success) {
        return Promise.reject(
          new StorageError(file, `Refusing to append an invalid record to ${file}: ${parsed.error.message}`),
        );
      }
      const buffer = Buffer.from(`${JSON.stringify(parsed.data)}\n`, 'utf8');
      const run = queue.then(() => writeLine(buffer));
      queue = run.catch(() => undefined);
      return run;
    },
    settle(): Promise<void> {
      if (closed) return Promise.reject(new StorageError(file, `Log file ${file} is closed.`));
      const run = queue.then(settle);
      queue = run.catch(() => undefined);
      return run;
    },
    async *reverse() {
      let end = size;
      let carry: Buffer = Buffer.alloc(0);
      while (end > 0) {
        const start = Math.max(0, end - chunkSize);
        const chunk = Buffer.alloc(end - start);
        await readFully(handle, chunk, start);
        const data = carry.length ? Buffer.concat([chunk, carry]) : chunk;
        let stop = data.length;
        // (lastIndexOf with a negative offset would count from the end: stop at 0 explicitly)
        for (
          let i = data.lastIndexOf(newline, stop - 1);
          i !== -1;
          i = stop > 0 ? data.lastIndexOf(newline, stop - 1) : -1
        ) {
          const line = data.subarray(i + 1, stop);
          if (line.length > 0 && !isBlank(line)) {
            const offset = start + i + 1;
            yield { value: await parseOrRefuse(handle, file, line, offset, schema), offset };
          }
          stop = i;
        }
        carry = Buffer.from(data.subarray(0, stop));
        end = start;
      }
      if (carry.length && !isBlank(carry))
        yield { value: await parseOrRefuse(handle, file, carry, 0, schema), offset: 0 };
    },
    async *scan() {
      for await (const { bytes, offset, line } of readLines(handle, size)) {
        const parsed = parseRecord(bytes, schema);
        if (!parsed.ok) throw badLine(file, line, offset, parsed.problem);
        yield { value: parsed.value, offset, line };
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await queue;
      await handle.close();
    },
  };
}

type PendingRepair = { kind: 'newline' } | { kind: 'cut'; offset: number; removedBytes: number };

/**
 * What a crash left at the end of the file, and the size readers may use. A last line that lacks only
 * its newline but is a complete, valid record is kept (the newline is added later); a partial one is
 * left out of reads and cut later. Either repair is planned only when every other line is valid, and
 * the last complete line must be valid in any case, so an obviously broken file is refused on open.
 */
async function inspectTail<T>(
  handle: FileHandle,
  file: string,
  size: number,
  schema: z.ZodType<T>,
): Promise<{ size: number; pending?: PendingRepair }> {
  if (size === 0) return { size: 0 };
  const lastNewline = await findLastNewline(handle, size);
  if (lastNewline === size - 1) {
    const previous = await findLastNewline(handle, size - 1);
    const line = Buffer.alloc(size - 1 - (previous + 1));
    await readFully(handle, line, previous + 1);
    if (!isBlank(line)) await parseOrRefuse(handle, file, line, previous + 1, schema);
    return { size };
  }
  const offset = lastNewline + 1;
  await refuseBadLines(handle, file, offset, schema);
  const tail = Buffer.alloc(size - offset);
  await readFully(handle, tail, offset);
  if (!isBlank(tail) && parseRecord(tail, schema).ok) return { size, pending: { kind: 'newline' } };
  return { size: offset, pending: { kind: 'cut', offset, removedBytes: size - offset } };
}

/** Checks every line before `end` (only after a crash, so the cost of a normal open stays flat). */
async function refuseBadLines<T>(handle: FileHandle, file: string, end: number, schema: z.ZodType<T>): Promise<void> {
  for await (const { bytes, offset, line } of readLines(handle, end)) {
    const parsed = parseRecord(bytes, schema);
    if (!parsed.ok) throw badLine(file, line, offset, parsed.problem);
  }
}
