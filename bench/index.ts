import { runChatRssBench } from './chat-rss.js';
import { runDiscordBench } from './discord.js';
import { runNotifyBench } from './notify.js';
import { runSlackBench } from './slack.js';
import { runStorageBench } from './storage.js';

/**
 * `npm run bench`: every benchmark in turn (not part of `npm test`). Each prints its figures and
 * target; the exit status is 1 when any target was missed. `npm run bench -- storage notify` runs some.
 */
const all = {
  storage: async () => {
    await runStorageBench();
    return process.exitCode !== 1;
  },
  discord: async () => (await runDiscordBench()).ok,
  slack: async () => (await runSlackBench()).ok,
  'chat-rss': async () => (await runChatRssBench()).ok,
  notify: () => runNotifyBench(),
} as const;

const wanted = process.argv.slice(2).filter((name) => name in all) as Array<keyof typeof all>;
const missed: string[] = [];
for (const name of wanted.length > 0 ? wanted : (Object.keys(all) as Array<keyof typeof all>)) {
  console.log(`\n=== ${name} ===`);
  if (!(await all[name]())) missed.push(name);
}
console.log(missed.length === 0 ? '\nAll benchmark targets met.' : `\nTargets missed: ${missed.join(', ')}`);
process.exitCode = missed.length === 0 ? 0 : 1;
