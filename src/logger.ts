import pino from 'pino';

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

/** Logs go to stderr so that `exec --json` keeps stdout for its one JSON object. */
export function createLogger(level = 'info'): Logger {
  return pino({ level, redact: { paths: secretPaths, censor: '***' } }, pino.destination(2));
}

export const silentLogger: Logger = pino({ level: 'silent' });
