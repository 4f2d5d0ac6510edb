import type { FileHandle } from 'node:fs/promises';
import { isBlank, newline, readFully } from '../jsonl-lines.js';

/** Whole-file reads of a JSON-lines log up to `end` (a line boundary), in 256 KB chunks. */
const chunk = 256 * 1024;

export type ParseLine<T> = (line: Buffer, offset: number) => Promise<T>;

/** Oldest first. */
export async function* readForward<T>(handle: FileHandle, end: number, parse: ParseLine<T>): AsyncGenerator<T> {
  let carry: Buffer = Buffer.alloc(0);
  let carryOffset = 0;
  for (let position = 0; position < end; ) {
    const block = Buffer.alloc(Math.min(chunk, end - position));
    await readFully(handle, block, position);
    const data = carry.length ? Buffer.concat([carry, block]) : block;
    const dataOffset = carry.length ? carryOffset : position;
    position += block.length;
    let from = 0;
    for (let i = data.indexOf(newline); i !== -1; i = data.indexOf(newline, from)) {
      const line = data.subarray(from, i);
      if (!isBlank(line)) yield await parse(line, dataOffset + from);
      from = i + 1;
    }
    carry = Buffer.from(data.subarray(from));
    carryOffset = dataOffset + from;
  }
}

/** Newest first: stop early and the rest of the file is never read. */
export async function* readBackward<T>(handle: FileHandle, end: number, parse: ParseLine<T>): AsyncGenerator<T> {
  let carry: Buffer = Buffer.alloc(0);
  let stop = end;
  while (stop > 0) {
    const start = Math.max(0, stop - chunk);
    const block = Buffer.alloc(stop - start);
    await readFully(handle, block, start);
    const data = carry.length ? Buffer.concat([block, carry]) : block;
    let last = data.length;
    for (
      let i = data.lastIndexOf(newline, last - 1);
      i !== -1;
      i = last > 0 ? data.lastIndexOf(newline, last - 1) : -1
    ) {
      const line = data.subarray(i + 1, last);
      if (line.length > 0 && !isBlank(line)) yield await parse(line, start + i + 1);
      last = i;
    }
    carry = Buffer.from(data.subarray(0, last));
    stop = start;
  }
  if (carry.length && !isBlank(carry)) yield await parse(carry, 0);
}
