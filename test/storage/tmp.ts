import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

/** A fresh temporary directory per call, removed after the test. */
export function useTempDirs(): () => Promise<string> {
  const dirs: string[] = [];
  afterEach(async () => {
    await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });
  return async () => {
    const dir = await mkdtemp(join(tmpdir(), 'resellerops-storage-'));
    dirs.push(dir);
    return dir;
  };
}

/** Every file under `dir`, as one text (to check that no secret was written anywhere). */
export async function everything(dir: string): Promise<string> {
  const out: string[] = [];
  for (const name of await readdir(dir, { recursive: true })) {
    out.push(await readFile(join(dir, name), 'utf8').catch(() => ''));
  }
  return out.join('\n');
}
