import { type Figure, report } from './figures.js';

/**
 * One benchmark in this process, importing only its own module; it sends its figures to
 * bench/index.ts and exits 1 when it missed a target.
 */
const benches: Record<string, () => Promise<Figure[]>> = {
  'cold-start': async () => (await import('./cold-start.js')).runColdStartBench(),
  discord: async () => (await import('./discord.js')).runDiscordBench(),
  slack: async () => (await import('./slack.js')).runSlackBench(),
  'idle-rss': async () => (await import('./idle-rss.js')).runIdleRssBench(),
  notify: async () => (await import('./notify.js')).runNotifyBench(),
  install: async () => (await import('./install-size.js')).runInstallSizeBench(),
  storage: async () => (await import('./storage.js')).runStorageBench(),
};

const name = process.argv[2] ?? '';
const run = benches[name];
if (!run) {
  console.error(`Unknown benchmark "${name}". Choose from: ${Object.keys(benches).join(', ')}`);
  process.exit(2);
}
process.exit(report(await run()) ? 0 : 1);
