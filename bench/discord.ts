import { type ChildProcess, fork } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runAckRounds, type Side } from './ack-rounds.js';
import { type Figure, report } from './figures.js';
import { bareBot, cli, cpuMsOf, type Proc, startNode, stopProc, waitFor } from './proc.js';

/**
 * Discord defer latency, end to end: bursts of 200 concurrent `/customer info` slash commands,
 * dispatched as INTERACTION_CREATE on a local Discord fake's gateway, while the provider takes 5 s.
 * The bot is `resellerops start` (the real CLI, Discord configured, the notifier on as by default);
 * the baseline is bare discord.js whose handler only defers (bench/bare-bot.js). Each runs in its own
 * process, started the same way (plain `node`); the fakes and the provider simulators run in a third
 * (bench/discord-fake-child.ts), whose clock times each command from dispatch to the defer callback.
 * Both run with the V8 memory settings the CLI applies (bench/bare-bot.js `memory-settings`).
 * Runs and rounds: bench/ack-rounds.ts. Targets: p99 ratio ≤ 1.2 in every run, ≤ 1.1 median of runs.
 */
const burst = 200;
const runs = 3;
const roundsPerRun = 4;
const providerLatencyMs = 5_000;
const owner = { id: '700000000000000001', username: 'bench' };

function ask<T>(child: ChildProcess, message: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    child.once('error', onError);
    child.once('message', (m) => {
      child.off('error', onError);
      resolve(m as T);
    });
    child.send(message as never);
  });
}

export async function runDiscordBench(print: (line: string) => void = console.log): Promise<Figure[]> {
  const fakes = fork(fileURLToPath(new URL('./discord-fake-child.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const info = await ask<{
    bot: { apiUrl: string };
    bare: { apiUrl: string };
    token: string;
    applicationId: string;
    env: Record<string, string>;
  }>(fakes, { cmd: 'start' });
  const dataDir = await mkdtemp(join(tmpdir(), 'resellerops-bench-discord-'));
  const procs: Proc[] = [];
  try {
    const bot = startNode(cli, ['start'], {
      ...info.env,
      DATA_DIR: dataDir,
      DISCORD_TOKEN: info.token,
      DISCORD_APPLICATION_ID: info.applicationId,
      DISCORD_API_URL: info.bot.apiUrl,
      OWNER_DISCORD_IDS: owner.id,
      PROVIDER_TIMEOUT_MS: '30000',
    });
    const bare = startNode(bareBot, ['discord', 'memory-settings'], {
      DISCORD_TOKEN: info.token,
      DISCORD_API_URL: info.bare.apiUrl,
    });
    procs.push(bot, bare);
    await ask(fakes, { cmd: 'session', target: 'bare' });
    await ask(fakes, { cmd: 'session', target: 'bot' });
    await waitFor(() => {
      if (bot.child.exitCode !== null) throw new Error(`the bot exited:\n${bot.stderr()}`);
      return bot.stderr().includes('resellerops is running');
    }, 'the bot to start');
    await ask(fakes, { cmd: 'latency', ms: providerLatencyMs });

    const command = {
      name: 'customer',
      path: ['info'],
      // A customer the ProxyLite simulator seeds; the reply does not matter here, the defer does.
      options: [
        { name: 'provider', type: 3, value: 'proxylite' },
        { name: 'username', type: 3, value: 'emmaclark' },
      ],
      user: owner,
    };
    const fire = async (side: Side, n: number) =>
      (await ask<{ ms: number[] }>(fakes, { cmd: 'burst', target: side, n, ...command })).ms;
    let answers = { answered: 0, sent: 0 };
    const drain = async () => {
      await waitFor(
        async () => {
          answers = await ask<{ answered: number; sent: number }>(fakes, { cmd: 'answers', target: 'bot' });
          return answers.answered >= answers.sent;
        },
        "the bot's answers",
        120_000,
      );
    };
    print(
      `discord defer, end to end: ${runs} runs of ${roundsPerRun} rounds of a burst of ${burst} to each side, provider ${providerLatencyMs / 1000} s`,
    );
    const figures = await runAckRounds({
      what: 'discord defer',
      burst,
      runs,
      roundsPerRun,
      fire,
      drain,
      cpuMs: (side) => cpuMsOf((side === 'bot' ? bot : bare).child.pid ?? -1),
      print,
    });
    print(`  answers delivered by the bot: ${answers.answered}/${answers.sent}`);
    return figures;
  } finally {
    for (const p of procs) await stopProc(p);
    await ask(fakes, { cmd: 'close' }).catch(() => {});
    await rm(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = report(await runDiscordBench()) ? 0 : 1;
}
