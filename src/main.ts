import { parseArgs } from 'node:util';
import {
  createDiscordAlertSink,
  deployDiscordCommands,
  probeDiscord,
  startDiscordAdapter,
} from '../adapters/discord/index.js';
import { createSlackAlertSink } from '../adapters/slack/alert-sink.js';
import { manifestOptionsFromFlags, probeSlack, slackManifestJson, startSlackAdapter } from '../adapters/slack/index.js';
import { runConsole } from '../adapters/terminal/console.js';
import { runDataExport, runDataImport } from '../adapters/terminal/data.js';
import { runDoctor } from '../adapters/terminal/doctor.js';
import { execFailure, runExec } from '../adapters/terminal/exec.js';
import { runNotifyOnce } from '../adapters/terminal/notify.js';
import { commands } from '../commands/index.js';
import { type App, bootApp } from './app/boot.js';
import { ConfigError, loadConfig, readDotEnv } from './config.js';
import { AppError, UserInputError } from './errors.js';
import { type AlertSink, createConfiguredNotifier, ensureDemoRules } from './notify/index.js';
import { providerIds } from './providers/registry.js';
import { createDispatcher } from './runtime/dispatch.js';
import { scheduleMaintenance } from './storage/maintenance.js';

const usage = `Usage:
  resellerops start [--sandbox]                       Discord and/or Slack and the notifier (the console when no chat is set)
  resellerops console [--sandbox] [--out DIR]         interactive prompt; one command per line from a pipe
  resellerops exec "<command>" [--json] [--out DIR] [--sandbox] [--idempotency-key KEY]
  resellerops doctor [--sandbox]                      check the configuration, the chat tokens and every provider
  resellerops notify run-once [--sandbox] [--json]    one alert sweep (for cron)
  resellerops data export [--out FILE]                everything stored, as JSON lines (a backup; files ⇄ PostgreSQL)
  resellerops data import FILE [--replace]            load an export into an empty store (--replace: empty it first)
  resellerops discord deploy                          register the slash commands (guild when DISCORD_GUILD_ID is set)
  resellerops slack manifest [--socket | --url URL]   print the Slack app manifest (Socket Mode unless --url)
  resellerops help                                    this text`;
const execUsage = 'Usage: resellerops exec "<command>" [--json] [--out DIR] [--sandbox] [--idempotency-key KEY]';

function fail(message: string, code = 2): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

/** Exit 2 for a configuration or usage problem, 1 for anything else (a broken data file, say). */
function configProblem(error: unknown): never {
  if (error instanceof ConfigError || error instanceof AppError)
    fail(`${error.message}${error.hint ? `\n${error.hint}` : ''}`, error.code === 'invalid_input' ? 2 : 1);
  throw error;
}

const isParseArgsError = (error: unknown): error is TypeError =>
  error instanceof TypeError && Boolean((error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS'));

/** `exec … --json` (flags before any `--`): every outcome is then one JSON envelope on stdout. */
function wantsJsonEnvelope(argv: readonly string[]): boolean {
  const flags = argv.includes('--') ? argv.slice(0, argv.indexOf('--')) : argv;
  return argv[0] === 'exec' && flags.includes('--json');
}

/** Resolves on Ctrl-C or a service manager's stop. */
function untilStopped(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}

async function withApp(
  sandbox: boolean,
  logLevel: string | undefined,
  work: (app: App) => Promise<number>,
  failedToStart: (error: unknown) => number = configProblem,
): Promise<number> {
  let app: App;
  try {
    app = await bootApp({ sandbox, ...(logLevel ? { logLevel } : {}) });
  } catch (error) {
    return failedToStart(error);
  }
  const stop = async () => {
    await app.close();
    process.exit(130);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    return await work(app);
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    await app.close();
  }
}

/** Chat sinks that post over REST alone, for `notify run-once` (no gateway or receiver needed). */
function restAlertSinks(app: App): AlertSink[] {
  const sinks: AlertSink[] = [];
  if (app.config.discord) sinks.push(createDiscordAlertSink(app.config.discord));
  if (app.config.slack) {
    const { botToken, apiUrl } = app.config.slack;
    sinks.push(createSlackAlertSink({ token: botToken, ...(apiUrl ? { apiUrl } : {}), logger: app.logger }));
  }
  return sinks;
}

/** `start`: every configured chat adapter and the notifier; the console when no chat platform is set. */
async function start(app: App, out: string | undefined): Promise<number> {
  const dispatcher = createDispatcher(app.services, commands);
  const stops: Array<() => Promise<void>> = [];
  const sinks: AlertSink[] = [];
  const maintenance = scheduleMaintenance(app.services.store, app.logger);
  stops.push(async () => maintenance.stop());
  try {
    if (app.config.discord) {
      const discord = await startDiscordAdapter(app, dispatcher);
      stops.push(() => discord.stop());
      sinks.push(discord.alertSink);
    }
    if (app.config.slack) {
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
      await runConsole(app, dispatcher, out ? { out } : {});
    } else {
      app.logger.info(
        { discord: Boolean(app.config.discord), slack: Boolean(app.config.slack) },
        'resellerops is running',
      );
      await untilStopped();
    }
    return 0;
  } finally {
    for (const stop of stops.reverse())
      await stop().catch((error: unknown) => app.logger.warn({ err: error }, 'stop failed'));
  }
}

function parseFlags(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      sandbox: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      out: { type: 'string' },
      url: { type: 'string' },
      socket: { type: 'boolean', default: false },
      'idempotency-key': { type: 'string' },
      replace: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
}

async function main(argv: string[]): Promise<number> {
  let parsed: ReturnType<typeof parseFlags>;
  try {
    parsed = parseFlags(argv);
  } catch (error) {
    if (isParseArgsError(error) && wantsJsonEnvelope(argv)) {
      return execFailure(new UserInputError(error.message, { hint: execUsage }), { json: true });
    }
    throw error;
  }
  const { values, positionals } = parsed;
  const [verb, sub, ...rest] = positionals;
  const sandbox = values.sandbox ?? false;
  if (!verb || verb === 'help' || values.help) {
    process.stdout.write(`${usage}\n`);
    return verb || values.help ? 0 : 2;
  }
  switch (verb) {
    case 'exec': {
      const json = values.json ?? false;
      if (!sub?.trim() || rest.length > 0) {
        const said = sub?.trim()
          ? `exec takes one quoted command, not ${rest.length + 1} words.`
          : 'Type a command to run.';
        if (json) return execFailure(new UserInputError(said, { hint: execUsage }), { json });
        fail(`${said} For example: resellerops exec "customer list ${providerIds[0]}"\n${usage}`);
      }
      // --json keeps stdout for exactly one JSON object; only warnings reach stderr.
      return withApp(
        sandbox,
        json ? 'warn' : undefined,
        (app) =>
          runExec(app, createDispatcher(app.services, commands), sub, {
            json,
            ...(values.out ? { out: values.out } : {}),
            ...(values['idempotency-key'] ? { idempotencyKey: values['idempotency-key'] } : {}),
          }),
        (error) => (json ? execFailure(error, { json }) : configProblem(error)),
      );
    }
    case 'console':
      return withApp(sandbox, 'warn', async (app) => {
        await runConsole(app, createDispatcher(app.services, commands), values.out ? { out: values.out } : {});
        return 0;
      });
    case 'start':
      return withApp(sandbox, undefined, (app) => start(app, values.out));
    case 'doctor':
      return withApp(sandbox, 'warn', (app) =>
        runDoctor(app, (text) => process.stdout.write(`${text}\n`), {
          probes: { discord: probeDiscord, slack: probeSlack },
        }),
      );
    case 'notify':
      if (sub !== 'run-once') fail(`Did you mean: resellerops notify run-once\n${usage}`);
      return withApp(sandbox, values.json ? 'warn' : undefined, (app) =>
        runNotifyOnce(app, { json: values.json ?? false, sinks: restAlertSinks(app) }),
      );
    case 'data': {
      const report = (text: string) => process.stderr.write(`${text}\n`);
      const problem = (error: unknown): number => {
        if (!(error instanceof AppError)) throw error;
        report(`${error.message}${error.hint ? `\n${error.hint}` : ''}`);
        return error.code === 'invalid_input' ? 2 : 1;
      };
      if (sub === 'export')
        return withApp(false, 'warn', (app) => runDataExport(app, values.out, report).catch(problem));
      if (sub === 'import') {
        const options = { replace: values.replace ?? false };
        return withApp(false, 'warn', (app) => runDataImport(app, rest[0], options, report).catch(problem));
      }
      fail(`Did you mean: resellerops data export [--out FILE] or resellerops data import FILE [--replace]\n${usage}`);
      break;
    }
    case 'discord': {
      if (sub !== 'deploy') fail(`Did you mean: resellerops discord deploy\n${usage}`);
      let config: ReturnType<typeof loadConfig>;
      try {
        config = loadConfig({ ...readDotEnv(), ...process.env });
      } catch (error) {
        configProblem(error);
      }
      if (!config.discord) fail('Set DISCORD_TOKEN and DISCORD_APPLICATION_ID first (see .env.example).');
      const result = await deployDiscordCommands(config.discord, commands);
      process.stdout.write(
        `Registered ${result.commands} commands ${result.scope === 'guild' ? `in guild ${result.guildId} (available now)` : 'globally (may take up to an hour to appear)'}.\n`,
      );
      return 0;
    }
    case 'slack': {
      if (sub !== 'manifest') fail(`Did you mean: resellerops slack manifest\n${usage}`);
      let options: ReturnType<typeof manifestOptionsFromFlags>;
      try {
        options = manifestOptionsFromFlags({ socket: values.socket ?? false, url: values.url });
      } catch (error) {
        fail(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
      }
      process.stdout.write(`${slackManifestJson(commands, options)}\n`);
      return 0;
    }
    default:
      fail(`Unknown command "${verb}".\n${usage}`);
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof TypeError && (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      fail(`${error.message}\n${usage}`);
    }
    process.stderr.write(`resellerops: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
