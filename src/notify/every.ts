import { Cron } from 'croner';

/** Calls `run` every `ms`, the first time one interval from now; `stop()` ends it. */
export type Every = (ms: number, run: () => Promise<void>) => { stop(): void };

/** croner: `protect` skips a tick while the previous run still goes on; `interval` spaces them. */
export const everyWithCroner: Every = (ms, run) =>
  new Cron(
    '* * * * * *',
    {
      interval: Math.max(1, Math.round(ms / 1000)),
      startAt: new Date(Date.now() + ms),
      protect: true,
      unref: true,
    },
    run,
  );
