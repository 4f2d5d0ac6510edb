import { commands } from '../../commands/index.js';
import { type AlertSink, createConfiguredNotifier, ensureDemoRules } from '../notify/index.js';
import { createDispatcher } from '../runtime/dispatch.js';
import { scheduleMaintenance } from '../storage/maintenance.js';
import type { App } from './boot.js';
import { configProblem, type VerbArgs } from './cli.js';
import { withApp } from './with-app.js';

/** Resolves on Ctrl-C or a service manager's stop. */
function untilStopped(stopRequested: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (stopRequested.aborted) resolve();
    else stopRequested.addEventListener('abort', () => resolve(), { once: true });
  });
}

/**
 * Every configured chat adapter and the notifier; the console when no chat platform is set.
 * discord.js and Bolt are loaded here, and only for the platform that is configured. On a stop request
 * each part is stopped in turn, the adapters waiting for the commands they took, before the app closes.
 */
async function start(app: App, out: string | undefined, stopRequested: AbortSignal): Promise<number> {
  const dispatcher = createDispatcher(app.services, commands);
  const stops: Array<() => Promise<void>> = [];
  const sinks: AlertSink[] = [];
  const maintenance = scheduleMaintenance(app.services.store, app.logger);
  stops.push(async () => maintenance.stop());
  try {
    if (app.config.discord) {
      const { startDiscordAdapter } = await import('../../adapters/discord/index.js');
      const discord = await startDiscordAdapter(app, dispatcher);
      stops.push(() => discord.stop());
      sinks.push(discord.alertSink);
    }
    if (app.config.slack) {
      const { startSlackAdapter } = await import('../../adapters/slack/index.js');
      const { createSlackAlertSink } = await import('../../adapters/slack/alert-sink.js');
      const slack = await startSlackAdapter(app, dispatcher);
      stops.push(() => slack.stop());
      sinks.push(
        createSlackAlertSink({
          token: app.config.slack.botToken,
          ...(app.config.slack.apiUrl ? { apiUrl: app.config.slack.apiUrl } : {}),
          logger: app.logger,
        }),
      );
    }
    if (app.sandbox) await ensureDemoRules(app.services, new Date(), app.sandbox.demoBalanceBelow);
    const { notifier, settings } = createConfiguredNotifier({
      services: app.services,
      env: app.config.env,
      sinks,
      logger: app.logger,
    });
    if (settings.enabled) {
      notifier.start();
      stops.push(() => notifier.stop());
    }
    if (!app.config.discord && !app.config.slack) {
      app.logger.info('no chat platform is configured; opening the console');
      const { runConsole } = await import('../../adapters/terminal/console.js');
      await runConsole(app, dispatcher, { ...(out ? { out } : {}), stopRequested });
    } else {
      app.logger.info(
        { discord: Boolean(app.config.discord), slack: Boolean(app.config.slack) },
        'resellerops is running',
      );
      await untilStopped(stopRequested);
    }
    return 0;
  } finally {
    for (const stop of stops.reverse())
      await stop().catch((error: unknown) => app.logger.warn({ err: error }, 'stop failed'));
    app.logger.info('resellerops stopped');
  }
}

/** `resellerops start`. */
export function run({ flags }: VerbArgs): Promise<number> {
  return withApp(
    flags.sandbox,
    undefined,
    (app, stopRequested) => start(app, flags.out, stopRequested),
    configProblem,
    { stopsOnRequest: true },
  );
}
