import { parseArgs } from 'node:util';
import { runConsole } from '../adapters/terminal/console.js';
import { runDoctor } from '../adapters/terminal/doctor.js';
import { runExec } from '../adapters/terminal/exec.js';
import { commands } from '../commands/index.js';
import { type App, bootApp } from './app/boot.js';
import { ConfigError } from './config.js';
import { AppError } from './errors.js';
import { createDispatcher } from './services/dispatch.js';

const usage = `Usage:
  resellerops start [--sandbox]                       run the configured chat adapters (or the console)
  resellerops console [--sandbox] [--out DIR]         interactive prompt; one command per line from a pipe
  resellerops exec "<command>" [--json] [--out DIR] [--sandbox] [--idempotency-key KEY]
  resellerops doctor [--sandbox]                      check the configuration and reach every provider
  resellerops help                                    this text`;

function fail(message: string, code = 2): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

async function withApp(
  sandbox: boolean,
  logLevel: string | undefined,
  work: (app: App) => Promise<number>,
): Promise<number> {
  let app: App;
  try {
    app = await bootApp({ sandbox, ...(logLevel ? { logLevel } : {}) });
  } catch (error) {
    if (error instanceof ConfigError || error instanceof AppError) {
      fail(`${error.message}${error.hint ? `\n${error.hint}` : ''}`, 2);
    }
    throw error;
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

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      sandbox: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      out: { type: 'string' },
      'idempotency-key': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [verb, ...rest] = positionals;
  const sandbox = values.sandbox ?? false;
  if (!verb || verb === 'help' || values.help) {
    process.stdout.write(`${usage}\n`);
    return verb || values.help ? 0 : 2;
  }
  switch (verb) {
    case 'exec': {
      if (rest.length !== 1)
        fail(`exec takes one quoted command, e.g. resellerops exec "customer list proxylite"\n${usage}`);
      // --json keeps stdout for exactly one JSON object; only warnings reach stderr.
      return withApp(sandbox, values.json ? 'warn' : undefined, (app) =>
        runExec(app, createDispatcher(app.services, commands), rest[0] as string, {
          json: values.json ?? false,
          ...(values.out ? { out: values.out } : {}),
          ...(values['idempotency-key'] ? { idempotencyKey: values['idempotency-key'] } : {}),
        }),
      );
    }
    case 'console':
      return withApp(sandbox, 'warn', async (app) => {
        await runConsole(app, createDispatcher(app.services, commands), values.out ? { out: values.out } : {});
        return 0;
      });
    case 'start':
      return withApp(sandbox, undefined, async (app) => {
        if (!app.config.discord && !app.config.slack) {
          app.logger.info('no chat platform is configured; opening the console');
          await runConsole(app, createDispatcher(app.services, commands), values.out ? { out: values.out } : {});
        }
        return 0;
      });
    case 'doctor':
      return withApp(sandbox, 'warn', (app) => runDoctor(app, (text) => process.stdout.write(`${text}\n`)));
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
