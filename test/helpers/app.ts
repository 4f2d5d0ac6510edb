import { commands } from '../../commands/index.js';
import { type App, bootApp } from '../../src/app/boot.js';
import type { Actor } from '../../src/kit/actor.js';
import type { Reply } from '../../src/kit/reply.js';
import type { ProviderId } from '../../src/providers/registry.js';
import type { CommandContext } from '../../src/runtime/context.js';
import { createDispatcher, type Dispatcher } from '../../src/runtime/dispatch.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import type { SimServer } from '../../src/sandbox/server.js';
import { type TestTimers, testTimers } from './timers.js';

export interface TestApp {
  app: App;
  dispatcher: Dispatcher;
  sim(id: ProviderId): SimServer;
  /** The providers' timers: retry waits recorded and skipped, request deadlines passed on demand. */
  timers: TestTimers;
  /** Runs one text command as `actor` (default: the terminal owner). */
  run(line: string, options?: { interactionId?: string; actor?: Partial<Actor>; confirmed?: boolean }): Promise<Reply>;
  /** Requests a simulator received on a route since `since` (an index into its log). */
  count(id: ProviderId, route: string, since?: number): number;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** The clock of the store, the services and every command run (tests advance it instead of sleeping). */
  now?: () => Date;
  /**
   * Simulators already running, and the data directory to use with them: the app then starts as a
   * real deployment pointed at them (a restart over what another process left), and leaves both be.
   */
  shared?: { sandbox: Sandbox; dataDir: string };
}

let sequence = 0;

/** The real app in sandbox mode: real HTTP to the simulators, a real store in a temp dir. */
export async function startTestApp(env: Record<string, string> = {}, options: TestAppOptions = {}): Promise<TestApp> {
  const now = options.now ?? (() => new Date());
  const base = { LOG_LEVEL: 'silent', PROVIDER_TIMEOUT_MS: '1500' };
  const shared = options.shared;
  const timers = testTimers();
  const app = shared
    ? await bootApp({
        env: { ...shared.sandbox.env, DATA_DIR: shared.dataDir, ...base, ...env },
        now,
        providerTimers: timers,
      })
    : await bootApp({ sandbox: true, env: { ...base, ...env }, now, providerTimers: timers });
  const dispatcher = createDispatcher(app.services, commands);
  const sims = (shared?.sandbox ?? app.sandbox!).simulators;
  return {
    app,
    dispatcher,
    sim: (id) => sims[id].server,
    timers,
    run(line, options = {}) {
      const ctx: CommandContext = {
        actor: { platform: 'terminal', userId: 'tester', name: 'tester', role: 'owner', ...options.actor },
        interactionId: options.interactionId ?? `test:${process.pid}:${++sequence}`,
        confirmed: options.confirmed ?? false,
        sandbox: true,
        services: app.services,
        now,
      };
      return dispatcher.runText(line, ctx);
    },
    count(id, route, since = 0) {
      return sims[id].server.received.slice(since).filter((r) => r.route === route).length;
    },
    close: () => app.close(),
  };
}
