import { AppError } from '../errors.js';

/**
 * A data file that cannot be used as it is: not JSON, not the expected shape, a bad line in a log,
 * a database that cannot be reached. The message names the file (or database) and what is wrong;
 * the hint says how to fix it. Storage never overwrites a file it refused.
 */
export class StorageError extends AppError {
  readonly file: string;

  constructor(file: string, message: string, options: { hint?: string; cause?: unknown } = {}) {
    super('internal', message, options);
    this.name = 'StorageError';
    this.file = file;
  }
}

/** Another process holds a lock for longer than we wait: try again later. */
export class LockBusyError extends AppError {
  readonly lock: string;

  constructor(lock: string, message: string) {
    super('conflict', message, { hint: 'Try again in a moment.' });
    this.name = 'LockBusyError';
    this.lock = lock;
  }
}

export function restoreHint(file: string): string {
  return (
    `The file was left untouched. Restore ${file} from a backup, or move it aside ` +
    `(mv '${file}' '${file}.bad') to start again without its contents.`
  );
}

export function describeCause(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
