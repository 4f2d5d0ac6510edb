import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { type Figure, loadNow, median, report } from './figures.js';
import { cli, peakRssMiB } from './proc.js';

/**
 * A terminal command from cold: `resellerops exec "/help"` (the bin, as `npx resellerops` and cron
 * run it) next to the floor, `node -e 0`, 10 runs each, alternating, both plain `node` in an empty
 * folder with a clean environment; time from spawn to exit. Then the peak RSS of `exec "/help"`.
 * Targets: median(exec) / median(node -e 0) ≤ 5; peak RSS ≤ 80 MiB.
 */
const runs = 10;
const maxRatio = 5;
const maxPeakMiB = 80;

function timed(args: string[], cwd: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, {
      cwd,
      env: { PATH: process.env.PATH ?? '', HOME: cwd },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code === 0) resolve(performance.now() - started);
      else reject(new Error(`${args.join(' ')} exited with ${code}: ${stderr}`));
    });
  });
}

export async function runColdStartBench(print: (line: string) => void = console.log): Promise<Figure[]> {
  const loadStart = loadNow();
  const cwd = await mkdtemp(join(tmpdir(), 'resellerops-bench-cold-'));
  try {
    const help = [cli, 'exec', '/help'];
    const floor = ['-e', '0'];
    const times = { help: [] as number[], floor: [] as number[] };
    for (let i = 0; i < runs; i++) {
      const order = i % 2 === 0 ? (['floor', 'help'] as const) : (['help', 'floor'] as const);
      for (const which of order) times[which].push(await timed(which === 'help' ? help : floor, cwd));
    }
    const peaks: number[] = [];
    for (let i = 0; i < 5; i++) peaks.push((await peakRssMiB(help, {}, cwd)).peakMiB);
    const f = (values: number[]) =>
      `min ${Math.min(...values).toFixed(0)} ms, median ${median(values).toFixed(0)} ms, max ${Math.max(...values).toFixed(0)} ms`;
    const ratio = median(times.help) / median(times.floor);
    const minRatio = Math.min(...times.help) / Math.min(...times.floor);
    const load = `${loadStart} → ${loadNow()}`;
    print(`cold start, ${runs} runs each, alternating:`);
    print(`  node -e 0                ${f(times.floor)}`);
    print(`  resellerops exec "/help" ${f(times.help)}`);
    print(`  ratio of medians ${ratio.toFixed(2)}, of minimums ${minRatio.toFixed(2)}`);
    print(`  exec "/help" peak RSS, 5 runs: ${peaks.map((p) => p.toFixed(1)).join(' ')} MiB`);
    print(`  load average ${load}`);
    const peak = median(peaks);
    return [
      {
        name: 'exec "/help" cold vs node -e 0 (medians)',
        value: ratio,
        unit: '×',
        target: maxRatio,
        ok: ratio <= maxRatio,
        spread: `min/min ${minRatio.toFixed(2)}; exec ${f(times.help)}; node ${f(times.floor)}`,
        load,
      },
      {
        name: 'exec "/help" peak RSS (median of 5)',
        value: peak,
        unit: 'MiB',
        target: maxPeakMiB,
        ok: peak <= maxPeakMiB,
        spread: `${Math.min(...peaks).toFixed(1)}–${Math.max(...peaks).toFixed(1)} MiB`,
        load,
      },
    ];
  } finally {
    await rm(cwd, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = report(await runColdStartBench()) ? 0 : 1;
}
