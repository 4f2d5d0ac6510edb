import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Figure, report } from './figures.js';
import { root } from './proc.js';

/**
 * The production install: a fresh clone of the committed HEAD, `npm ci --omit=dev`, then `du` of the
 * folder without `.git` (node_modules, the sources, the build). Target ≤ 90 MB, in the unit
 * (10^6 bytes; MiB beside it).
 */
const maxMB = 90;
const MiB = 1024 * 1024;

/** Disk use in bytes (du's 1 KiB blocks). */
function duBytes(path: string, exclude: string[] = []): number {
  const out = execFileSync('du', ['-sk', ...exclude.map((e) => `--exclude=${e}`), path], { encoding: 'utf8' });
  return Number(out.split(/\s/)[0]) * 1024;
}
const both = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB (${(bytes / MiB).toFixed(1)} MiB)`;

export async function runInstallSizeBench(print: (line: string) => void = console.log): Promise<Figure[]> {
  const dir = await mkdtemp(join(tmpdir(), 'resellerops-bench-install-'));
  try {
    const dirty = execFileSync('git', ['status', '--porcelain'], { cwd: root, encoding: 'utf8' }).trim();
    if (dirty) print('  (uncommitted changes are not in the clone; this measures HEAD)');
    execFileSync('git', ['clone', '-q', root, join(dir, 'p')], { stdio: 'inherit' });
    const p = join(dir, 'p');
    execFileSync('npm', ['ci', '--omit=dev', '--no-audit', '--no-fund', '--loglevel=error'], {
      cwd: p,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const total = duBytes(p, ['.git']);
    const modules = duBytes(join(p, 'node_modules'));
    const dist = duBytes(join(p, 'dist'));
    print(
      `production install (npm ci --omit=dev): ${both(total)}, of which node_modules ${both(modules)}, dist ${both(dist)}`,
    );
    const top = execFileSync('sh', ['-c', 'du -sk node_modules/[!@]* node_modules/@*/* | sort -rn | head -8'], {
      cwd: p,
      encoding: 'utf8',
    });
    for (const line of top.trim().split('\n')) {
      const [kb, name] = line.split(/\s+/);
      print(`  ${(Number(kb) / 1024).toFixed(1).padStart(6)} MiB  ${name}`);
    }
    const mb = total / 1e6;
    return [{ name: 'production install', value: mb, unit: 'MB', target: maxMB, ok: mb <= maxMB }];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = report(await runInstallSizeBench()) ? 0 : 1;
}
