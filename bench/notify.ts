import { type ChildProcess, fork } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { providerIds } from '../src/providers/registry.js';
import { DiscordFake } from '../test/helpers/discord-fake/server.js';
import { type Figure, loadNow, report, spreadOf } from './figures.js';
import { seedAlertRules } from './seed-rules.js';

/**
 * One alert sweep over 10,000 customer accounts spread across the five simulators (each answering
 * in 100 ms), in a process of its own (bench/sweep-child.js: the product's notifier and Discord
 * alert sink, as `notify run-once` wires them, delivery paced 25 ms apart), every rule type on and
 * an alerts channel on a local Discord fake, so the run ends by drawing the charts and delivering
 * the alerts.
 * The simulators run in another process (bench/notify-sims.ts), as real vendors would, and count
 * the requests each received.
 * - Sweep time: the report's `recordedMs` (from the start of the sweep to every alert recorded).
 *   The bound is the maximum over providers of that provider's requests × 100 ms ÷ its concurrency
 *   (NOTIFY_CONCURRENCY, per provider): no provider can be read faster. Target ≤ 1.1 × bound.
 * - Peak RSS of the whole run, delivery included. Target ≤ 150 MB (MiB here, the stricter unit).
 */
const latencyMs = 100;
const concurrency = 8;
const totalCustomers = 10_000;
const seededPerProvider = 10;
const maxRatio = 1.1;
const maxPeakMiB = 150;
const runs = 2;

function ask<T>(child: ChildProcess, message: object, reply: string): Promise<T> {
  return new Promise((resolve) => {
    const listener = (m: { type: string }) => {
      if (m.type !== reply) return;
      child.off('message', listener);
      resolve(m as T);
    };
    child.on('message', listener);
    child.send(message);
  });
}

interface SweepResult {
  recordedMs: number;
  deliveryMs: number;
  providers: Array<{ id: string; ok: boolean; calls: number; customers?: number; usageRead: number }>;
  messages: number;
  delivery: { sent: number; failed: number; pending: number };
  peakRssMiB: number;
  sweepCpuMs: number;
}

const sweepChild = fileURLToPath(new URL('./sweep-child.js', import.meta.url));
/** The compiled product (`npm run build`), run by plain `node` as the CLI runs it. */
const productBase = '../dist/';
const productExecArgv: string[] = [];

async function sweepOnce(
  sims: ChildProcess,
  env: Record<string, string>,
  discord: DiscordFake,
  print: (line: string) => void,
): Promise<{ ratio: number; peakMiB: number; delivered: number }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'resellerops-bench-notify-'));
  try {
    await seedAlertRules(
      dataDir,
      [
        { type: 'traffic-below', threshold: '20%,5%,0' },
        { type: 'expires-within', days: '7,3' },
        ...providerIds.map((provider) => ({ type: 'reseller-balance-below', provider, amount: 1 })),
        { type: 'usage-spike', factor: 3 },
        { type: 'provider-down', sweeps: 3 },
      ],
      { discord: discord.channelId },
    );
    const counts = async () =>
      (await ask<{ counts: Record<string, number> }>(sims, { type: 'counts' }, 'counts')).counts;
    const before = await counts();
    const child = fork(sweepChild, [productBase], { execArgv: productExecArgv, stdio: 'inherit' });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    const sweep = await new Promise<SweepResult>((resolve, reject) => {
      child.once('message', (m) => resolve(m as SweepResult));
      void exited.then((code) => reject(new Error(`the sweep process exited with ${code}`)));
      child.send({
        env: {
          ...env,
          DATA_DIR: dataDir,
          LOG_LEVEL: 'warn',
          PROVIDER_TIMEOUT_MS: '30000',
          DISCORD_TOKEN: discord.token,
          DISCORD_APPLICATION_ID: discord.applicationId,
          DISCORD_API_URL: discord.apiUrl,
        },
        concurrency,
      });
    });
    await exited;
    const after = await counts();
    const requests = Object.fromEntries(Object.entries(after).map(([id, n]) => [id, n - (before[id] ?? 0)]));
    const boundMs = Math.max(...Object.values(requests).map((n) => (n * latencyMs) / concurrency));
    const ratio = sweep.recordedMs / boundMs;
    for (const p of sweep.providers) {
      print(
        `  ${p.id.padEnd(16)} ${String(requests[p.id]).padStart(5)} requests  ${String(p.customers ?? 0).padStart(5)} customers  ${String(p.usageRead).padStart(5)} histories  bound ${(((requests[p.id] ?? 0) * latencyMs) / concurrency / 1000).toFixed(2)} s${p.ok ? '' : '  FAILED'}`,
      );
    }
    print(
      `  sweep ${(sweep.recordedMs / 1000).toFixed(2)} s vs bound ${(boundMs / 1000).toFixed(2)} s = ${ratio.toFixed(3)} (CPU ${(sweep.sweepCpuMs / 1000).toFixed(1)} s); ${sweep.messages} alert messages, ${sweep.delivery.sent} delivered (${sweep.delivery.failed} failed, ${sweep.delivery.pending} pending); delivery (charts drawn, 25 ms apart) ${(sweep.deliveryMs / 1000).toFixed(1)} s; peak RSS ${sweep.peakRssMiB.toFixed(1)} MiB`,
    );
    return { ratio, peakMiB: sweep.peakRssMiB, delivered: sweep.delivery.sent };
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

export async function runNotifyBench(print: (line: string) => void = console.log): Promise<Figure[]> {
  const loadStart = loadNow();
  const extra = totalCustomers / providerIds.length - seededPerProvider;
  const sims = fork(fileURLToPath(new URL('./notify-sims.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
    stdio: 'inherit',
  });
  const discord = await DiscordFake.start();
  try {
    const { env } = await ask<{ env: Record<string, string> }>(
      sims,
      { type: 'start', extraCustomers: extra, latencyMs },
      'started',
    );
    print(
      `alert sweep: ${totalCustomers} customer accounts, ${latencyMs} ms per answer, ${concurrency} in flight per provider`,
    );
    const results = [];
    for (let run = 0; run < runs; run++) {
      print(`  run ${run + 1}:`);
      results.push(await sweepOnce(sims, env, discord, print));
    }
    const load = `${loadStart} → ${loadNow()}`;
    print(`  load average ${load}`);
    const ratios = results.map((r) => r.ratio);
    const peaks = results.map((r) => r.peakMiB);
    const worstRatio = Math.max(...ratios);
    const worstPeak = Math.max(...peaks);
    return [
      {
        name: 'sweep time vs bound, 10k accounts (worst run)',
        value: worstRatio,
        unit: '×',
        target: maxRatio,
        ok: worstRatio <= maxRatio,
        spread: spreadOf(ratios, 3),
        load,
      },
      {
        name: 'sweep + delivery peak RSS (worst run)',
        value: worstPeak,
        unit: 'MiB',
        target: maxPeakMiB,
        ok: worstPeak <= maxPeakMiB && results.every((r) => r.delivered > 0),
        spread: spreadOf(peaks, 1),
        load,
      },
    ];
  } finally {
    sims.send({ type: 'close' });
    await discord.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = report(await runNotifyBench()) ? 0 : 1;
}
