import { runConsole } from '../../adapters/terminal/console.js';
import { commands } from '../../commands/index.js';
import { createDispatcher } from '../runtime/dispatch.js';
import type { VerbArgs } from './cli.js';
import { withApp } from './with-app.js';

/** `resellerops console`: the interactive prompt (one command per line from a pipe). */
export function run({ flags }: VerbArgs): Promise<number> {
  return withApp(flags.sandbox, 'warn', async (app) => {
    await runConsole(app, createDispatcher(app.services, commands), flags.out ? { out: flags.out } : {});
    return 0;
  });
}
