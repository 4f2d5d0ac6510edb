import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { alertsCommand } from '../../commands/alerts.js';
import { loadConfig } from '../../src/config.js';
import type { Reply } from '../../src/kit/reply.js';
import { silentLogger } from '../../src/logger.js';
import type { Every } from '../../src/notify/every.js';
import type { AlertMessage, AlertSink, SinkPlatform } from '../../src/notify/message.js';
import { createNotifier, type Notifier } from '../../src/notify/notifier.js';
import type { ProviderId } from '../../src/providers/registry.js';
import type { Provider } from '../../src/providers/types.js';
import type { CommandContext } from '../../src/runtime/context.js';
import { createDispatcher } from '../../src/runtime/dispatch.js';
import { type Sandbox, startSandbox } from '../../src/sandbox/index.js';
import type { SimulatorOptions } from '../../src/sandbox/types.js';
import { createServices } from '../../src/services/index.js';
import type { Services } from '../../src/services/types.js';
import { openStore } from '../../src/storage/open.js';
import type { Store } from '../../src/storage/store.js';

/** A sink that records what it is given and fails on demand. */
export interface FakeSink extends AlertSink {
  /** Every attempt, failed ones included. */
  attempts: Array<{ channelId: string; message: AlertMessage; ok: boolean }>;
  /** Successful deliveries. */
  delivered: AlertMessage[];
  /** The next `n` sends throw. */
  failNext(n: number): void;
}

export function fakeSink(platform: SinkPlatform = 'discord'): FakeSink {
  let failures = 0;
  const sink: FakeSink = {
    platform,
    attempts: [],
    delivered: [],
    failNext(n) {
      failures = n;
    },
    async send(channelId, message) {
      if (failures > 0) {
        failures -= 1;
        sink.attempts.push({ channelId, message, ok: false });
        throw new Error('platform unavailable (simulated)');
      }
      sink.attempts.push({ channelId, message, ok: true });
      sink.delivered.push(message);
    },
  };
  return sink;
}

export interface Harness {
  sandbox: Sandbox;
  sink: FakeSink;
  services: Services;
  store: Store;
  notifier: Notifier;
  /** The fixed clock's current time; moves only with `advance`. */
  now(): Date;
  advance(ms: number): void;
  /** Runs an /alerts command line as the terminal owner (or the given role). */
  run(line: string, role?: 'owner' | 'staff' | 'viewer'): Promise<Reply>;
  /** Closes the store and opens it again with a new notifier: a restart of the bot. */
  restart(): Promise<void>;
  /** Requests in flight at most, per provider, since the start. */
  maxInFlight: Record<ProviderId, number>;
  close(): Promise<void>;
}

/** Noon UTC today, frozen: near the real time, which Youproxy's order reader still reads. */
export function fixedStart(): number {
  const d = new Date();
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), 12);
}

/**
 * The five simulators on a fixed clock, the real providers over HTTP (no retries: faults show at
 * once), a real store in a temp dir, the notifier with a fake Discord sink and no pacing.
 */
export async function startHarness(
  options: {
    sim?: SimulatorOptions;
    concurrency?: number;
    sinks?: AlertSink[];
    intervalMs?: number;
    /** What ticks the sweeps (default: the notifier's own schedule). */
    every?: Every;
    charts?: boolean;
  } = {},
): Promise<Harness> {
  let t = fixedStart();
  const clock = () => new Date(t);
  const sandbox = await startSandbox({ now: clock, ...options.sim });
  const dir = await mkdtemp(join(tmpdir(), 'resellerops-notify-'));
  const config = loadConfig({ ...sandbox.env, DATA_DIR: dir, LOG_LEVEL: 'silent', PROVIDER_TIMEOUT_MS: '2000' });
  const inFlight = {} as Record<ProviderId, number>;
  const maxInFlight = {} as Record<ProviderId, number>;
  const providers: Provider[] = config.providers.map(({ definition, settings }) => {
    const id = definition.id;
    inFlight[id] = 0;
    maxInFlight[id] = 0;
    const counting: typeof fetch = async (input, init) => {
      inFlight[id] += 1;
      maxInFlight[id] = Math.max(maxInFlight[id], inFlight[id]);
      try {
        return await fetch(input, init);
      } finally {
        inFlight[id] -= 1;
      }
    };
    const extra = { now: id === 'vpnresellers' ? () => t : clock, fetch: counting, retry: { attempts: 0 } };
    return definition.create({ ...settings, ...extra, logger: silentLogger } as typeof settings);
  });
  const sink = fakeSink('discord');
  const sinks = options.sinks ?? [sink];
  const build = async () => {
    const store = await openStore(dir, { fsync: false, now: clock });
    const services = await createServices({ providers, store, logger: silentLogger, now: clock, timeZone: 'UTC' });
    const notifier = createNotifier({
      services,
      sinks,
      clock,
      concurrency: options.concurrency ?? 8,
      ...(options.intervalMs ? { intervalMs: options.intervalMs } : {}),
      ...(options.every ? { every: options.every } : {}),
      pacingMs: { discord: 0, slack: 0, webhook: 0 },
      charts: options.charts ?? false,
      sleep: async () => undefined,
    });
    return { store, services, notifier };
  };
  let current = await build();
  let sequence = 0;
  const harness: Harness = {
    sandbox,
    sink,
    get services() {
      return current.services;
    },
    get store() {
      return current.store;
    },
    get notifier() {
      return current.notifier;
    },
    now: clock,
    advance(ms) {
      t += ms;
    },
    run(line, role = 'owner') {
      const ctx: CommandContext = {
        actor: { platform: 'terminal', userId: 'tester', name: 'tester', role },
        interactionId: `notify-test:${++sequence}`,
        confirmed: false,
        sandbox: true,
        services: current.services,
        now: clock,
      };
      return createDispatcher(current.services, [alertsCommand]).runText(line, ctx);
    },
    async restart() {
      await current.notifier.stop();
      await current.store.close();
      current = await build();
    },
    maxInFlight,
    async close() {
      await current.notifier.stop();
      await current.store.close();
      await sandbox.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
  return harness;
}

/** The messages of a sweep about one subject. */
export function about(messages: readonly AlertMessage[], subject: string): AlertMessage[] {
  return messages.filter((m) => m.subject === subject);
}
