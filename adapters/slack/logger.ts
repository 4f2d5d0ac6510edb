import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Logger } from '../../src/logger.js';

/**
 * Bolt's logger interface over the app's pino logger. Bolt's debug output can hold request bodies
 * (and so secrets a user typed), so debug is dropped; errors keep only their name, code and message.
 */
export function boltLogger(logger: Logger): BoltLogger {
  let level: LogLevel = LogLevel.INFO;
  const describe = (msg: unknown[]) =>
    msg
      .map((m) =>
        m instanceof Error
          ? `${m.name}${(m as { code?: string }).code ? ` (${(m as { code?: string }).code})` : ''}: ${m.message}`
          : typeof m === 'string'
            ? m
            : '',
      )
      .filter(Boolean)
      .join(' ')
      .slice(0, 500);
  return {
    debug() {},
    info(...msg) {
      logger.info({ platform: 'slack' }, describe(msg));
    },
    warn(...msg) {
      logger.warn({ platform: 'slack' }, describe(msg));
    },
    error(...msg) {
      logger.error({ platform: 'slack' }, describe(msg));
    },
    setLevel(l) {
      level = l;
    },
    getLevel() {
      return level;
    },
    setName() {},
  };
}
