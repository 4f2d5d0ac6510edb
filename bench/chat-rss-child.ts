import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * One side of bench/chat-rss.ts, in a fresh process: `app` runs what `resellerops start` runs
 * (boot, store, providers, services, both chat adapters; Slack in HTTP mode), `bare` runs a plain
 * discord.js client and a plain Bolt app whose handlers only acknowledge. Once connected and idle it
 * reports its RSS (median of samples after a full GC) over IPC. Each side imports only what it runs.
 */
interface Job {
  mode: 'app' | 'bare';
  env: Record<string, string>;
  settleMs: number;
}

const gc = (globalThis as { gc?: () => void }).gc;

async function sampleRss(settleMs: number): Promise<{ rss: number; heapUsed: number }> {
  await new Promise((r) => setTimeout(r, settleMs));
  const rss: number[] = [];
  let heapUsed = 0;
  for (let i = 0; i < 5; i++) {
    gc?.();
    await new Promise((r) => setTimeout(r, 200));
    const m = process.memoryUsage();
    rss.push(m.rss);
    heapUsed = m.heapUsed;
  }
  rss.sort((a, b) => a - b);
  return { rss: rss[2] as number, heapUsed };
}

process.once('message', async (job: Job) => {
  let stop: () => Promise<void>;
  if (job.mode === 'app') {
    const { startDiscordAdapter } = await import('../adapters/discord/index.js');
    const { startSlackAdapter } = await import('../adapters/slack/index.js');
    const { commands } = await import('../commands/index.js');
    const { bootApp } = await import('../src/app/boot.js');
    const { createDispatcher } = await import('../src/runtime/dispatch.js');
    const dataDir = await mkdtemp(join(tmpdir(), 'resellerops-rss-'));
    const app = await bootApp({ env: { ...job.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' } });
    const dispatcher = createDispatcher(app.services, commands);
    const discord = await startDiscordAdapter(app, dispatcher);
    const slack = await startSlackAdapter(app, dispatcher, { host: '127.0.0.1', port: 0 });
    stop = async () => {
      await discord.stop();
      await slack.stop();
      await app.close();
    };
  } else {
    const { App: BoltApp, HTTPReceiver } = await import('@slack/bolt');
    const { Client, Events, GatewayIntentBits, MessageFlags } = await import('discord.js');
    const client = new Client({
      intents: [GatewayIntentBits.Guilds],
      rest: { api: job.env.DISCORD_API_URL as string },
    });
    client.on(Events.InteractionCreate, (i) => {
      if (i.isChatInputCommand()) i.deferReply({ flags: MessageFlags.Ephemeral }).catch(() => {});
    });
    const ready = new Promise((resolve) => client.once(Events.ClientReady, resolve));
    await client.login(job.env.DISCORD_TOKEN);
    await ready;
    const receiver = new HTTPReceiver({
      signingSecret: job.env.SLACK_SIGNING_SECRET as string,
      processBeforeResponse: false,
    });
    const bolt = new BoltApp({
      token: job.env.SLACK_BOT_TOKEN,
      receiver,
      clientOptions: { slackApiUrl: job.env.SLACK_API_URL },
    });
    bolt.command(/.*/, async ({ ack }) => {
      await ack();
    });
    await receiver.start({ port: 0, host: '127.0.0.1' });
    stop = async () => {
      await client.destroy();
      await receiver.stop();
    };
  }
  const sample = await sampleRss(job.settleMs);
  process.send?.(sample, async () => {
    await stop().catch(() => {});
    process.exit(0);
  });
});
