import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { alertEmbed } from '../../../adapters/discord/alert-sink.js';
import { createDiscordAlertSink } from '../../../adapters/discord/index.js';
import { type AlertMessage, SinkError } from '../../../src/notify/message.js';
import type { VpnResellersSimulator } from '../../../src/sandbox/vpnresellers/index.js';
import { type DiscordHarness, owner, startDiscordHarness, stranger } from '../../helpers/discord-fake/harness.js';
import type { FakeRequest, FakeUser } from '../../helpers/discord-fake/server.js';

describe('Discord autocomplete', () => {
  let h: DiscordHarness;
  let seeded: string[];
  beforeAll(async () => {
    h = await startDiscordHarness();
    const listed = await h.t.run('customer list proxylite');
    seeded = (listed.data.customers as { username: string }[]).map((c) => c.username);
  });
  afterAll(() => h?.close());

  const choicesOf = (req: FakeRequest) =>
    req.body as { type: number; data: { choices: { name: string; value: string }[] } };

  it('offers usernames from local data at once, while the provider would take 10 s', async () => {
    h.t.sim('proxylite').setLatency(10_000);
    try {
      const before = h.t.sim('proxylite').received.length;
      const typed = seeded[0]!.slice(0, 2);
      const sent = h.fake.command(
        owner,
        'customer',
        ['info'],
        [
          { name: 'provider', type: 3, value: 'proxylite' },
          { name: 'username', type: 3, value: typed, focused: true },
        ],
        { autocomplete: true },
      );
      await h.fake.waitUntil(() => h.fake.callbacks(sent).length > 0, 5_000, 'the suggestions');
      const [callback] = h.fake.callbacks(sent) as [FakeRequest];
      expect(callback.at - sent.sentAt).toBeLessThan(3_000);
      const body = choicesOf(callback);
      expect(body.type).toBe(8);
      const expected = seeded.filter(
        (n) =>
          n.toLowerCase().startsWith(typed.toLowerCase()) ||
          (typed.length > 1 && n.toLowerCase().includes(typed.toLowerCase())),
      );
      expect(body.data.choices.map((c) => c.value).sort()).toEqual([...new Set(expected)].sort().slice(0, 25));
      expect(h.t.sim('proxylite').received.length).toBe(before);
    } finally {
      h.t.sim('proxylite').setLatency(0);
    }
  });

  /** The values suggested to `user` typing two letters of a seeded username into `/<name> <sub>`. */
  async function suggested(user: FakeUser, name: string, sub: string): Promise<string[]> {
    const sent = h.fake.command(
      user,
      name,
      [sub],
      [
        { name: 'provider', type: 3, value: 'proxylite' },
        { name: 'username', type: 3, value: seeded[0]!.slice(0, 2), focused: true },
      ],
      { autocomplete: true },
    );
    await h.fake.waitUntil(() => h.fake.callbacks(sent).length > 0, 5_000, 'the suggestions');
    return choicesOf(h.fake.callbacks(sent)[0]!).data.choices.map((c) => c.value);
  }

  it('suggests nothing to a user the command would refuse, and names to one it allows', async () => {
    expect(await suggested(stranger, 'customer', 'info')).toEqual([]);
    // A viewer by Discord role: customer info (viewer) suggests, password reset (staff) does not.
    const viewers = '800000000000000001';
    const viewer: FakeUser = { ...stranger, roles: [viewers] };
    await h.t.app.services.access.grant({ platform: 'discord', kind: 'discord-role', id: viewers }, 'viewer', {
      platform: 'terminal',
      userId: 'tester',
    });
    try {
      expect(await suggested(viewer, 'customer', 'info')).toContain(seeded[0]);
      expect(await suggested(viewer, 'password', 'reset')).toEqual([]);
      expect(await suggested(owner, 'password', 'reset')).toContain(seeded[0]);
    } finally {
      await h.t.app.services.access.revoke({ platform: 'discord', kind: 'discord-role', id: viewers });
    }
  });

  /** The choices of the autocomplete answer to `options`, once it arrives, and whether Discord took it. */
  async function answered(name: string, sub: string, options: Parameters<typeof h.fake.command>[3]) {
    const sent = h.fake.command(owner, name, [sub], options, { autocomplete: true });
    await h.fake.waitUntil(() => h.fake.callbacks(sent).length > 0, 5_000, 'the suggestions');
    return { choices: choicesOf(h.fake.callbacks(sent)[0]!).data.choices, accepted: h.fake.acknowledged(sent) };
  }

  it('leaves out a customer whose name is too long to be a choice value, and offers the others', async () => {
    // Discord cuts nothing itself: a value cut by the bot would send another customer's name.
    const registry = h.t.app.services.store.registry;
    const createdBy = { platform: 'terminal', userId: 'tester' };
    const long = `qqzlong${'x'.repeat(94)}`;
    expect(long).toHaveLength(101);
    await registry.upsert({ provider: 'proxylite', username: long, createdBy });
    await registry.upsert({ provider: 'proxylite', username: 'qqzshort', createdBy });
    try {
      const { choices, accepted } = await answered('customer', 'info', [
        { name: 'provider', type: 3, value: 'proxylite' },
        { name: 'username', type: 3, value: 'qqz', focused: true },
      ]);
      expect(choices).toEqual([{ name: 'qqzshort', value: 'qqzshort' }]);
      expect(accepted).toBe(true);
    } finally {
      await registry.remove('proxylite', long);
      await registry.remove('proxylite', 'qqzshort');
    }
  });

  it('labels a VPN server without a name by its id, so Discord still takes the other servers', async () => {
    const vpn = h.t.app.sandbox!.simulators.vpnresellers as VpnResellersSimulator;
    const suggestions = h.t.app.services.suggestions;
    // The adapter loads the servers in the background at start; that load must be over before ours.
    await vi.waitFor(async () => expect(await suggestions.suggest('vpn-server', 'ams')).not.toEqual([]));
    vpn.state.servers.push({
      id: 99,
      name: '',
      ip: '198.51.100.7',
      country_code: 'NL',
      city: '',
      capacity: 0,
      wgPublicKey: 'unnamed',
    });
    try {
      await suggestions.refreshVpn();
      const { choices, accepted } = await answered('config', 'get', [
        { name: 'provider', type: 3, value: 'vpnresellers' },
        { name: 'server', type: 3, value: 'nl', focused: true },
      ]);
      expect(accepted).toBe(true);
      expect(choices).toEqual([
        { name: 'ams-s02.321inter.net (Amsterdam)', value: '1' },
        { name: 'rtm-s01.321inter.net (Rotterdam)', value: '2' },
        { name: '99', value: '99' },
      ]);
    } finally {
      vpn.state.servers.pop();
      await suggestions.refreshVpn();
    }
  });

  it('offers commands for /help', async () => {
    const sent = h.fake.command(owner, 'help', [], [{ name: 'command', type: 3, value: 'cust', focused: true }], {
      autocomplete: true,
    });
    await h.fake.waitUntil(() => h.fake.callbacks(sent).length > 0, 5_000, 'the suggestions');
    const values = choicesOf(h.fake.callbacks(sent)[0]!).data.choices.map((c) => c.value);
    expect(values).toContain('customer create');
    expect(values.every((v) => v.startsWith('cust'))).toBe(true);
  });
});

const message: AlertMessage = {
  id: 'm1',
  title: 'Traffic low',
  lines: ['proxylite liamwong: 5% left'],
  fields: [{ label: 'Left', value: '0.5 GB', inline: true }],
  tone: 'warning',
  chart: { name: 'usage.png', png: Buffer.from([0x89, 0x50, 0x4e, 0x47]) },
  subject: 'proxylite:customer:liamwong',
  provider: 'proxylite',
  createdAt: '2026-01-01T00:00:00.000Z',
};

describe('Discord alert sink', () => {
  let h: DiscordHarness;
  beforeAll(async () => {
    h = await startDiscordHarness();
  });
  afterAll(() => h?.close());

  it('posts the alert as an embed with the chart attached and shown', async () => {
    const channel = '910000000000000001';
    await h.adapter.alertSink.send(channel, message);
    const posted = h.fake.requests.filter((r) => r.path === `/channels/${channel}/messages`);
    expect(posted).toHaveLength(1);
    expect((posted[0]!.body as { embeds: unknown[] }).embeds).toEqual([alertEmbed(message)]);
    expect(alertEmbed(message)).toMatchObject({
      title: 'Traffic low',
      description: '• proxylite liamwong: 5% left',
      fields: [{ name: 'Left', value: '0.5 GB', inline: true }],
      image: { url: 'attachment://usage.png' },
    });
    expect(posted[0]!.files.map((f) => [f.name, f.bytes])).toEqual([['usage.png', 4]]);
  });

  it('reports an unknown channel as permanent and a rate limit with its delay', async () => {
    const sink = createDiscordAlertSink({ token: h.fake.token, apiUrl: h.fake.apiUrl });
    h.fake.override((r) =>
      r.path === '/channels/920000000000000001/messages'
        ? { status: 404, body: { code: 10003, message: 'Unknown Channel' } }
        : undefined,
    );
    h.fake.override((r) =>
      r.path === '/channels/920000000000000002/messages'
        ? {
            status: 429,
            body: { message: 'You are being rate limited.', retry_after: 2.5, global: false },
            headers: { 'retry-after': '2.5', 'x-ratelimit-scope': 'user' },
          }
        : undefined,
    );
    const unknown = await sink.send('920000000000000001', message).catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(SinkError);
    expect((unknown as SinkError).permanent).toBe(true);
    const limited = await sink.send('920000000000000002', message).catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(SinkError);
    expect((limited as SinkError).permanent).toBe(false);
    expect((limited as SinkError).retryAfterMs).toBeGreaterThanOrEqual(2_000);
    h.fake.clearOverrides();
  });
});
