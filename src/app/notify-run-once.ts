import { runNotifyOnce } from '../../adapters/terminal/notify.js';
import type { AlertSink } from '../notify/index.js';
import type { App } from './boot.js';
import { fail, usage, type VerbArgs } from './cli.js';
import { withApp } from './with-app.js';

/**
 * Chat sinks that post over REST alone (no gateway or receiver needed), each platform's library
 * loaded only when that platform is configured.
 */
async function restAlertSinks(app: App): Promise<AlertSink[]> {
  const sinks: AlertSink[] = [];
  if (app.config.discord) {
    const { createDiscordAlertSink } = await import('../../adapters/discord/alert-sink.js');
    sinks.push(createDiscordAlertSink(app.config.discord));
  }
  if (app.config.slack) {
    const { createSlackAlertSink } = await import('../../adapters/slack/alert-sink.js');
    const { botToken, apiUrl } = app.config.slack;
    sinks.push(createSlackAlertSink({ token: botToken, ...(apiUrl ? { apiUrl } : {}), logger: app.logger }));
  }
  return sinks;
}

/** `resellerops notify run-once`: one alert sweep, for cron. */
export function run({ sub, flags }: VerbArgs): Promise<number> {
  if (sub !== 'run-once') fail(`Did you mean: resellerops notify run-once\n${usage}`);
  return withApp(flags.sandbox, flags.json ? 'warn' : undefined, async (app) =>
    runNotifyOnce(app, { json: flags.json, sinks: await restAlertSinks(app) }),
  );
}
