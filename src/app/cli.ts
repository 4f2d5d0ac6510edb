import { ConfigError } from '../config.js';
import { AppError } from '../errors.js';

/** What every verb gets from the command line: its subcommand, the rest, and the parsed flags. */
export interface VerbArgs {
  sub: string | undefined;
  rest: string[];
  flags: {
    sandbox: boolean;
    json: boolean;
    socket: boolean;
    replace: boolean;
    out?: string | undefined;
    url?: string | undefined;
    'idempotency-key'?: string | undefined;
  };
}

export const usage = `Usage:
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

export function fail(message: string, code = 2): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

export const execUsage = 'Usage: resellerops exec "<command>" [--json] [--out DIR] [--sandbox] [--idempotency-key KEY]';

/**
 * A problem that stops the app from starting ends the command with its message and hint: exit 2 for
 * a configuration or usage problem, 1 for anything else (a broken data file, say). Others are rethrown.
 */
export function configProblem(error: unknown): never {
  if (error instanceof ConfigError || error instanceof AppError)
    fail(`${error.message}${error.hint ? `\n${error.hint}` : ''}`, error.code === 'invalid_input' ? 2 : 1);
  throw error;
}
