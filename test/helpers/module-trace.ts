import { existsSync, readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(import.meta.dirname, '../..');

/** Node flags that make the bin record every module it loads into `file` (see module-trace.mjs). */
export function traceArgs(): string[] {
  return ['--import', resolve(import.meta.dirname, 'module-trace.mjs')];
}

export interface Loaded {
  /** Files the process loaded, relative to the project (`dist/chunks/…`, `node_modules/zod/…`). */
  files: string[];
  /** The project's own sources those files were built from (`src/app/exec.ts`, …), read from their source maps. */
  sources: string[];
  /** Packages loaded from node_modules (`zod`, `@slack/bolt`, …). */
  packages: string[];
}

/** What a traced run loaded, from the trace file it wrote. */
export function loadedModules(traceFile: string): Loaded {
  const files = [
    ...new Set(
      readFileSync(traceFile, 'utf8')
        .split('\n')
        .filter((line) => line.startsWith('file:'))
        .map((url) => relative(root, fileURLToPath(url))),
    ),
  ];
  const sources = new Set<string>();
  for (const file of files.filter((f) => f.startsWith('dist/') && f.endsWith('.js'))) {
    const map = resolve(root, `${file}.map`);
    if (!existsSync(map)) continue;
    const parsed = JSON.parse(readFileSync(map, 'utf8')) as { sources: string[] };
    for (const source of parsed.sources) sources.add(relative(root, resolve(root, file, '..', source)));
  }
  const packages = new Set(
    files.flatMap((f) => {
      const m = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(f);
      return m?.[1] ? [m[1]] : [];
    }),
  );
  return { files, sources: [...sources].sort(), packages: [...packages].sort() };
}
