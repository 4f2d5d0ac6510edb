import type { FileHandle } from 'node:fs/promises';
import type * as z from 'zod';
import { describeCause, StorageError } from './errors.js';

/** Line-level helpers of the JSON-lines log: positional reads, parsing, and naming a bad line. */
export const chunkSize = 64 * 1024;
export const newline = 0x0a;

/** Index of the last newline before `end`, or -1. */
export async function findLastNewline(handle: FileHandle, end: number): Promise<number> {
  let stop = end;
  while (stop > 0) {
    const start = Math.max(0, stop - chunkSize);
    const chunk = Buffer.alloc(stop - start);
    await readFully(handle, chunk, start);
    const index = chunk.lastIndexOf(newline);
    if (index !== -1) return start + index;
    stop = start;
  }
  return -1;
}

type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };

export function parseRecord<T>(bytes: Buffer, schema: z.ZodType<T>): Parsed<T> {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    return { ok: false, problem: `is not valid JSON (${describeCause(error)})` };
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issues = parsed.error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
  return { ok: false, problem: `does not have the expected shape (${issues})` };
}

export function badLine(file: string, lineNumber: number, offset: number, problem: string): StorageError {
  return new StorageError(
    file,
    `Log file ${file}: line ${lineNumber} (byte ${offset}) ${problem}; refusing to use the file.`,
    {
      hint:
        `The file was left untouched. Restore ${file} from a backup, or fix or remove line ${lineNumber} ` +
        'by hand while the bot is stopped.',
    },
  );
}

/** Parse a line met while reading backwards; on error, count lines up to it to name it. */
export async function parseOrRefuse<T>(
  handle: FileHandle,
  file: string,
  bytes: Buffer,
  offset: number,
  schema: z.ZodType<T>,
): Promise<T> {
  const parsed = parseRecord(bytes, schema);
  if (parsed.ok) return parsed.value;
  throw badLine(file, (await countNewlines(handle, offset)) + 1, offset, parsed.problem);
}

export async function countNewlines(handle: FileHandle, end: number): Promise<number> {
  const buffer = Buffer.alloc(16 * chunkSize);
  let count = 0;
  for (let position = 0; position < end; position += buffer.length) {
    const length = Math.min(buffer.length, end - position);
    await readFully(handle, buffer.subarray(0, length), position);
    for (let i = buffer.indexOf(newline); i !== -1 && i < length; i = buffer.indexOf(newline, i + 1)) count++;
  }
  return count;
}

export async function readFully(handle: FileHandle, target: Buffer, position: number): Promise<void> {
  let done = 0;
  while (done < target.length) {
    const { bytesRead } = await handle.read(target, done, target.length - done, position + done);
    if (bytesRead === 0) throw new Error(`unexpected end of file at byte ${position + done}`);
    done += bytesRead;
  }
}

export function isBlank(line: Buffer): boolean {
  for (const byte of line) {
    if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0d) return false;
  }
  return true;
}

/**
 * The non-blank lines before `limit`, oldest first, streaming. A last line without its newline is
 * included: it is a complete record waiting for its newline (jsonl.ts leaves a partial one out of `limit`).
 */
export async function* readLines(
  handle: FileHandle,
  limit: number,
): AsyncGenerator<{ bytes: Buffer; offset: number; line: number }> {
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
      if (!isBlank(line)) yield { bytes: line, offset: dataOffset + from, line: lineNumber };
      lineNumber++;
      from = i + 1;
    }
    carry = Buffer.from(data.subarray(from));
    carryOffset = dataOffset + from;
    position += length;
  }
  if (carry.length && !isBlank(carry)) yield { bytes: carry, offset: carryOffset, line: lineNumber };
}
