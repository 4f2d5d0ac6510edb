import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Config, loadConfig, readDotEnv } from '../config.js';
import { createLogger, type Logger } from '../logger.js';
import { announceSpend } from '../notify/spend.js';
import type { ProviderTimers } from '../providers/timers.js';
import type { Provider } from '../providers/types.js';
import type { Sandbox } from '../sandbox/index.js';
import { createServices } from '../services/index.js';
import type { Services } from '../services/types.js';
import { openStore } from '../storage/open.js';
import { openWhenUsed } from '../storage/open-when-used.js';
import type { Store } from '../storage/store.js';

export interface App {
  config: Config;
  services: Services;
  logger: Logger;
  sandbox?: Sandbox;
  close(): Promise<void>;
}

export interface BootOptions {
  sandbox?: boolean;
  /** The variables to use instead of `.env` + the process environment (tests). */
  env?: Record<string, string | undefined>;
  /** Ask for a logger quieter than LOG_LEVEL (e.g. the console, which talks to a person). */
  logLevel?: string;
  /** The clock for the store and the services (tests advance it). */
  now?: () => Date;
  /** The providers' waits between retries and request deadlines (tests skip and fire them); real by default. */
  providerTimers?: ProviderTimers;
  /**
   * `at-start` (default): open the store now, so a broken data file or an unreachable database stops
   * the app before it starts. `when-used`: open it on its first read or write (a one-shot command).
   */
  store?: 'at-start' | 'when-used';
}

/**
 * The composition root's first half: configuration, simulators (sandbox), store, providers and
 * services. The verbs in this folder attach the adapters.
 */
export async function bootApp(options: BootOptions = {}): Promise<App> {
  const env: Record<string, string | undefined> = options.env
    ? { ...options.env }
    : { ...readDotEnv(), ...process.env };
  let sandbox: Sandbox | undefined;
  let sandboxDir: string | undefined;
  if (options.sandbox) {
    // The simulators are loaded only for --sandbox.
    const { startSandbox } = await import('../sandbox/index.js');
    sandbox = await startSandbox();
    // Simulators start fresh each time, so the sandbox keeps its data apart from real data, and fresh too.
    sandboxDir = await mkdtemp(join(tmpdir(), 'resellerops-sandbox-'));
    Object.assign(env, sandbox.env, { DATA_DIR: sandboxDir });
    delete env.DATABASE_URL; // the sandbox never touches real data, in files or in a database
  }
  try {
    const config = loadConfig(env);
    const logger = createLogger(options.logLevel ?? config.logLevel);
    const target = { dataDir: config.dataDir, databaseUrl: config.databaseUrl };
    const storeOptions = options.now ? { now: options.now } : {};
    const warnRepairs = (opened: Store) => {
      for (const repair of opened.repairs) logger.warn({ repair }, 'cut a partial last line left by a crash');
    };
    const lazy = options.store === 'when-used';
    const store = lazy ? openWhenUsed(target, storeOptions, warnRepairs) : await openStore(target, storeOptions);
    if (!lazy) warnRepairs(store);
    const providers: Provider[] = config.providers.map(({ definition, settings }) =>
      definition.create({ ...settings, logger, ...(options.providerTimers ? { timers: options.providerTimers } : {}) }),
    );
    const services = await createServices({
      providers,
      store,
      logger,
      owners: config.owners,
      requestTimeoutMs: config.providerTimeoutMs,
      ...(options.now ? { now: options.now } : {}),
      get timeZone() {
        return config.timeZone;
      },
      onSpent: (event) =>
        announceSpend(store, event, {
          withWebhook: Boolean(env.ALERT_WEBHOOK_URL && env.ALERT_WEBHOOK_SECRET),
          now: options.now ?? (() => new Date()),
          logger,
        }),
    });
    return {
      config,
      services,
      logger,
      ...(sandbox ? { sandbox } : {}),
      async close() {
        // A change still carrying on after its answer deadline writes its journal and audit lines first.
        await untilIdle(services.changes, closeWaitMs);
        await store.close();
        await sandbox?.close();
        if (sandboxDir) await rm(sandboxDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await sandbox?.close();
    if (sandboxDir) await rm(sandboxDir, { recursive: true, force: true });
    throw error;
  }
}

/** How long closing waits for changes still in flight: a request ends within the provider timeout. */
const closeWaitMs = 20_000;

async function untilIdle(changes: { idle(): Promise<void> }, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
    timer.unref();
  });
  await Promise.race([changes.idle(), late]);
  clearTimeout(timer);
}
