import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import type { Reply } from '../../src/kit/reply.js';

/** Writes a reply's files into `dir` (owner-only: they may hold credentials); returns their names. */
export async function saveReplyFiles(reply: Reply, dir: string): Promise<string[]> {
  if (reply.files.length === 0) return [];
  const target = resolve(dir);
  await mkdir(target, { recursive: true });
  const saved: string[] = [];
  for (const file of reply.files) {
    // basename: a name that came from upstream must not write outside the chosen folder.
    await writeFile(join(target, basename(file.name)), file.data, { mode: 0o600 });
    saved.push(file.name);
  }
  return saved;
}
