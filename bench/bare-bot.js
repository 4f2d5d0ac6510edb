// The baseline for the chat benchmarks: bare discord.js and/or bare Bolt, whose handlers only
// acknowledge. Plain JavaScript run by plain `node`, as the product's compiled CLI is, so neither
// side pays for a loader the other does not. `node bench/bare-bot.js discord slack`; configured
// by the same variables as the product (DISCORD_TOKEN, DISCORD_API_URL, SLACK_BOT_TOKEN,
// SLACK_SIGNING_SECRET, SLACK_API_URL, SLACK_PORT). Prints "ready" on stderr once connected.
// `memory-settings` gives it the V8 settings the product's CLI applies at start-up
// (bin/memory-settings.js), so that a latency comparison runs both sides with the same flags.
import { applyMemorySettings } from '../bin/memory-settings.js';

const want = new Set(process.argv.slice(2));
if (want.has('memory-settings')) applyMemorySettings();
const env = process.env;
const stops = [];

if (want.has('discord')) {
  const { Client, Events, GatewayIntentBits, MessageFlags } = await import('discord.js');
  const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: env.DISCORD_API_URL } });
  client.on(Events.InteractionCreate, (interaction) => {
    if (interaction.isChatInputCommand()) interaction.deferReply({ flags: MessageFlags.Ephemeral }).catch(() => {});
  });
  const ready = new Promise((resolve) => client.once(Events.ClientReady, resolve));
  await client.login(env.DISCORD_TOKEN);
  await ready;
  stops.push(() => client.destroy());
}

if (want.has('slack')) {
  const { App, HTTPReceiver, LogLevel } = await import('@slack/bolt');
  const receiver = new HTTPReceiver({ signingSecret: env.SLACK_SIGNING_SECRET, processBeforeResponse: false });
  const app = new App({
    token: env.SLACK_BOT_TOKEN,
    receiver,
    clientOptions: { slackApiUrl: env.SLACK_API_URL },
    logLevel: LogLevel.ERROR,
  });
  app.command(/.*/, async ({ ack }) => {
    await ack();
  });
  await app.start(Number(env.SLACK_PORT));
  stops.push(() => app.stop());
}

process.stderr.write('ready\n');
const stop = async () => {
  for (const s of stops) await s();
  process.exit(0);
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
