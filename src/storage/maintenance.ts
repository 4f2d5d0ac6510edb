import { Cron } from 'croner';
import type { Logger } from '../logger.js';
import type { Store } from './store.js';

/**
 * Housekeeping on a schedule, for the long-running `resellerops start`: changes left `started` by
 * processes that ended become outcome_unknown, and the journal, confirmations, interaction claims
 * and delivered alerts are compacted (files) or pruned (PostgreSQL), so nothing grows with history.
 * Any process may run it; with several `start` processes each does, which is harmless.
 */
export function scheduleMaintenance(store: Store, logger: Logger, everyMs = 60 * 60_000): { stop(): void } {
  const job = new Cron(
    '* * * * * *',
    {
      interval: Math.max(1, Math.round(everyMs / 1000)),
      startAt: new Date(Date.now() + everyMs),
      protect: true,
      unref: true,
    },
    async () => {
      try {
        const report = await store.maintain();
        logger.info({ maintenance: report }, 'storage maintenance done');
      } catch (err) {
        logger.error({ err }, 'storage maintenance failed');
      }
    },
  );
  return { stop: () => job.stop() };
}
