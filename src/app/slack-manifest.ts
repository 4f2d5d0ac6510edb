import { manifestOptionsFromFlags, slackManifestJson } from '../../adapters/slack/manifest.js';
import { commands } from '../../commands/index.js';
import { fail, usage, type VerbArgs } from './cli.js';

/** `resellerops slack manifest`: the Slack app manifest, to paste into api.slack.com. */
export function run({ sub, flags }: VerbArgs): Promise<number> {
  if (sub !== 'manifest') fail(`Did you mean: resellerops slack manifest\n${usage}`);
  let options: ReturnType<typeof manifestOptionsFromFlags>;
  try {
    options = manifestOptionsFromFlags({ socket: flags.socket, url: flags.url });
  } catch (error) {
    fail(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
  }
  process.stdout.write(`${slackManifestJson(commands, options)}\n`);
  return Promise.resolve(0);
}
