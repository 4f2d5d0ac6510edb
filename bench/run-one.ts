/**
 * One benchmark in this process, importing only its own module (so another bench's libraries do not
 * count in its memory figures); exit status 1 when it missed its target.
 */
const benches: Record<string, () => Promise<boolean>> = {
  storage: async () => {
    await (await import('./storage.js')).runStorageBench();
    return process.exitCode !== 1;
  },
  discord: async () => (await (await import('./discord.js')).runDiscordBench()).ok,
  slack: async () => (await (await import('./slack.js')).runSlackBench()).ok,
  'chat-rss': async () => (await (await import('./chat-rss.js')).runChatRssBench()).ok,
  notify: async () => (await import('./notify.js')).runNotifyBench(),
};

const name = process.argv[2] ?? '';
const run = benches[name];
if (!run) {
  console.error(`Unknown benchmark "${name}". Choose from: ${Object.keys(benches).join(', ')}`);
  process.exit(2);
}
process.exit((await run()) ? 0 : 1);
