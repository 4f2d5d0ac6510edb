import { type FileHandle, open, rename, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import type * as z from 'zod';
import { describeCause, StorageError } from '../errors.js';
import { badLine, countNewlines, isBlank, newline, parseRecord, readFully } from '../jsonl-lines.js';
import { BatchedLock } from './batched-lock.js';
import { acquireFileLock } from './file-lock.js';
import { readBackward, readForward } from './log-reading.js';
import { syncDir } from './sync.js';

/**
 * An append-only JSON-lines log that many processes share. Every append happens under the log's
 * lock (file-lock.ts), after folding whatever other processes appended since this one last looked,
 * so each writer decides on the whole log and lines never interleave. Reads fold complete lines
 * without the lock. Compaction replaces the file (write aside, rename over it); every process
 * notices the new inode and reads the new file from its start.
 *
 * Crash tolerance: a writer that dies mid-append leaves a partial last line; the next process to
 * take the lock cuts it (or completes it when only the newline is missing) and reports it.
 */
export interface LogRepair {
  file: string;
  /** Where the partial line started (the file now ends here). */
  offset: number;
  removedBytes: number;
}

export interface SharedLogOptions<T> {
  schema: z.ZodType<T>;
  lockFile: string;
  fsync: boolean;
  /** Folds one record into the owner's state. Absent: records are not read at all (the audit log). */
  apply?: (record: T) => void;
  /** The file was replaced: forget everything, it is folded again from its start. */
  reset?: () => void;
  onRepair?: (repair: LogRepair) => void;
  lockWaitMs?: number;
  /** Tests: an error to fail this write with, as a full disk would. */
  failWrite?: (file: string) => Error | undefined;
}

/** What every append-only log file of the store is opened with. */
export interface LogFileOptions {
  lockFile: string;
  fsync: boolean;
  now: () => Date;
  onRepair: (r: LogRepair) => void;
  /** Tests: an error to fail a write with, as a full disk would. */
  failWrite?: ((file: string) => Error | undefined) | undefined;
}

export type Append<T> = (...records: T[]) => Promise<void>;

const chunk = 256 * 1024;

export class SharedLog<T> {
  private handle!: FileHandle;
  private inode = -1;
  /** Bytes of the file folded so far (always at a line boundary). */
  private offset = 0;
  private line = 1;
  private readonly lock = new BatchedLock(() =>
    acquireFileLock(this.options.lockFile, {
      what: `The lock of ${this.file}`,
      ...(this.options.lockWaitMs !== undefined ? { waitMs: this.options.lockWaitMs } : {}),
    }),
  );
  private closed = false;

  private constructor(
    readonly file: string,
    private readonly options: SharedLogOptions<T>,
  ) {}

  static async open<T>(file: string, options: SharedLogOptions<T>): Promise<SharedLog<T>> {
    const log = new SharedLog(file, options);
    await log.reopen();
    await log.refresh();
    // Repairs a crash's partial last line now, so a bad file is refused at start, not mid-command.
    await log.locked(() => undefined);
    return log;
  }

  get size(): number {
    return this.offset;
  }

  /** Folds complete lines other processes appended, without the lock. */
  refresh(): Promise<void> {
    return this.follow(false);
  }

  /**
   * Runs `fn` under the log's lock, once everything appended so far is folded. Records given to
   * `append` are written (and fsynced) and folded before the lock is released. Calls queued together
   * share one hold of the lock (batched-lock.ts).
   */
  locked<R>(fn: (append: Append<T>) => R | Promise<R>): Promise<R> {
    return this.lock.run(async () => {
      if (this.closed) throw new StorageError(this.file, `Log file ${this.file} is closed.`);
      await this.follow(true);
      return await fn((...records) => this.write(records));
    });
  }

  /**
   * Under the lock, once everything is folded: replaces the file by the records `produce` gives. The
   * caller's state must equal their fold (nothing is read back); other processes read the new file
   * from its start.
   */
  rewrite(produce: () => Iterable<T>): Promise<void> {
    return this.locked(async () => {
      const records = produce();
      const aside = `${this.file}.rewrite.tmp`;
      const out = await open(aside, 'w');
      let lines = 0;
      try {
        let text = '';
        for (const record of records) {
          text += `${JSON.stringify(this.options.schema.parse(record))}\n`;
          lines++;
          if (text.length >= chunk) {
            await out.write(text);
            text = '';
          }
        }
        if (text) await out.write(text);
        if (this.options.fsync) await out.datasync();
      } finally {
        await out.close();
      }
      await rename(aside, this.file);
      if (this.options.fsync) await syncDir(dirname(this.file));
      await this.reopen();
      this.offset = (await this.handle.stat()).size;
      this.line = lines + 1;
    });
  }

  /** Oldest first, up to the end of the file as it is now (export). */
  async *scan(): AsyncGenerator<T> {
    await this.follow(false);
    const handle = this.handle;
    yield* readForward(handle, this.offset, (line, offset) => this.parse(handle, line, offset));
  }

  /** Newest first, from the end of the file as it is now; stop early and the rest is never read. */
  async *reverse(): AsyncGenerator<T> {
    await this.follow(false);
    const handle = this.handle;
    yield* readBackward(handle, this.offset, (line, offset) => this.parse(handle, line, offset));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.lock.idle();
    await this.handle.close();
  }

  private async parse(handle: FileHandle, line: Buffer, offset: number): Promise<T> {
    const parsed = parseRecord(line, this.options.schema);
    if (!parsed.ok) throw badLine(this.file, (await countNewlines(handle, offset)) + 1, offset, parsed.problem);
    return parsed.value;
  }

  private async reopen(): Promise<void> {
    if (this.inode !== -1) await this.handle.close();
    try {
      this.handle = await open(this.file, 'a+');
    } catch (error) {
      throw new StorageError(this.file, `Cannot open log file ${this.file}: ${describeCause(error)}`, { cause: error });
    }
    const info = await this.handle.stat();
    if (info.size === 0 && this.options.fsync) await syncDir(dirname(this.file));
    this.inode = info.ino;
    this.offset = 0;
    this.line = 1;
  }

  /** Folds what was appended since the last look; under the lock, also repairs a partial last line. */
  private async follow(locked: boolean): Promise<void> {
    let now = await stat(this.file).catch(() => undefined);
    if (!now || now.ino !== this.inode || now.size < this.offset) {
      await this.reopen();
      this.options.reset?.();
      now = await this.handle.stat();
    }
    const end = now.size;
    if (!this.options.apply) {
      await this.skipTo(end, locked);
      return;
    }
    let carry: Buffer = Buffer.alloc(0);
    let position = this.offset;
    while (position < end) {
      const length = Math.min(chunk, end - position);
      const block = Buffer.alloc(length);
      await readFully(this.handle, block, position);
      position += length;
      const data = carry.length ? Buffer.concat([carry, block]) : block;
      let from = 0;
      for (let i = data.indexOf(newline); i !== -1; i = data.indexOf(newline, from)) {
        const line = data.subarray(from, i);
        if (!isBlank(line)) {
          const parsed = parseRecord(line, this.options.schema);
          if (!parsed.ok) throw badLine(this.file, this.line, this.offset, parsed.problem);
          this.options.apply(parsed.value);
        }
        this.offset += i + 1 - from;
        this.line++;
        from = i + 1;
      }
      carry = Buffer.from(data.subarray(from));
    }
    if (locked && carry.length > 0) await this.repair(carry);
  }

  /** The audit log folds nothing: only its end matters, and a partial last line. */
  private async skipTo(end: number, locked: boolean): Promise<void> {
    if (!locked || end === 0) {
      if (end > 0) this.offset = await this.lastLineEnd(end);
      return;
    }
    const lineEnd = await this.lastLineEnd(end);
    this.offset = lineEnd;
    if (lineEnd < end) {
      const tail = Buffer.alloc(end - lineEnd);
      await readFully(this.handle, tail, lineEnd);
      await this.repair(tail);
    }
  }

  private async lastLineEnd(end: number): Promise<number> {
    let stop = end;
    while (stop > 0) {
      const start = Math.max(0, stop - 4096);
      const block = Buffer.alloc(stop - start);
      await readFully(this.handle, block, start);
      const index = block.lastIndexOf(newline);
      if (index !== -1) return start + index + 1;
      stop = start;
    }
    return 0;
  }

  /** A partial last line left by a crashed writer (we hold the lock, so nobody is writing it now). */
  private async repair(tail: Buffer): Promise<void> {
    if (!isBlank(tail)) {
      const parsed = parseRecord(tail, this.options.schema);
      if (parsed.ok) {
        await this.handle.write(Buffer.from('\n'));
        if (this.options.fsync) await this.handle.datasync();
        this.options.apply?.(parsed.value);
        this.offset += tail.length + 1;
        this.line++;
        return;
      }
    }
    await this.handle.truncate(this.offset);
    if (this.options.fsync) await this.handle.datasync();
    this.options.onRepair?.({ file: this.file, offset: this.offset, removedBytes: tail.length });
  }

  private async write(records: T[]): Promise<void> {
    if (records.length === 0) return;
    const parsed = records.map((record) => {
      const result = this.options.schema.safeParse(record);
      if (!result.success) {
        throw new StorageError(
          this.file,
          `Refusing to append an invalid record to ${this.file}: ${result.error.message}`,
        );
      }
      return result.data;
    });
    const buffer = Buffer.from(parsed.map((record) => `${JSON.stringify(record)}\n`).join(''), 'utf8');
    try {
      const fault = this.options.failWrite?.(this.file);
      if (fault) throw fault;
      let written = 0;
      while (written < buffer.length) {
        const { bytesWritten } = await this.handle.write(buffer, written, buffer.length - written);
        if (bytesWritten <= 0) throw new Error('the write made no progress');
        written += bytesWritten;
      }
      if (this.options.fsync) await this.handle.datasync();
    } catch (error) {
      // Never leave half a line behind: cut back to the last whole line (we hold the lock).
      await this.handle.truncate(this.offset).catch(() => undefined);
      throw new StorageError(this.file, `Cannot append to log file ${this.file}: ${describeCause(error)}`, {
        cause: error,
      });
    }
    this.offset += buffer.length;
    this.line += parsed.length;
    for (const record of parsed) this.options.apply?.(record);
  }
}
