import type { App } from '../../src/app/boot.js';
import { type AlertSink, createConfiguredNotifier, ensureDemoRules, messageText } from '../../src/notify/index.js';
import type { SweepReport } from '../../src/notify/notifier.js';
import { describeRule } from '../../src/notify/rules.js';

export interface NotifyOnceOptions {
  /** Print one JSON object (the sweep report) instead of text. */
  json?: boolean;
  /** Raw variables for NOTIFY_* / ALERT_WEBHOOK_*; default `.env` + the process environment. */
  env?: Record<string, unknown>;
  /** Chat sinks that can post without a running gateway (REST), when the adapters offer them. */
  sinks?: readonly AlertSink[];
  write?: (text: string) => void;
}

function summary(report: SweepReport): string {
  const lines = [
    `Sweep at ${report.startedAt}: ${report.rules} rules, ${report.durationMs} ms, ${report.messages.length} alert messages.`,
  ];
  for (const p of report.providers) {
    const what = p.skipped
      ? 'skipped (backing off after a rate limit)'
      : [
          p.ok ? 'ok' : 'FAILED',
          `${p.calls} calls`,
          p.customers !== undefined ? `${p.customers} customers` : '',
          p.usageRead > 0 ? `${p.usageRead} usage histories` : '',
          p.usageMissed > 0 ? `${p.usageMissed} histories not read` : '',
          p.error ? `${p.error.code}: ${p.error.message}` : '',
          p.rateLimited ? `rate limited: ${p.rateLimited}` : '',
        ]
          .filter(Boolean)
          .join(', ');
    lines.push(`  ${p.id.padEnd(16)} ${what}`);
  }
  if (report.targets.length === 0) {
    lines.push('No alerts channel or webhook is configured: nothing was recorded or sent (a dry run).');
  } else {
    const d = report.delivery;
    lines.push(
      `Delivered ${d.sent} to ${report.targets.map((t) => `${t.platform}:${t.channelId}`).join(', ')}; ${d.pending} pending${
        d.errors.length > 0 ? `; errors: ${d.errors.join('; ')}` : ''
      }.`,
    );
  }
  return lines.join('\n');
}

/**
 * `resellerops notify run-once [--sandbox] [--json]`: one sweep, for cron. Prints the alerts it
 * raised and delivers them to the configured sinks. Exit status 1 when a provider could not be read.
 */
export async function runNotifyOnce(app: App, options: NotifyOnceOptions = {}): Promise<number> {
  const write = options.write ?? ((text: string) => process.stdout.write(`${text}\n`));
  const env = options.env ?? app.config.env;
  const { notifier } = createConfiguredNotifier({
    services: app.services,
    env,
    ...(options.sinks ? { sinks: options.sinks } : {}),
    logger: app.logger,
  });
  if (app.sandbox) {
    const rules = await ensureDemoRules(app.services, new Date(), app.sandbox.demoBalanceBelow);
    if (!options.json) {
      write(
        `SANDBOX — simulated providers. Rules in force:\n${rules.map((r) => `  ${r.id}  ${describeRule(r)}`).join('\n')}\n`,
      );
    }
  }
  const report = await notifier.runOnce();
  if (options.json) {
    const messages = report.messages.map(({ chart, ...m }) => ({
      ...m,
      ...(chart ? { chart: { name: chart.name, bytes: chart.png.length } } : {}),
    }));
    write(JSON.stringify({ ...report, messages }));
  } else {
    for (const message of report.messages) write(`${messageText(message)}\n`);
    write(summary(report));
  }
  return report.providers.some((p) => !p.ok && !p.skipped) ? 1 : 0;
}
