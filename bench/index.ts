import { execFileSync, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Figure } from './figures.js';

/**
 * `npm run bench`: every benchmark, each in a fresh process (so one's memory cannot show in
 * another's figures), then issue 12's targets table: each figure beside its target, with the spread
 * over the runs inside its benchmark and the load average while it ran (the machine is shared: rerun
 * a figure measured while it was busy). Not part of `npm test`. `npm run bench -- slack notify` runs
 * some. Exit status 1 when a target was missed.
 */
const names = ['cold-start', 'discord', 'slack', 'idle-rss', 'notify', 'install', 'storage'];
const wanted = process.argv.slice(2).filter((name) => names.includes(name));
const runner = fileURLToPath(new URL('./run-one.ts', import.meta.url));

function runOne(name: string): Promise<{ figures: Figure[]; code: number | null }> {
  return new Promise((resolve) => {
    const child = fork(runner, [name], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
    let figures: Figure[] = [];
    child.on('message', (m) => {
      figures = (m as { figures: Figure[] }).figures;
    });
    child.once('exit', (code) => resolve({ figures, code }));
  });
}

// The benchmarks run the compiled CLI: build it from the sources as they are now.
execFileSync(process.execPath, [fileURLToPath(new URL('../scripts/build.mjs', import.meta.url))], { stdio: 'inherit' });

const rows: Figure[] = [];
const failed: string[] = [];
for (const name of wanted.length > 0 ? wanted : names) {
  console.log(`\n=== ${name} ===`);
  const { figures, code } = await runOne(name);
  if (figures.length === 0) failed.push(`${name} (no figures, exit ${code})`);
  rows.push(...figures);
}

const fmt = (f: Figure, n: number) => (f.unit === '×' ? `${n.toFixed(2)}×` : `${n.toFixed(1)} ${f.unit}`);
console.log(`\n${'figure'.padEnd(47)}`, 'measured'.padStart(12), 'target'.padStart(12));
for (const f of rows) {
  const target = Number.isFinite(f.target) ? `≤ ${fmt(f, f.target)}` : '—';
  console.log(f.name.padEnd(47), fmt(f, f.value).padStart(12), target.padStart(12), f.ok ? ' ok' : ' MISSED');
  if (f.spread) console.log(`    spread: ${f.spread}`);
  if (f.load) console.log(`    load average (1 min): ${f.load}`);
}
const missed = rows.filter((f) => !f.ok).map((f) => f.name);
if (failed.length > 0) console.log(`\nBenchmarks that failed to run: ${failed.join(', ')}`);
console.log(missed.length === 0 ? '\nAll targets met.' : `\nTargets missed: ${missed.join('; ')}`);
process.exitCode = missed.length === 0 && failed.length === 0 ? 0 : 1;
