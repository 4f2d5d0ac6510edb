import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startSandbox } from '../src/sandbox/index.js';
import { DiscordFake } from '../test/helpers/discord-fake/server.js';
import { startSlackFake } from '../test/helpers/slack-fake/index.js';

/**
 * Idle RSS of the app with both chat platforms connected (Discord over the gateway of a local
 * fake, Slack in HTTP mode against a local fake Web API; five providers configured against the
 * simulators) next to a bare discord.js client + bare Bolt app that only acknowledge. Each runs in
 * a fresh process with `--import tsx --expose-gc`, as `resellerops start` runs from its sources;
 * the figure is the median of five samples taken after a full GC, 5 s after connecting.
 * Target: rss(app) / rss(bare) ≤ 1.5.
 */
const maxRatio = 1.5;
const settleMs = 5_000;

export interface ChatRssResult {
  appMb: number;
  bareMb: number;
  ratio: number;
  ok: boolean;
}

async function measure(mode: 'app' | 'bare', env: Record<string, string>): Promise<{ rss: number; heapUsed: number }> {
  const child = fork(fileURLToPath(new URL('./chat-rss-child.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx', '--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`${mode} process exited early (${code})`)));
    child.once('message', (m) => resolve(m as { rss: number; heapUsed: number }));
    child.send({ mode, env, settleMs });
  });
}

export async function runChatRssBench(print: (line: string) => void = console.log): Promise<ChatRssResult> {
  const sandbox = await startSandbox();
  const discord = await DiscordFake.start();
  const slack = await startSlackFake();
  try {
    const env: Record<string, string> = {
      ...sandbox.env,
      DISCORD_TOKEN: discord.token,
      DISCORD_APPLICATION_ID: discord.applicationId,
      DISCORD_API_URL: discord.apiUrl,
      SLACK_BOT_TOKEN: 'xoxb-rss-bench',
      SLACK_SIGNING_SECRET: 'rss-bench-secret',
      SLACK_API_URL: slack.apiUrl,
    };
    // Alternate, twice each, and keep each side's lower figure: less noise from the machine.
    const app: number[] = [];
    const bare: number[] = [];
    for (let i = 0; i < 2; i++) {
      bare.push((await measure('bare', env)).rss);
      app.push((await measure('app', env)).rss);
    }
    const mb = (n: number) => n / 1024 / 1024;
    const appMb = mb(Math.min(...app));
    const bareMb = mb(Math.min(...bare));
    const ratio = appMb / bareMb;
    const result = { appMb, bareMb, ratio, ok: ratio <= maxRatio };
    print('idle RSS with Discord (gateway) and Slack (HTTP mode) connected:');
    print(`  bare discord.js + Bolt (ack only)  ${bareMb.toFixed(1)} MB`);
    print(`  resellerops app, both adapters     ${appMb.toFixed(1)} MB`);
    print(`  ratio ${ratio.toFixed(2)} (target ≤ ${maxRatio}) ${result.ok ? 'OK' : 'OVER'}`);
    return result;
  } finally {
    await slack.close();
    await discord.close();
    await sandbox.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const result = await runChatRssBench();
  process.exit(result.ok ? 0 : 1);
}
