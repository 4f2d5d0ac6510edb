import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { demoRuleArgs } from '../src/notify/index.js';
import { startSandbox } from '../src/sandbox/index.js';
import { DiscordFake } from '../test/helpers/discord-fake/server.js';
import { startSlackFake } from '../test/helpers/slack-fake/index.js';
import { type Figure, loadNow, median, report, spreadOf } from './figures.js';
import { bareBot, cli, freePort, type Proc, startNode, stopProc, treeRssMiB, waitFor } from './proc.js';
import { seedAlertRules } from './seed-rules.js';

/**
 * Idle RSS of `resellerops start` with Discord (gateway of a local fake), Slack (HTTP mode, local
 * fake Web API) and the notifier on (the sandbox's demo rules and an alerts channel on each
 * platform, so its first sweep reads the providers, draws charts and posts alerts), next to bare
 * discord.js + bare Bolt that only acknowledge (bench/bare-bot.js). Both are started the same way,
 * plain `node` with no flags, and both run with the V8 memory settings the CLI applies at start-up
 * (bin/memory-settings.js): a bare process without them would carry V8's larger default young
 * generation and flatter the ratio. Each side's RSS is its whole process tree, read from /proc at 5 s and
 * 60 s after it is connected, with no forced GC. Three pairs, each pair side by side (who starts
 * first alternates). Target: at 60 s, RSS(bot) / RSS(bare) ≤ 1.3.
 */
const pairs = 3;
const samplesAtMs = [5_000, 60_000];
const maxRatio = 1.3;

export async function runIdleRssBench(print: (line: string) => void = console.log): Promise<Figure[]> {
  const loadStart = loadNow();
  const sandbox = await startSandbox();
  const discord = { bot: await DiscordFake.start(), bare: await DiscordFake.start() };
  const slack = await startSlackFake();
  const ratios: number[][] = samplesAtMs.map(() => []);
  const sizes = { bot: samplesAtMs.map(() => [] as number[]), bare: samplesAtMs.map(() => [] as number[]) };
  try {
    print('idle RSS (process tree, MiB) of resellerops start (Discord + Slack + notifier) vs bare discord.js + Bolt:');
    for (let pair = 0; pair < pairs; pair++) {
      const dataDir = await mkdtemp(join(tmpdir(), 'resellerops-bench-rss-'));
      await seedAlertRules(dataDir, demoRuleArgs(sandbox.demoBalanceBelow), {
        discord: discord.bot.channelId,
        slack: 'CBENCHALERTS',
      });
      const chat = async (side: 'bot' | 'bare') => ({
        DISCORD_TOKEN: discord[side].token,
        DISCORD_APPLICATION_ID: discord[side].applicationId,
        DISCORD_API_URL: discord[side].apiUrl,
        SLACK_BOT_TOKEN: 'xoxb-rss-bench',
        SLACK_SIGNING_SECRET: 'rss-bench-signing-secret-0123',
        SLACK_API_URL: slack.apiUrl,
        SLACK_PORT: String(await freePort()),
      });
      const start = {
        bot: async () => startNode(cli, ['start'], { ...sandbox.env, ...(await chat('bot')), DATA_DIR: dataDir }),
        bare: async () => startNode(bareBot, ['discord', 'slack', 'memory-settings'], await chat('bare')),
      };
      const order = pair % 2 === 0 ? (['bare', 'bot'] as const) : (['bot', 'bare'] as const);
      const procs: Partial<Record<'bot' | 'bare', Proc>> = {};
      for (const side of order) procs[side] = await start[side]();
      const { bot, bare } = procs as Record<'bot' | 'bare', Proc>;
      try {
        const readyAt = async (side: 'bot' | 'bare', proc: Proc, line: string) => {
          await waitFor(() => {
            if (proc.child.exitCode !== null) throw new Error(`${side} exited:\n${proc.stderr()}`);
            return proc.stderr().includes(line) && discord[side].sessions > 0;
          }, `${side} to connect`);
          return Date.now();
        };
        const [botReady, bareReady] = await Promise.all([
          readyAt('bot', bot, 'resellerops is running'),
          readyAt('bare', bare, 'ready'),
        ]);
        const samples = samplesAtMs.map(async (at, i) => {
          const sample = async (proc: Proc, ready: number) => {
            await new Promise((r) => setTimeout(r, Math.max(0, ready + at - Date.now())));
            return treeRssMiB(proc.child.pid as number);
          };
          const [b, r] = await Promise.all([sample(bot, botReady), sample(bare, bareReady)]);
          sizes.bot[i]?.push(b);
          sizes.bare[i]?.push(r);
          ratios[i]?.push(b / r);
        });
        await Promise.all(samples);
        print(
          `  pair ${pair + 1} (${order[0]} started first): ${samplesAtMs
            .map(
              (at, i) =>
                `at ${at / 1000} s bot ${sizes.bot[i]?.at(-1)?.toFixed(1)} / bare ${sizes.bare[i]?.at(-1)?.toFixed(1)} = ${ratios[i]?.at(-1)?.toFixed(2)}`,
            )
            .join('; ')}`,
        );
      } finally {
        await stopProc(bot);
        await stopProc(bare);
        await rm(dataDir, { recursive: true, force: true });
      }
    }
  } finally {
    await slack.close();
    await discord.bot.close();
    await discord.bare.close();
    await sandbox.close();
  }
  const load = `${loadStart} → ${loadNow()}`;
  print(`  load average ${load}`);
  return samplesAtMs.map((at, i) => {
    const values = ratios[i] ?? [];
    const value = median(values);
    const gated = at === 60_000;
    return {
      name: `idle RSS bot / bare at ${at / 1000} s${gated ? '' : ' (not gated)'}`,
      value,
      unit: '×',
      target: gated ? maxRatio : Number.POSITIVE_INFINITY,
      ok: !gated || value <= maxRatio,
      spread: `${spreadOf(values)}; bot ${median(sizes.bot[i] ?? []).toFixed(1)} MiB, bare ${median(sizes.bare[i] ?? []).toFixed(1)} MiB`,
      load,
    };
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = report(await runIdleRssBench()) ? 0 : 1;
}
