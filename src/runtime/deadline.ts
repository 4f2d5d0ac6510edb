import { AppError } from '../errors.js';
import type { Reply } from '../kit/reply.js';

/** Every command answers within 60 s whatever the provider does (docs/commands.md); 55 s leaves a margin. */
export const defaultDeadlineMs = 55_000;

/**
 * Runs the command, or gives up answering at the deadline. A change still under way then is reported
 * as outcome_unknown: it carries on, and the journal records how it ended.
 */
export async function withinDeadline(
  start: (deadline: AbortSignal) => Promise<Reply>,
  ms: number,
  mutates: boolean,
  path: string,
): Promise<Reply> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new AbortController();
  const run = start(deadline.signal);
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      deadline.abort();
      reject(
        mutates
          ? new AppError(
              'outcome_unknown',
              `/${path} is taking longer than ${Math.round(ms / 1000)} s; it may still go through.`,
              { hint: 'Check /audit or the account in a minute before trying again.' },
            )
          : new AppError(
              'upstream_unavailable',
              `The provider did not answer /${path} within ${Math.round(ms / 1000)} s.`,
              { hint: 'Try again in a moment.' },
            ),
      );
    }, ms);
    timer.unref();
  });
  // The command may still fail after the deadline has answered; that outcome belongs to the journal.
  run.catch(() => undefined);
  try {
    return await Promise.race([run, late]);
  } finally {
    clearTimeout(timer);
  }
}
