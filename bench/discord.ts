import { type ChildProcess, fork } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Events, MessageFlags } from 'discord.js';
import { createDiscordClient } from '../adapters/discord/client.js';
import { startDiscordAdapter } from '../adapters/discord/index.js';
import { commands } from '../commands/index.js';
import { bootApp } from '../src/app/boot.js';
import { silentLogger } from '../src/logger.js';
import type { CommandContext } from '../src/runtime/context.js';
import { createDispatcher } from '../src/runtime/dispatch.js';

/**
 * Discord defer latency: a burst of 200 concurrent `/customer info` slash commands, dispatched as
 * INTERACTION_CREATE on the gateway of a local Discord fake, to the real adapter while the provider
 * takes 5 s, against a bare discord.js client (same options, same kind of fake) whose handler only
 * defers. Time = from dispatching the interaction to the fake receiving its defer callback, both
 * clocks in the fake's own process; the provider simulators run there too, as remote providers
 * would. Rounds alternate bare/adapter (and which goes first) so drift hits both alike; each
 * adapter round waits for its answers before the next burst.
 * Target: p99(adapter) / p99(bare) ≤ 1.2.
 */
const burst = 200;
const rounds = 6;
const providerLatencyMs = 5_000;
const maxRatio = 1.2;
const owner = { id: '700000000000000001', username: 'bench' };

export interface DeferStats {
  p50: number;
  p99: number;
  max: number;
  n: number;
}

export interface DiscordBenchResult {
  adapter: DeferStats;
  bare: DeferStats;
  ratioP99: number;
  ok: boolean;
  /** Adapter interactions whose answer (the edited reply) arrived after the provider's 5 s. */
  repliesDelivered: number;
  interactions: number;
}

function stats(values: number[]): DeferStats {
  const s = [...values].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] ?? Number.NaN;
  return { p50: at(0.5), p99: at(0.99), max: s.at(-1) ?? Number.NaN, n: s.length };
}

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

export async function runDiscordBench(print: (line: string) => void = console.log): Promise<DiscordBenchResult> {
  const child = fork(fileURLToPath(new URL('./discord-fake-child.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const info = await ask<{
    adapter: { apiUrl: string };
    bare: { apiUrl: string };
    token: string;
    applicationId: string;
    env: Record<string, string>;
  }>(child, { cmd: 'start' });
  const dataDir = await mkdtemp(join(tmpdir(), 'resellerops-bench-discord-'));
  const app = await bootApp({
    env: {
      ...info.env,
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      DISCORD_TOKEN: info.token,
      DISCORD_APPLICATION_ID: info.applicationId,
      DISCORD_API_URL: info.adapter.apiUrl,
      OWNER_DISCORD_IDS: owner.id,
      PROVIDER_TIMEOUT_MS: '30000',
    },
  });
  const dispatcher = createDispatcher(app.services, commands);
  const adapter = await startDiscordAdapter(app, dispatcher, { logger: silentLogger });
  const bare = createDiscordClient({ token: info.token, apiUrl: info.bare.apiUrl });
  bare.on(Events.InteractionCreate, (interaction) => {
    if (interaction.isChatInputCommand()) interaction.deferReply({ flags: MessageFlags.Ephemeral }).catch(() => {});
  });
  const bareReady = new Promise((resolve) => bare.once(Events.ClientReady, resolve));
  await bare.login(info.token);
  await bareReady;

  const ctx: CommandContext = {
    actor: { platform: 'terminal', userId: 'bench', role: 'owner' },
    interactionId: 'bench:list',
    confirmed: false,
    sandbox: false,
    services: app.services,
    now: () => new Date(),
  };
  const listed = await dispatcher.runText('customer list proxylite status:active', ctx);
  const user = (listed.data.customers as Array<{ username: string }>)[0]?.username ?? 'emmaclark';
  const command = {
    name: 'customer',
    path: ['info'],
    options: [
      { name: 'provider', type: 3, value: 'proxylite' },
      { name: 'username', type: 3, value: user },
    ],
    user: owner,
  };
  const fire = async (target: 'adapter' | 'bare', n: number) =>
    (await ask<{ ms: number[] }>(child, { cmd: 'burst', target, n, ...command })).ms;

  const adapterMs: number[] = [];
  const bareMs: number[] = [];
  try {
    // Warm both paths (JIT, sockets) without the slow provider.
    await fire('bare', 20);
    await fire('adapter', 20);
    await new Promise((r) => setTimeout(r, 500));
    await ask(child, { cmd: 'latency', ms: providerLatencyMs });
    let answers = { answered: 0, sent: 0 };
    // The defers come first; the answers follow once the provider answers. Each round waits for
    // them, so that no round measures the previous one's answers (the bare client shares the process).
    const drain = async () => {
      const deadline = Date.now() + 120_000;
      answers = await ask<{ answered: number; sent: number }>(child, { cmd: 'answers', target: 'adapter' });
      while (answers.answered < answers.sent && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 250));
        answers = await ask<{ answered: number; sent: number }>(child, { cmd: 'answers', target: 'adapter' });
      }
    };
    for (let round = 0; round < rounds; round++) {
      // Which goes first alternates, so that neither always runs on a process just woken from idle.
      const order = round % 2 === 0 ? (['bare', 'adapter'] as const) : (['adapter', 'bare'] as const);
      for (const target of order) (target === 'bare' ? bareMs : adapterMs).push(...(await fire(target, burst)));
      await drain();
    }
    const a = stats(adapterMs);
    const b = stats(bareMs);
    const ratioP99 = a.p99 / b.p99;
    const result: DiscordBenchResult = {
      adapter: a,
      bare: b,
      ratioP99,
      ok: ratioP99 <= maxRatio,
      repliesDelivered: answers.answered,
      interactions: answers.sent,
    };
    const f = (s: DeferStats) =>
      `p50 ${s.p50.toFixed(1)} ms  p99 ${s.p99.toFixed(1)} ms  max ${s.max.toFixed(1)} ms  (n=${s.n})`;
    print(`discord defer latency, burst of ${burst} × ${rounds} rounds, provider ${providerLatencyMs / 1000} s:`);
    print(`  bare discord.js (defer only)  ${f(b)}`);
    print(`  resellerops adapter           ${f(a)}`);
    print(
      `  p99 ratio ${ratioP99.toFixed(2)} (target ≤ ${maxRatio}) ${result.ok ? 'OK' : 'OVER'}; answers delivered ${answers.answered}/${answers.sent}`,
    );
    return result;
  } finally {
    await adapter.stop();
    await bare.destroy();
    await app.close();
    await rm(dataDir, { recursive: true, force: true });
    await ask(child, { cmd: 'close' }).catch(() => {});
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const result = await runDiscordBench();
  process.exit(result.ok ? 0 : 1);
}
