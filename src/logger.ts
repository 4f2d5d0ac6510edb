import { createRequire } from 'node:module';
import type pino from 'pino';
import type PinoPretty from 'pino-pretty';

/** What the bot logs through: pino's calls it makes (a pino logger is one). */
export interface Logger {
  error: pino.LogFn;
  warn: pino.LogFn;
  info: pino.LogFn;
  debug: pino.LogFn;
  child(bindings: pino.Bindings): Logger;
}

/** Field names whose values are never written, wherever they sit in a log object. */
const secretPaths = [
  'password',
  'newPassword',
  'apiKey',
  'token',
  'key',
  'content',
  'authorization',
  '*.password',
  '*.apiKey',
  '*.token',
  '*.content',
  '*.authorization',
  'headers.authorization',
];

export interface LoggerOptions {
  /** Whether a person reads the output (default: whether stderr is a terminal). */
  isTTY?: boolean;
  /** Where lines go (default stderr). */
  destination?: NodeJS.WritableStream;
}

const require = createRequire(import.meta.url);

/** pino-pretty is loaded only for a terminal, so a service's start-up and memory do not carry it. */
function prettyStream(destination: NodeJS.WritableStream | number): PinoPretty.PrettyStream {
  const pretty = require('pino-pretty') as typeof PinoPretty;
  return pretty({ destination, sync: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' });
}

const levelValues = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60, silent: Infinity };

/**
 * A logger whose pino is built by its first line at or above `level`: loading pino (its worker
 * transports, sonic-boom) is a good part of a terminal command's start-up, and most commands log
 * nothing. A child is as lazy as its parent.
 */
function lazyLogger(level: string, build: () => pino.Logger): Logger {
  let built: pino.Logger | undefined;
  const real = () => {
    built ??= build();
    return built;
  };
  const threshold = levelValues[level as keyof typeof levelValues] ?? levelValues.info;
  const method =
    (name: 'error' | 'warn' | 'info' | 'debug'): pino.LogFn =>
    (...args: Parameters<pino.LogFn>) => {
      if (levelValues[name] >= threshold) real()[name](...args);
    };
  return {
    error: method('error'),
    warn: method('warn'),
    info: method('info'),
    debug: method('debug'),
    child: (bindings) => lazyLogger(level, () => real().child(bindings)),
  };
}

/**
 * Logs go to stderr so that `exec --json` keeps stdout for its one JSON object: readable lines when
 * stderr is a terminal, one JSON object per line otherwise (a service manager, a file, a pipe).
 * Secrets are redacted either way.
 */
export function createLogger(level = 'info', options: LoggerOptions = {}): Logger {
  const settings = { level, redact: { paths: secretPaths, censor: '***' } };
  const isTTY = options.isTTY ?? Boolean(process.stderr.isTTY);
  return lazyLogger(level, () => {
    const pino = require('pino') as typeof import('pino').default;
    if (isTTY) return pino(settings, prettyStream(options.destination ?? 2));
    return pino(settings, options.destination ?? pino.destination(2));
  });
}

/** Logs nothing, and never loads pino. */
export const silentLogger: Logger = lazyLogger('silent', () => {
  throw new Error('a silent logger writes nothing');
});
