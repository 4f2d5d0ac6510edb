import { createRequire } from 'node:module';
import pino from 'pino';
import type PinoPretty from 'pino-pretty';

export type Logger = pino.Logger;

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

/** pino-pretty is loaded only for a terminal, so a service's start-up and memory do not carry it. */
function prettyStream(destination: NodeJS.WritableStream | number): PinoPretty.PrettyStream {
  const pretty = createRequire(import.meta.url)('pino-pretty') as typeof PinoPretty;
  return pretty({ destination, sync: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' });
}

/**
 * Logs go to stderr so that `exec --json` keeps stdout for its one JSON object: readable lines when
 * stderr is a terminal, one JSON object per line otherwise (a service manager, a file, a pipe).
 * Secrets are redacted either way.
 */
export function createLogger(level = 'info', options: LoggerOptions = {}): Logger {
  const settings = { level, redact: { paths: secretPaths, censor: '***' } };
  const isTTY = options.isTTY ?? Boolean(process.stderr.isTTY);
  if (isTTY) return pino(settings, prettyStream(options.destination ?? 2));
  return pino(settings, options.destination ?? pino.destination(2));
}

export const silentLogger: Logger = pino({ level: 'silent' });
