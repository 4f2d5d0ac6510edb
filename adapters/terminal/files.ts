import { randomBytes } from 'node:crypto';
import { mkdir, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { UserInputError } from '../../src/errors.js';
import type { Reply } from '../../src/kit/reply.js';

/** A reply's file as written to disk. */
export interface SavedFile {
  name: string;
  path: string;
}

function cannot(dir: string, why: string): UserInputError {
  return new UserInputError(`--out ${dir}: cannot save files there (${why}).`, {
    hint: 'Give a folder you can write to, e.g. --out ./configs.',
  });
}

function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const known: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'not permitted',
    EROFS: 'read-only file system',
    ENOENT: 'no such place',
    ENOTDIR: 'part of the path is a file, not a folder',
    ENOSPC: 'the disk is full',
  };
  return (code && known[code]) ?? (error instanceof Error ? error.message : String(error));
}

/**
 * Makes sure files can be written into `dir` before any command runs, creating it when missing, so a
 * bad `--out` is refused at once and nothing upstream changes for a reply that could not be saved.
 * The folder is created one level at a time: Node 20's recursive mkdir never returns under /proc.
 */
export async function prepareOutDir(dir: string): Promise<string> {
  const target = resolve(dir);
  const missing: string[] = [];
  let existing = target;
  for (;;) {
    const found = await stat(existing).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw cannot(dir, reason(error));
    });
    if (found) {
      if (!found.isDirectory()) throw cannot(dir, `${existing} is a file, not a folder`);
      break;
    }
    missing.unshift(existing);
    const parent = dirname(existing);
    if (parent === existing) throw cannot(dir, 'no such place');
    existing = parent;
  }
  for (const folder of missing) {
    await mkdir(folder, { mode: 0o700 }).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw cannot(dir, reason(error));
    });
  }
  // Permission bits do not tell the whole story (read-only mounts, root): try a write.
  const probe = join(target, `.resellerops-write-check-${randomBytes(4).toString('hex')}`);
  await writeFile(probe, '', { flag: 'wx', mode: 0o600 }).catch((error: unknown) => {
    throw cannot(dir, reason(error));
  });
  await unlink(probe).catch(() => undefined);
  return target;
}

/** Writes a reply's files into `dir` (owner-only: they may hold credentials); returns where each went. */
export async function saveReplyFiles(reply: Reply, dir: string): Promise<SavedFile[]> {
  if (reply.files.length === 0) return [];
  const target = await prepareOutDir(dir);
  const saved: SavedFile[] = [];
  for (const file of reply.files) {
    // basename: a name that came from upstream must not write outside the chosen folder.
    const path = join(target, basename(file.name).replace(/^\.+/, '') || 'file');
    await writeFile(path, file.data, { mode: 0o600 }).catch((error: unknown) => {
      throw cannot(dir, `${basename(path)}: ${reason(error)}`);
    });
    saved.push({ name: file.name, path });
  }
  return saved;
}
