import { type ChildProcess, fork } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { newTriggerId, slashCommandBody, startSlackFake } from '../test/helpers/slack-fake/index.js';
import { runAckRounds, type Side } from './ack-rounds.js';
import { type Figure, report } from './figures.js';
import { bareBot, cli, cpuMsOf, freePort, type Proc, startNode, stopProc, waitFor, waitForPort } from './proc.js';

/**
 * Slack ack latency, end to end: bursts of 200 concurrent, signed `/customer info` slash commands
 * over HTTP while the provider takes 5 s, timed by a load generator in its own process
 * (bench/slack-load.ts) from sending a request to reading its complete HTTP answer (the ack).
 * The bot is `resellerops start` (the real CLI, Slack in HTTP mode, the notifier on as by default);
 * the baseline is a bare Bolt app whose handler only acks (bench/bare-bot.js). Each in its own
 * process, started the same way (plain `node`); the provider simulators in another
 * (bench/notify-sims.ts); the fake Slack Web API, which receives the bot's replies, in this one.
 * Both run with the V8 memory settings the CLI applies (bench/bare-bot.js `memory-settings`).
 * Runs and rounds: bench/ack-rounds.ts. Targets: p99 ratio ≤ 1.2 in every run, ≤ 1.1 median of runs.
 */
const burst = 200;
const runs = 3;
const roundsPerRun = 4;
const providerLatencyMs = 5_000;
const secret = 'bench-signing-secret-0123456789';
const owner = 'UBENCHOWNER';

function ask<T>(child: ChildProcess, message: object, reply: string): Promise<T> {
  return new Promise((resolve) => {
    const listener = (m: { type: string }) => {
      if (m.type !== reply) return;
      child.off('message', listener);
      resolve(m as T);
    };
    child.on('message', listener);
    child.send(message);
  });
}

function send(load: ChildProcess, url: string, bodies: string[]): Promise<number[]> {
  return new Promise((resolve, reject) => {
    load.once('message', (m) => {
      const results = m as Array<{ ms: number; status: number }>;
      const bad = results.filter((r) => r.status !== 200).length;
      if (bad > 0) reject(new Error(`${bad} of ${results.length} requests were not acknowledged with 200`));
      else resolve(results.map((r) => r.ms));
    });
    load.send({ url, secret, bodies });
  });
}

export async function runSlackBench(print: (line: string) => void = console.log): Promise<Figure[]> {
  const tsx = { execArgv: ['--import', 'tsx'], stdio: 'inherit' as const };
  const sims = fork(fileURLToPath(new URL('./notify-sims.ts', import.meta.url)), [], tsx);
  const load = fork(fileURLToPath(new URL('./slack-load.ts', import.meta.url)), [], tsx);
  const { env } = await ask<{ env: Record<string, string> }>(
    sims,
    { type: 'start', extraCustomers: 0, latencyMs: providerLatencyMs },
    'started',
  );
  const fake = await startSlackFake();
  const dataDir = await mkdtemp(join(tmpdir(), 'resellerops-bench-slack-'));
  const procs: Proc[] = [];
  try {
    const ports = { bot: await freePort(), bare: await freePort() };
    const slackEnv = (port: number) => ({
      SLACK_BOT_TOKEN: 'xoxb-bench',
      SLACK_SIGNING_SECRET: secret,
      SLACK_API_URL: fake.apiUrl,
      SLACK_PORT: String(port),
    });
    const bot = startNode(cli, ['start'], {
      ...env,
      ...slackEnv(ports.bot),
      DATA_DIR: dataDir,
      OWNER_SLACK_IDS: owner,
      PROVIDER_TIMEOUT_MS: '30000',
    });
    const bare = startNode(bareBot, ['slack', 'memory-settings'], slackEnv(ports.bare));
    procs.push(bot, bare);
    await waitForPort(ports.bare, bare);
    await waitForPort(ports.bot, bot);
    await waitFor(() => bot.stderr().includes('resellerops is running'), 'the bot to start');

    let responseIds = new Set<string>();
    const bodies = (side: Side, n: number) =>
      Array.from({ length: n }, () => {
        const responseUrl = fake.responseUrl();
        if (side === 'bot') responseIds.add(responseUrl.slice(responseUrl.lastIndexOf('/') + 1));
        return slashCommandBody({
          command: '/customer',
          // A customer the ProxyLite simulator seeds; the reply does not matter here, the ack does.
          text: 'info proxylite emmaclark',
          userId: owner,
          responseUrl,
          triggerId: newTriggerId(),
        });
      });
    let delivered = 0;
    const fire = (side: Side, n: number) => send(load, `http://127.0.0.1:${ports[side]}/slack/events`, bodies(side, n));
    const drain = async () => {
      const ids = responseIds;
      await fake.waitFor(() => fake.responses.filter((r) => ids.has(r.id)).length >= ids.size, 120_000);
      delivered += ids.size;
      responseIds = new Set();
    };
    print(
      `slack ack, end to end (request sent → HTTP answer read): ${runs} runs of ${roundsPerRun} rounds of a burst of ${burst} to each side, provider ${providerLatencyMs / 1000} s`,
    );
    const figures = await runAckRounds({
      what: 'slack ack',
      burst,
      runs,
      roundsPerRun,
      fire,
      drain,
      cpuMs: (side) => cpuMsOf((side === 'bot' ? bot : bare).child.pid ?? -1),
      print,
    });
    print(`  replies delivered by the bot after its acks: ${delivered}`);
    return figures;
  } finally {
    for (const p of procs) await stopProc(p);
    load.send({ close: true });
    const exited = new Promise((r) => sims.once('exit', r));
    sims.send({ type: 'close' });
    await exited;
    await fake.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = report(await runSlackBench()) ? 0 : 1;
}
