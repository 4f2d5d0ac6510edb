import { afterEach, describe, expect, it } from 'vitest';
import { createDiscordAlertSink } from '../../adapters/discord/alert-sink.js';
import { createSlackAlertSink } from '../../adapters/slack/alert-sink.js';
import type { AlertSink } from '../../src/notify/message.js';
import type { ProxyLiteSimulator } from '../../src/sandbox/proxylite/index.js';
import type { LinkedUser } from '../../src/storage/store.js';
import { DiscordFake } from '../helpers/discord-fake/server.js';
import { type SlackFake, startSlackFake } from '../helpers/slack-fake/server.js';
import { type Harness, startHarness } from './harness.js';

const GB_IN_KB = 1_000_000;
const quarterHour = 15 * 60_000;

/** What a platform fake saw: messages to the staff channel, and DMs to each user. */
interface Platform {
  name: 'discord' | 'slack';
  sink: AlertSink;
  staffChannel: string;
  customer: LinkedUser;
  muted: LinkedUser;
  /** Titles of the messages posted in the staff channel. */
  staff(): string[];
  /** Titles of the DMs the user got. */
  dms(user: LinkedUser): string[];
  /** Makes every DM to `user` fail as the platform does when DMs are closed. */
  closeDms(user: LinkedUser): void;
  close(): Promise<void>;
}

async function discordPlatform(): Promise<Platform> {
  const fake = await DiscordFake.start();
  const titled = (channel: string) =>
    fake.requests
      .filter((r) => r.method === 'POST' && r.path === `/channels/${channel}/messages`)
      .map((r) => String((r.body as { embeds: { title: string }[] }).embeds[0]?.title));
  return {
    name: 'discord',
    sink: createDiscordAlertSink({ token: fake.token, apiUrl: fake.apiUrl }),
    staffChannel: '910000000000000001',
    customer: { platform: 'discord', id: '700000000000000031' },
    muted: { platform: 'discord', id: '700000000000000032' },
    staff: () => titled('910000000000000001'),
    dms: (user) => {
      const channel = fake.dmChannels.get(user.id);
      return channel ? titled(channel) : [];
    },
    closeDms(user) {
      fake.override((r) =>
        r.method === 'POST' && r.path === `/channels/${fake.dmChannels.get(user.id)}/messages`
          ? { status: 403, body: { code: 50007, message: 'Cannot send messages to this user' } }
          : undefined,
      );
    },
    close: () => fake.close(),
  };
}

async function slackPlatform(): Promise<Platform> {
  const fake: SlackFake = await startSlackFake();
  const titled = (channel: string) =>
    fake.calls
      .filter((c) => c.method === 'chat.postMessage' && c.params.channel === channel)
      .map((c) => String((c.params.blocks as { text: { text: string } }[])[0]?.text.text).replace(/^\S+ /, ''));
  return {
    name: 'slack',
    sink: createSlackAlertSink({ token: 'xoxb-dm-test', apiUrl: fake.apiUrl }),
    staffChannel: 'C0STAFF001',
    customer: { platform: 'slack', id: 'UMARIA0001' },
    muted: { platform: 'slack', id: 'UOMAR00001' },
    staff: () => titled('C0STAFF001'),
    // The fake opens DM channel D… for user U….
    dms: (user) => titled(`D${user.id.slice(1)}`),
    closeDms() {
      // The user left the workspace: Slack no longer opens a DM with them.
      fake.setAnswer('conversations.open', { body: { ok: false, error: 'user_disabled' } });
    },
    close: () => fake.close(),
  };
}

describe.each([
  ['Discord', discordPlatform],
  ['Slack', slackPlatform],
])('customer alerts by DM on %s (the real sink against the local fake)', (_name, start) => {
  let h: Harness;
  let p: Platform;
  const proxylite = () => h.sandbox.simulators.proxylite as ProxyLiteSimulator;
  const by = { platform: 'terminal', userId: 'tester' };

  async function setUp(threshold = '20%', options: { notify?: string; channel?: boolean } = {}) {
    p = await start();
    h = await startHarness({ sinks: [p.sink] });
    if (options.channel !== false) {
      expect((await h.run(`alerts channel set ${p.staffChannel} platform:${p.name}`)).ok).toBe(true);
    }
    const notify = options.notify ?? 'both';
    const rule = `alerts rule add traffic-below provider:proxylite threshold:${threshold} notify:${notify}`;
    expect((await h.run(rule)).ok).toBe(true);
    // Seeded: lucasmartin has 88 of 100 GB left; liamwong 8 of 50 GB (below 20 % from the start).
    await h.services.links.add(p.customer, 'proxylite', 'lucasmartin', by);
    await h.services.links.add(p.muted, 'proxylite', 'liamwong', by);
    await h.services.customerSettings.setMuted(p.muted, true);
  }
  afterEach(async () => {
    await h?.close();
    await p?.close();
  });

  it('sends one DM to the customer and one staff alert when their traffic crosses a threshold, none again after a restart, none to a muted customer', async () => {
    await setUp();
    const first = await h.notifier.runOnce();
    expect(first.delivery.errors).toEqual([]);
    expect(p.staff()).toEqual(expect.arrayContaining(['Alert: liamwong on ProxyLite']));
    expect(p.dms(p.muted)).toEqual([]);
    expect(p.dms(p.customer)).toEqual([]);
    const staffBefore = p.staff().length;

    proxylite().consume('lucasmartin', 75 * GB_IN_KB); // 13 GB of 100 left
    h.advance(quarterHour);
    await h.notifier.runOnce();
    expect(p.dms(p.customer)).toEqual(['Your account proxylite:lucasmartin']);
    expect(p.staff().slice(staffBefore)).toEqual(['Alert: lucasmartin on ProxyLite']);

    await h.restart();
    h.advance(quarterHour);
    const after = await h.notifier.runOnce();
    expect(after.messages).toEqual([]);
    expect(p.dms(p.customer)).toHaveLength(1);
    expect(p.staff().slice(staffBefore)).toHaveLength(1);
    expect(p.dms(p.muted)).toEqual([]);
  });

  it('records a DM that cannot be delivered and tells staff once, not once per sweep', async () => {
    await setUp('20%,5%');
    await h.notifier.runOnce();
    // Open the DM channel first (Discord), then close the customer's DMs.
    await p.sink.sendDirect?.(p.customer.id, {
      id: 'hello',
      title: 'Welcome',
      lines: [],
      fields: [],
      tone: 'info',
      subject: 'test',
      createdAt: h.now().toISOString(),
    });
    p.closeDms(p.customer);
    const staffBefore = p.staff().length;
    proxylite().consume('lucasmartin', 75 * GB_IN_KB); // 13 %: crosses 20 %
    h.advance(quarterHour);
    const crossed = await h.notifier.runOnce();
    expect(crossed.delivery.failed).toBe(1);
    proxylite().consume('lucasmartin', 10 * GB_IN_KB); // 3 %: crosses 5 %
    h.advance(quarterHour);
    await h.notifier.runOnce();
    h.advance(quarterHour);
    await h.notifier.runOnce();
    const notices = p
      .staff()
      .slice(staffBefore)
      .filter((t) => t === 'A customer cannot be reached by DM');
    expect(notices).toHaveLength(1);
    expect(
      p
        .staff()
        .slice(staffBefore)
        .filter((t) => t.startsWith('Alert: lucasmartin')),
    ).toHaveLength(2);
    const settings = await h.services.customerSettings.read();
    expect(settings.undeliverable.map((u) => `${u.platform}:${u.id}`)).toEqual([
      `${p.customer.platform}:${p.customer.id}`,
    ]);
    expect(await h.store.notify.pending()).toEqual([]);
  });

  it('with notify:customer tells only the customer, also with no alerts channel set, and once', async () => {
    await setUp('20%', { notify: 'customer', channel: false });
    await h.notifier.runOnce();
    proxylite().consume('lucasmartin', 75 * GB_IN_KB);
    h.advance(quarterHour);
    await h.notifier.runOnce();
    h.advance(quarterHour);
    await h.notifier.runOnce();
    expect(p.dms(p.customer)).toEqual(['Your account proxylite:lucasmartin']);
    expect(p.staff()).toEqual([]);
    expect(p.dms(p.muted)).toEqual([]);
  });
});

describe('notify: on alert rules', () => {
  let h: Harness;
  afterEach(() => h?.close());

  it('is refused on a rule that is not about a customer’s own traffic or expiry, and nothing is stored', async () => {
    h = await startHarness();
    const out = await h.run('alerts rule add usage-spike notify:customer');
    expect([out.ok, out.error?.code]).toEqual([false, 'invalid_input']);
    expect(out.text).toContain('notify: does not apply to usage-spike.');
    expect((await h.run('alerts rule list')).data.rules).toEqual([]);
    const wrong = await h.run('alerts rule add traffic-below notify:everyone');
    expect(wrong.text).toContain('notify: must be one of staff, customer, both');
  });
});
