import { type ChildProcess, fork } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { App as BoltApp, HTTPReceiver } from '@slack/bolt';
import { startSlackAdapter } from '../adapters/slack/index.js';
import { boltLogger } from '../adapters/slack/logger.js';
import { commands } from '../commands/index.js';
import { bootApp } from '../src/app/boot.js';
import { silentLogger } from '../src/logger.js';
import { createDispatcher } from '../src/runtime/dispatch.js';
import { newTriggerId, slashCommandBody, startSlackFake } from '../test/helpers/slack-fake/index.js';

/**
 * Slack ack latency: a burst of 200 concurrent, signed `/customer info` slash commands over HTTP to
 * the real Bolt adapter while the provider takes 5 s to answer, against a bare Bolt app (same
 * HTTPReceiver, same fake Web API) whose handler only acks. The ack is the HTTP response
 * (processBeforeResponse is off). Two clocks: server side, from the request reaching the server
 * ('request' event) to the ack's last byte written — the gated figure; and client side, from sending
 * to the complete response, in a load generator in a child process (it also counts connection
 * queueing and shares the machine's two cores, so it is noisier). The provider simulators run in another child process
 * (bench/notify-sims.ts), as a real vendor does not share the bot's CPU. Rounds alternate
 * bare/adapter so drift hits both alike; each round waits for the adapter's replies, so one burst
 * is measured at a time.
 * Target: p99(adapter) / p99(bare) ≤ 1.2.
 */
const burst = 200;
const rounds = 3;
const providerLatencyMs = 5_000;
const secret = 'bench-signing-secret';
const owner = 'UBENCHOWNER';
const maxRatio = 1.2;

export interface AckStats {
  p50: number;
  p99: number;
  max: number;
  n: number;
}

export interface SlackBenchResult {
  /** Server side: from the request reaching the server to the ack's last byte written (the gate). */
  adapter: AckStats;
  bare: AckStats;
  /** Client side: from sending to the complete response, in the load generator. */
  adapterClient: AckStats;
  bareClient: AckStats;
  /** Server-side p99 ratio, adapter / bare: the gate. */
  ratioP99: number;
  /** The same ratio seen by the load generator (includes connection queueing and its own CPU). */
  clientRatioP99: number;
  ok: boolean;
  /** Every adapter reply arrived through the response_url afterwards (the work was really done). */
  repliesDelivered: number;
}

function stats(values: number[]): AckStats {
  const s = [...values].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] ?? Number.NaN;
  return { p50: at(0.5), p99: at(0.99), max: s.at(-1) ?? Number.NaN, n: s.length };
}

async function fire(url: string, bodies: string[]): Promise<number[]> {
  const child = fork(fileURLToPath(new URL('./slack-load.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const results = await new Promise<Array<{ ms: number; status: number }>>((resolve, reject) => {
    child.once('message', (m) => resolve(m as Array<{ ms: number; status: number }>));
    child.once('error', reject);
    child.send({ url, secret, bodies });
  });
  const bad = results.filter((r) => r.status !== 200).length;
  if (bad > 0) throw new Error(`${bad} of ${results.length} requests were not acknowledged with 200`);
  return results.map((r) => r.ms);
}

/**
 * The baseline: a bare Bolt app (HTTPReceiver on 127.0.0.1, Web API at `apiUrl`) whose only handler,
 * `/customer`, acks and does nothing else. Exported for bench/chat-rss.ts as well.
 */
export async function startBareSlackHandler(options: {
  apiUrl: string;
  signingSecret: string;
  port?: number;
}): Promise<{ server: Server; port: number; stop(): Promise<void> }> {
  const receiver = new HTTPReceiver({
    signingSecret: options.signingSecret,
    logger: boltLogger(silentLogger),
    processBeforeResponse: false,
  });
  const bolt = new BoltApp({
    token: 'xoxb-bench',
    receiver,
    clientOptions: { slackApiUrl: options.apiUrl },
    logger: boltLogger(silentLogger),
    deferInitialization: true,
  });
  await bolt.init();
  bolt.command('/customer', async ({ ack }) => {
    await ack();
  });
  const server = (await receiver.start({ port: options.port ?? 0, host: '127.0.0.1' })) as Server;
  return {
    server,
    port: (server.address() as AddressInfo).port,
    stop: async () => {
      await bolt.stop();
    },
  };
}

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

export async function runSlackBench(print: (line: string) => void = console.log): Promise<SlackBenchResult> {
  const sims = fork(new URL('./notify-sims.ts', import.meta.url), [], {
    execArgv: ['--import', 'tsx'],
    stdio: 'inherit',
  });
  const { env } = await ask<{ env: Record<string, string> }>(
    sims,
    { type: 'start', extraCustomers: 0, latencyMs: providerLatencyMs },
    'started',
  );
  const dir = await mkdtemp(join(tmpdir(), 'resellerops-slack-bench-'));
  const fake = await startSlackFake();
  const app = await bootApp({
    env: {
      ...env,
      DATA_DIR: dir,
      LOG_LEVEL: 'silent',
      SLACK_BOT_TOKEN: 'xoxb-bench',
      SLACK_SIGNING_SECRET: secret,
      SLACK_API_URL: fake.apiUrl,
      OWNER_SLACK_IDS: owner,
      PROVIDER_TIMEOUT_MS: '30000',
    },
  });
  // A customer the ProxyLite simulator seeds; the command's reply does not matter here, its ack does.
  const user = 'emmaclark';
  const adapter = await startSlackAdapter(app, createDispatcher(app.services, commands), {
    host: '127.0.0.1',
    port: 0,
    drainMs: 60_000,
  });

  const bare = await startBareSlackHandler({ apiUrl: fake.apiUrl, signingSecret: secret });
  const bareServer = bare.server;
  const serverMs = { adapter: [] as number[], bare: [] as number[] };
  const timeRequests = (server: Server, into: number[]) =>
    server.prependListener('request', (_req, res) => {
      const t0 = performance.now();
      res.once('finish', () => into.push(performance.now() - t0));
    });
  timeRequests(bareServer, serverMs.bare);
  if (adapter.server) timeRequests(adapter.server, serverMs.adapter);
  const bareUrl = `http://127.0.0.1:${(bareServer.address() as AddressInfo).port}/slack/events`;
  const adapterUrl = `http://127.0.0.1:${adapter.port}/slack/events`;

  let responseIds: string[] = [];
  let delivered = 0;
  const bodies = (n: number) =>
    Array.from({ length: n }, () => {
      const responseUrl = fake.responseUrl();
      responseIds.push(responseUrl.slice(responseUrl.lastIndexOf('/') + 1));
      return slashCommandBody({
        command: '/customer',
        text: `info proxylite ${user}`,
        userId: owner,
        responseUrl,
        triggerId: newTriggerId(),
      });
    });
  const replies = async () => {
    const ids = new Set(responseIds);
    await fake.waitFor(() => fake.responses.filter((r) => ids.has(r.id)).length >= ids.size, 120_000);
    delivered += ids.size;
    responseIds = [];
  };

  const adapterMs: number[] = [];
  const bareMs: number[] = [];
  try {
    // Warm both paths (JIT, connections).
    await fire(bareUrl, bodies(20));
    responseIds = [];
    await fire(adapterUrl, bodies(20));
    await replies();
    delivered = 0;
    serverMs.adapter.length = 0;
    serverMs.bare.length = 0;
    for (let round = 0; round < rounds; round++) {
      bareMs.push(...(await fire(bareUrl, bodies(burst))));
      responseIds = [];
      adapterMs.push(...(await fire(adapterUrl, bodies(burst))));
      // The acks came first; the replies follow once the provider answers.
      await replies();
    }
  } finally {
    await adapter.stop();
    await bare.stop();
    await app.close();
    await fake.close();
    const exited = new Promise((r) => sims.once('exit', r));
    sims.send({ type: 'close' });
    await exited;
    await rm(dir, { recursive: true, force: true });
  }
  const a = stats(serverMs.adapter);
  const b = stats(serverMs.bare);
  const ac = stats(adapterMs);
  const bc = stats(bareMs);
  const ratio = a.p99 / b.p99;
  const result: SlackBenchResult = {
    adapter: a,
    bare: b,
    adapterClient: ac,
    bareClient: bc,
    ratioP99: ratio,
    clientRatioP99: ac.p99 / bc.p99,
    ok: ratio <= maxRatio,
    repliesDelivered: delivered,
  };
  const fmt = (s: AckStats) =>
    `p50 ${s.p50.toFixed(1)} ms  p99 ${s.p99.toFixed(1)} ms  max ${s.max.toFixed(1)} ms  (n=${s.n})`;
  print(
    `slack ack latency — ${rounds} bursts of ${burst} concurrent slash commands, provider answering in ${providerLatencyMs} ms`,
  );
  print('  server side (request received → ack written):');
  print(`    bare Bolt (ack only)  ${fmt(b)}`);
  print(`    resellerops adapter   ${fmt(a)}`);
  print('  client side (request sent → response read, in the load generator):');
  print(`    bare Bolt (ack only)  ${fmt(bc)}`);
  print(`    resellerops adapter   ${fmt(ac)}`);
  print(`  client-side p99 ratio ${(ac.p99 / bc.p99).toFixed(2)} (not gated: the load generator shares the 2 cores)`);
  print(
    `  server-side p99 ratio ${ratio.toFixed(2)} (target ≤ ${maxRatio}) ${result.ok ? 'OK' : 'OVER TARGET'}; ${delivered} replies delivered after the acks`,
  );
  return result;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const result = await runSlackBench();
  process.exitCode = result.ok ? 0 : 1;
}
