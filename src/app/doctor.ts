import { runDoctor } from '../../adapters/terminal/doctor.js';
import type { VerbArgs } from './cli.js';
import { withApp } from './with-app.js';

/** `resellerops doctor`: the configuration, the chat tokens and every provider, checked. */
export function run({ flags }: VerbArgs): Promise<number> {
  return withApp(flags.sandbox, 'warn', (app) =>
    runDoctor(app, (text) => process.stdout.write(`${text}\n`), {
      // Each chat library is loaded only when its platform is configured and probed.
      probes: {
        discord: async (settings) => (await import('../../adapters/discord/probe.js')).probeDiscord(settings),
        slack: async (settings) => (await import('../../adapters/slack/probe.js')).probeSlack(settings),
      },
    }),
  );
}
