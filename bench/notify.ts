import { type ChildProcess, fork } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../src/config.js';
import { silentLogger } from '../src/logger.js';
import type { AlertSink } from '../src/notify/message.js';
import { createNotifier } from '../src/notify/notifier.js';
import { buildRule } from '../src/notify/rule-input.js';
import { openAlertsConfig } from '../src/notify/rules.js';
import { providerIds } from '../src/providers/registry.js';
import { createServices } from '../src/services/index.js';
import { openStore } from '../src/storage/open.js';

/**
 * One sweep over 10,000 customer accounts spread across the five simulators, each answering in
 * 100 ms, with at most 8 requests in flight per provider. Every rule type is on, so the sweep reads
 * every list, every reseller balance, the orders and one usage history per active customer on the
 * providers that keep daily history. The bound is `max over providers of (requests × 100 ms ÷ 8)`:
 * a provider cannot be swept faster than its requests allow at that concurrency.
 * The sweep time runs until every alert is recorded and queued; delivery is platform-paced and shown
 * apart. The simulators run in a child process (bench/notify-sims.ts), as real vendors would: the
 * peak RSS is the bot's. Targets: sweep time ≤ 1.1 × bound, peak RSS of the sweep ≤ 200 MB. Delivery
 * (drawing charts, then sending; paced over minutes in real use) is measured after it and shown apart.
 * Run it with the flags `npm start` uses (`--max-semi-space-size=4`, see package.json).
 */
const latencyMs = 100;
const concurrency = 8;
const totalCustomers = 10_000;
const seededPerProvider = 10;

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

export async function runNotifyBench(): Promise<boolean> {
  const extra = totalCustomers / providerIds.length - seededPerProvider;
  const child = fork(new URL('./notify-sims.ts', import.meta.url), [], {
    execArgv: ['--import', 'tsx'],
    stdio: 'inherit',
  });
  const dir = await mkdtemp(join(tmpdir(), 'resellerops-notify-bench-'));
  try {
    const { env } = await ask<{ env: Record<string, string> }>(
      child,
      { type: 'start', extraCustomers: extra, latencyMs },
      'started',
    );
    const counts = async () =>
      (await ask<{ counts: Record<string, number> }>(child, { type: 'counts' }, 'counts')).counts;
    const config = loadConfig({ ...env, DATA_DIR: dir, LOG_LEVEL: 'silent', PROVIDER_TIMEOUT_MS: '30000' });
    const providers = config.providers.map(({ definition, settings }) =>
      definition.create({ ...settings, logger: silentLogger }),
    );
    const store = await openStore(dir);
    const services = await createServices({ providers, store, logger: silentLogger });
    const rules = await openAlertsConfig(store);
    const ruleArgs = [
      { type: 'traffic-below', threshold: '20%,5%,0' },
      { type: 'expires-within', days: '7,3' },
      ...providerIds.map((provider) => ({ type: 'reseller-balance-below', provider, amount: 1 })),
      { type: 'usage-spike', factor: 3 },
      { type: 'provider-down', sweeps: 3 },
    ];
    await rules.update((draft) => {
      draft.channels.discord = 'bench';
      for (const args of ruleArgs) {
        draft.rules.push(
          buildRule(args, { id: `r${draft.nextRule++}`, createdAt: new Date().toISOString(), createdBy: 'bench' }),
        );
      }
    });
    let delivered = 0;
    const sink: AlertSink = {
      platform: 'discord',
      async send() {
        delivered += 1;
      },
    };
    const notifier = createNotifier({ services, sinks: [sink], concurrency, pacingMs: { discord: 0 } });

    const started = performance.now();
    const report = await notifier.runOnce({ deliver: false });
    const sweepMs = performance.now() - started;
    const requests = await counts();
    const sweepRssMb = process.resourceUsage().maxRSS / 1024;
    const deliveryStarted = performance.now();
    const delivery = await notifier.flush();
    const deliveryMs = performance.now() - deliveryStarted;
    const rssMb = process.resourceUsage().maxRSS / 1024;

    const total = Object.values(requests).reduce((a, b) => a + b, 0);
    const boundMs = Math.max(...Object.values(requests).map((n) => (n * latencyMs) / concurrency));
    const customers = report.providers.reduce((s, p) => s + (p.customers ?? 0), 0);
    const timeOk = sweepMs <= 1.1 * boundMs;
    const rssOk = sweepRssMb <= 200;
    console.log(
      `notify: one sweep over ${customers} customer accounts, ${latencyMs} ms per answer, ${concurrency} in flight per provider`,
    );
    for (const p of report.providers) {
      console.log(
        `  ${p.id.padEnd(16)} ${String(requests[p.id]).padStart(5)} requests  ${String(p.customers ?? 0).padStart(5)} customers  ${String(p.usageRead).padStart(5)} histories  ${(p.durationMs / 1000).toFixed(2)} s${p.ok ? '' : `  FAILED ${p.error?.message ?? p.rateLimited}`}`,
      );
    }
    console.log(`  requests     ${total}`);
    console.log(
      `  alerts       ${report.messages.length} messages; delivered ${delivered} (${delivery.sent}) in ${(deliveryMs / 1000).toFixed(2)} s, unpaced`,
    );
    console.log(`  sweep time   ${(sweepMs / 1000).toFixed(2)} s`);
    console.log(
      `  bound        ${(boundMs / 1000).toFixed(2)} s  (max over providers of requests × ${latencyMs} ms ÷ ${concurrency})`,
    );
    console.log(`  ratio        ${(sweepMs / boundMs).toFixed(3)}  (target ≤ 1.1)  ${timeOk ? 'OK' : 'FAIL'}`);
    console.log(
      `  peak RSS     ${sweepRssMb.toFixed(0)} MB for the sweep  (target ≤ 200 MB)  ${rssOk ? 'OK' : 'FAIL'}; ${rssMb.toFixed(0)} MB after delivery (charts drawn)\n`,
    );
    await notifier.stop();
    await store.close();
    return timeOk && rssOk;
  } finally {
    child.send({ type: 'close' });
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const ok = await runNotifyBench();
  process.exitCode = ok ? 0 : 1;
}
