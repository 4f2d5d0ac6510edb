// One alert sweep for bench/notify.ts, in a process of its own: the product's composition root
// (bootApp), its notifier and the real Discord alert sink, as `notify run-once` wires them, except
// that delivery is paced at 25 ms instead of 1.1 s between posts to a channel (hundreds of alerts
// would take minutes), under discord.js's own limit of 50 requests a second. Plain JavaScript, so that it can run the compiled product
// (`node bench/sweep-child.js ../dist/`) with no loader; `--import tsx` with `../` runs the sources.
// Gets { env, concurrency } over IPC; answers with the sweep report, the CPU time the sweep took
// (a busy machine stretches the sweep's wall time, not its CPU time) and this process's peak RSS.
import { applyMemorySettings } from '../bin/memory-settings.js';

// The memory settings the CLI applies at start-up (bin/resellerops.js).
applyMemorySettings();
process.setSourceMapsEnabled(true);
const base = new URL(process.argv[2] ?? '../', import.meta.url);
const { bootApp, createNotifier, createDiscordAlertSink } = await import(new URL('bench/sweep-product.js', base).href);

process.once('message', async ({ env, concurrency }) => {
  const app = await bootApp({ env });
  const discord = app.config.discord;
  const notifier = createNotifier({
    services: app.services,
    sinks: [createDiscordAlertSink({ token: discord.token, apiUrl: discord.apiUrl })],
    concurrency,
    pacingMs: { discord: 25 },
  });
  const cpuBefore = process.cpuUsage();
  const report = await notifier.runOnce({ deliver: false });
  const cpu = process.cpuUsage(cpuBefore);
  const deliveryStarted = Date.now();
  report.delivery = await notifier.flush();
  const deliveryMs = Date.now() - deliveryStarted;
  await notifier.stop();
  await app.close();
  process.send(
    {
      recordedMs: report.recordedMs,
      deliveryMs,
      messages: report.messages.length,
      delivery: report.delivery,
      providers: report.providers,
      peakRssMiB: process.resourceUsage().maxRSS / 1024,
      sweepCpuMs: (cpu.user + cpu.system) / 1000,
    },
    () => process.exit(0),
  );
});
