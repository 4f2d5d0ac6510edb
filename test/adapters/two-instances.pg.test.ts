import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SlackAdapter, startSlackAdapter } from '../../adapters/slack/index.js';
import type { AlertMessage, AlertSink } from '../../src/notify/message.js';
import { createNotifier, type Notifier } from '../../src/notify/notifier.js';
import { type Sandbox, startSandbox } from '../../src/sandbox/index.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { useDatabases } from '../helpers/postgres.js';
import { newTriggerId, postSigned, slashCommandBody } from '../helpers/slack-fake/requests.js';
import { type SlackFake, startSlackFake } from '../helpers/slack-fake/server.js';

const signingSecret = 'two-instances-signing-secret-0123456789';
const owner = 'UOWNER00002';

interface Instance {
  t: TestApp;
  slack: SlackAdapter;
  url: string;
  notifier: Notifier;
  delivered: AlertMessage[];
}

/**
 * Two `resellerops start` processes on one PostgreSQL database: each is the real app (its own
 * store, connections and advisory locks, as a second process has) with the real Bolt adapter, on
 * one set of simulators and one fake Slack. A slash command delivered to both (Slack retries, or a
 * load balancer sending a retry elsewhere) is carried out once; one notifier sweeps at a time, and
 * when the leading instance goes away the other takes over at its next tick.
 */
describe('two bot instances on one PostgreSQL database', () => {
  const database = useDatabases();
  let sandbox: Sandbox;
  let fake: SlackFake;
  let a: Instance;
  let b: Instance;

  async function instance(url: string): Promise<Instance> {
    const t = await startTestApp(
      {
        DATABASE_URL: url,
        SLACK_BOT_TOKEN: 'xoxb-two-instances',
        SLACK_SIGNING_SECRET: signingSecret,
        SLACK_API_URL: fake.apiUrl,
        OWNER_SLACK_IDS: owner,
      },
      { shared: { sandbox, dataDir: '/nonexistent/unused-with-database' } },
    );
    const slack = await startSlackAdapter(t.app, t.dispatcher, { host: '127.0.0.1', port: 0 });
    const delivered: AlertMessage[] = [];
    const sink: AlertSink = { platform: 'discord', send: async (_channel, message) => void delivered.push(message) };
    const notifier = createNotifier({ services: t.app.services, sinks: [sink], pacingMs: { discord: 0 } });
    return { t, slack, url: `http://127.0.0.1:${slack.port}/slack/events`, notifier, delivered };
  }

  beforeAll(async () => {
    sandbox = await startSandbox();
    fake = await startSlackFake();
    const url = await database();
    a = await instance(url);
    b = await instance(url);
  }, 60_000);
  afterAll(async () => {
    for (const x of [a, b]) {
      await x?.notifier.stop();
      await x?.slack.stop();
      await x?.t.close();
    }
    await fake?.close();
    await sandbox?.close();
  });

  it('carries out a slash command delivered to both instances once, and both acknowledge it', async () => {
    const target = (
      (await a.t.run('customer list proxylite status:active')).data.customers as Array<{ username: string }>
    )[0]!.username;
    const disables = () =>
      sandbox.simulators.proxylite.server.received.filter((r) => /disable/.test(r.route ?? '')).length;
    const before = disables();
    const responseUrl = fake.responseUrl();
    const id = responseUrl.slice(responseUrl.lastIndexOf('/') + 1);
    const body = slashCommandBody({
      command: '/customer',
      text: `disable proxylite ${target}`,
      userId: owner,
      responseUrl,
      triggerId: newTriggerId(),
    });
    const acks = await Promise.all([postSigned(a.url, signingSecret, body), postSigned(b.url, signingSecret, body)]);
    expect(acks.map((ack) => ack.status)).toEqual([200, 200]);
    await fake.waitFor(() => fake.responses.find((r) => r.id === id), 15_000);
    // Any second run would have answered by now: a later command through each instance answers first.
    for (const x of [a, b]) {
      const later = fake.responseUrl();
      const laterId = later.slice(later.lastIndexOf('/') + 1);
      await postSigned(
        x.url,
        signingSecret,
        slashCommandBody({ command: '/help', text: '', userId: owner, responseUrl: later, triggerId: newTriggerId() }),
      );
      await fake.waitFor(() => fake.responses.find((r) => r.id === laterId), 15_000);
    }
    expect(fake.responses.filter((r) => r.id === id)).toHaveLength(1);
    expect(disables() - before).toBe(1);
  });

  it('lets one instance lead the sweeps, runs sweeps one at a time, and hands the lead over when the leader goes', async () => {
    await a.t.run('alerts channel set C1 platform:discord');
    await a.t.run('alerts rule add reseller-balance-below provider:youproxy amount:1000000');
    const ticks = await Promise.all([a.notifier.tick(), b.notifier.tick()]);
    expect([...ticks].sort()).toEqual(['not-leader', 'swept']);
    const [leader, other] = ticks[0] === 'swept' ? [a, b] : [b, a];
    expect(await other.notifier.tick()).toBe('not-leader');
    expect(await leader.notifier.tick()).toBe('swept');
    const alerts = () => [...a.delivered, ...b.delivered];
    // One alert (the balance), delivered once, though both sweep again below.
    expect(alerts().map((m) => m.subject)).toEqual(['youproxy:provider']);

    // Explicit sweeps from both at once (as `notify run-once` beside the bot): never overlapping.
    const reports = await Promise.all([a.notifier.runOnce(), b.notifier.runOnce()]);
    const [first, second] = reports.sort((x, y) => Date.parse(x.startedAt) - Date.parse(y.startedAt));
    expect(Date.parse(second!.startedAt)).toBeGreaterThanOrEqual(Date.parse(first!.startedAt) + first!.durationMs);
    expect(alerts()).toHaveLength(1);

    // The leader's process goes away (its connections close): the other leads from its next tick.
    await leader.slack.stop();
    await leader.t.app.services.store.close();
    expect(await other.notifier.tick()).toBe('swept');
  });
});
