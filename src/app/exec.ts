import { execFailure, runExec } from '../../adapters/terminal/exec.js';
import { commands } from '../../commands/index.js';
import { UserInputError } from '../errors.js';
import { providerIds } from '../providers/registry.js';
import { createDispatcher } from '../runtime/dispatch.js';
import { configProblem, execUsage, fail, usage, type VerbArgs } from './cli.js';
import { withApp } from './with-app.js';

/** `resellerops exec "<command>"`: one command, its reply on stdout, its outcome in the exit status. */
export function run({ sub, rest, flags }: VerbArgs): Promise<number> {
  const json = flags.json;
  if (!sub?.trim() || rest.length > 0) {
    const said = sub?.trim()
      ? `exec takes one quoted command, not ${rest.length + 1} words.`
      : 'Type a command to run.';
    if (json) return Promise.resolve(execFailure(new UserInputError(said, { hint: execUsage }), { json }));
    fail(`${said} For example: resellerops exec "customer list ${providerIds[0]}"\n${usage}`);
  }
  // --json keeps stdout for exactly one JSON object; only warnings reach stderr. The store opens with
  // the command's first read or write: a command that keeps nothing (`/help`) touches no data file,
  // and one that does reports a broken store in its reply, with the same error code as at start.
  return withApp(
    flags.sandbox,
    json ? 'warn' : undefined,
    (app) =>
      runExec(app, createDispatcher(app.services, commands), sub, {
        json,
        ...(flags.out ? { out: flags.out } : {}),
        ...(flags['idempotency-key'] ? { idempotencyKey: flags['idempotency-key'] } : {}),
      }),
    (error) => (json ? execFailure(error, { json }) : configProblem(error)),
    { store: 'when-used' },
  );
}
