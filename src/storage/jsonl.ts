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
} from './jsonl-lines.js';

/**
 * An append-only JSON-lines log: one record per line, never rewritten. Appends are serialised and
 * each is one `write` on an open O_APPEND handle (then `fdatasync` when `fsync` is on), so the cost
 * of an append does not depend on how long the file is.
 *
 * Crash tolerance: the only damage a crash can do is a partial LAST line (no trailing newline). It
 * is cut off on open (reported through `onRepair`); any other bad line makes reads refuse with a
 * StorageError naming the file and line, and the file is left as it is.
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
  try {
    size = (await handle.stat()).size;
    if (size === 0) await syncDir(dirname(file));
    size = await repairTail(handle, file, size, schema, options.onRepair);
  } catch (error) {
    await handle.close();
    throw error;
  }

  let queue: Promise<unknown> = Promise.resolve();
  let closed = false;
  let broken: Error | undefined;

  async function writeLine(buffer: Buffer): Promise<void> {
    if (broken) throw broken;
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
      const limit = size;
      let position = 0;
      let lineNumber = 1;
      let carry: Buffer = Buffer.alloc(0);
      let carryOffset = 0;
      const buffer = Buffer.alloc(16 * chunkSize);
      while (position < limit) {
        const length = Math.min(buffer.length, limit - position);
        await readFully(handle, buffer.subarray(0, length), position);
        const data = carry.length ? Buffer.concat([carry, buffer.subarray(0, length)]) : buffer.subarray(0, length);
        const dataOffset = carry.length ? carryOffset : position;
        let from = 0;
        for (let i = data.indexOf(newline); i !== -1; i = data.indexOf(newline, from)) {
          const line = data.subarray(from, i);
          if (!isBlank(line)) {
            const offset = dataOffset + from;
            const parsed = parseRecord(line, schema);
            if (!parsed.ok) throw badLine(file, lineNumber, offset, parsed.problem);
            yield { value: parsed.value, offset, line: lineNumber };
          }
          lineNumber++;
          from = i + 1;
        }
        carry = Buffer.from(data.subarray(from));
        carryOffset = dataOffset + from;
        position += length;
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

/**
 * Cut a partial last line (crash mid-append) and return the new size. A last line that lacks only
 * its newline but is a complete, valid record gets the newline instead (nothing is lost). The last
 * complete line must be valid, so an obviously broken file is refused on open.
 */
async function repairTail<T>(
  handle: FileHandle,
  file: string,
  size: number,
  schema: z.ZodType<T>,
  onRepair: JsonlOptions['onRepair'],
): Promise<number> {
  if (size === 0) return 0;
  const lastNewline = await findLastNewline(handle, size);
  if (lastNewline === size - 1) {
    const previous = await findLastNewline(handle, size - 1);
    const line = Buffer.alloc(size - 1 - (previous + 1));
    await readFully(handle, line, previous + 1);
    if (!isBlank(line)) await parseOrRefuse(handle, file, line, previous + 1, schema);
    return size;
  }
  const offset = lastNewline + 1;
  const tail = Buffer.alloc(size - offset);
  await readFully(handle, tail, offset);
  if (!isBlank(tail) && parseRecord(tail, schema).ok) {
    await handle.write(Buffer.from('\n'));
    await handle.datasync();
    return size + 1;
  }
  await handle.truncate(offset);
  await handle.datasync();
  onRepair?.({ file, offset, removedBytes: size - offset });
  return offset;
}
