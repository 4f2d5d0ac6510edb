import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { acquireFileLock } from '../../../src/storage/files/file-lock.js';
import {
  type DiscordHarness,
  embedOf,
  flagsOf,
  owner,
  startDiscordHarness,
  stranger,
} from '../../helpers/discord-fake/harness.js';
import type { FakeRequest } from '../../helpers/discord-fake/server.js';
import { holdNext } from '../../helpers/hold.js';

const ephemeral = 64;
const str = (name: string, value: string) => ({ name, type: 3, value });

/** Slash commands through the real discord.js client, against a local Discord and the provider simulators. */
describe('Discord slash commands', () => {
  let h: DiscordHarness;
  let seeded: string;
  const posts = (since = 0) =>
    h.t
      .sim('proxylite')
      .received.slice(since)
      .filter((r) => r.method === 'POST').length;

  beforeAll(async () => {
    h = await startDiscordHarness({ PROVIDER_TIMEOUT_MS: '15000' });
    const listed = await h.t.run('customer list proxylite status:active');
    seeded = (listed.data.customers as { username: string }[])[0]!.username;
  });
  afterAll(() => h?.close());
  /** Holds the provider's next answer to the account list until the returned function is called. */
  const holdNextList = () => holdNext(h.t.sim('proxylite'), 'GET /end-point/whitelist-account/list');
  const twiceLogged = (id: string) =>
    h.logs.filter((l) => l.interactionId === id && /twice/.test(String(l.msg))).length;

  afterEach(() => {
    h.t.sim('proxylite').setLatency(0);
    h.fake.clearOverrides();
    h.fake.ackWindowMs = 3_000;
  });

  it('defers inside the 3-second window while the provider has not answered, then edits in the answer', async () => {
    const release = holdNextList();
    const sent = h.fake.command(owner, 'customer', ['info'], [str('provider', 'proxylite'), str('username', seeded)]);
    await h.fake.waitUntil(() => h.fake.callbacks(sent).length > 0, 5_000, 'the defer');
    const [defer] = h.fake.callbacks(sent) as [FakeRequest];
    expect(defer.at - sent.sentAt).toBeLessThan(3_000);
    expect(defer.body).toEqual({ type: 5, data: { flags: 0 } });
    // The provider is still holding its answer: the defer did not wait for it.
    expect(h.fake.messages(sent)).toEqual([]);
    release();
    const answer = await h.answer(sent, 20_000);
    expect(answer.method).toBe('PATCH');
    expect(answer.path).toMatch(/\/messages\/@original$/);
    expect(embedOf(answer).title).toContain(seeded);
  }, 30_000);

  it('defers a command that returns a secret ephemerally, and sends the password only there', async () => {
    const before = posts();
    const sent = h.fake.command(
      owner,
      'customer',
      ['create'],
      [str('provider', 'proxylite'), str('username', 'discordnew1')],
    );
    const answer = await h.answer(sent);
    expect(h.fake.callbacks(sent).map((c) => c.body)).toEqual([{ type: 5, data: { flags: ephemeral } }]);
    expect(embedOf(answer).title).toBe('Customer created');
    const password = embedOf(answer).fields?.find((f) => f.name === 'Password')?.value;
    expect(password).toMatch(/^[A-Za-z0-9]{6,}$/);
    // Only the edit of the ephemeral defer carries it: no followup, nothing public.
    expect(h.fake.messages(sent)).toHaveLength(1);
    expect(posts() - before).toBe(1);
    expect(JSON.stringify(h.logs)).not.toContain(password);
  });

  it('moves a private reply of a publicly deferred command into an ephemeral followup and removes the placeholder', async () => {
    const sent = h.fake.command(
      owner,
      'customer',
      ['info'],
      [str('provider', 'proxylite'), str('username', 'nosuchuser1')],
    );
    await h.fake.waitUntil(
      () => h.fake.requestsFor(sent).some((r) => r.method === 'DELETE'),
      10_000,
      'the placeholder deletion',
    );
    expect(h.fake.callbacks(sent).map((c) => c.body)).toEqual([{ type: 5, data: { flags: 0 } }]);
    const messages = h.fake.messages(sent);
    expect(messages.map((m) => [m.method, flagsOf(m)])).toEqual([['POST', ephemeral]]);
    expect(embedOf(messages[0]!).title).toBe('Not found');
  });

  it('tells a user without a role "forbidden", audits it, and sends nothing to the provider', async () => {
    const before = h.t.sim('proxylite').received.length;
    const sent = h.fake.command(
      stranger,
      'customer',
      ['create'],
      [str('provider', 'proxylite'), str('username', 'sneaky1')],
    );
    const answer = await h.answer(sent);
    expect(h.fake.callbacks(sent).map((c) => c.body)).toEqual([{ type: 5, data: { flags: ephemeral } }]);
    expect(embedOf(answer).title).toBe('Not allowed');
    expect(embedOf(answer).description).toContain('needs the staff role');
    expect(h.t.sim('proxylite').received.length).toBe(before);
    const denials = await h.t.app.services.store.audit.recent({ actorId: stranger.id, platform: 'discord' });
    expect(denials.map((d) => [d.command, d.result])).toEqual([['customer create', 'denied']]);
  });

  it('defers while another process holds the store, and runs the command once it may', async () => {
    const claims = await acquireFileLock(join(h.t.app.config.dataDir, '.locks', 'interactions.lock'));
    const before = posts();
    const sent = h.fake.command(
      owner,
      'customer',
      ['create'],
      [str('provider', 'proxylite'), str('username', 'heldlock1')],
    );
    try {
      await h.fake.waitUntil(() => h.fake.callbacks(sent).length > 0, 10_000, 'the defer');
      // The claim waits for the lock, so nothing has reached the provider yet.
      expect(posts() - before).toBe(0);
    } finally {
      await claims?.release();
    }
    expect(embedOf(await h.answer(sent)).title).toBe('Customer created');
    expect(posts() - before).toBe(1);
  });

  it('acts once on a redelivered interaction, during and after the first run', async () => {
    const release = holdNextList();
    const before = posts();
    const sent = h.fake.command(
      owner,
      'customer',
      ['create'],
      [str('provider', 'proxylite'), str('username', 'redeliv1')],
    );
    h.fake.replay(sent);
    // The redelivery is turned away while the first run still waits on the provider.
    await vi.waitFor(() => expect(twiceLogged(sent.id)).toBe(1), { timeout: 5_000, interval: 5 });
    release();
    await h.answer(sent);
    h.fake.replay(sent);
    await vi.waitFor(() => expect(twiceLogged(sent.id)).toBe(2), { timeout: 5_000, interval: 5 });
    await h.adapter.settled();
    expect(posts() - before).toBe(1);
    expect(h.fake.callbacks(sent)).toHaveLength(1);
    expect(h.logs.filter((l) => l.interactionId === sent.id && /twice/.test(String(l.msg)))).toHaveLength(2);
  });

  it('logs an interaction that can no longer be acknowledged (10062), runs nothing, and keeps serving', async () => {
    h.fake.ackWindowMs = 0;
    const before = posts();
    const lost = h.fake.command(
      owner,
      'customer',
      ['create'],
      [str('provider', 'proxylite'), str('username', 'toolate1')],
    );
    await h.fake.waitUntil(() => h.fake.callbacks(lost).length > 0, 5_000, 'the failed defer');
    await h.adapter.settled();
    expect(h.fake.messages(lost)).toEqual([]);
    expect(posts() - before).toBe(0);
    expect(h.logs.filter((l) => l.interactionId === lost.id).map((l) => l.code)).toEqual([10062]);
    h.fake.ackWindowMs = 3_000;
    const next = h.fake.command(owner, 'customer', ['info'], [str('provider', 'proxylite'), str('username', seeded)]);
    expect(embedOf(await h.answer(next)).title).toContain(seeded);
  });

  it('survives 40060 on the defer (another instance answered first) without running the command', async () => {
    h.fake.override((req) =>
      req.path.endsWith('/callback')
        ? { status: 400, body: { code: 40060, message: 'Interaction has already been acknowledged.' } }
        : undefined,
    );
    const before = posts();
    const sent = h.fake.command(
      owner,
      'customer',
      ['create'],
      [str('provider', 'proxylite'), str('username', 'twice1')],
    );
    await h.fake.waitUntil(() => h.fake.callbacks(sent).length > 0, 5_000, 'the refused defer');
    await h.adapter.settled();
    expect(posts() - before).toBe(0);
    expect(h.fake.messages(sent)).toEqual([]);
    expect(h.logs.filter((l) => l.interactionId === sent.id).map((l) => l.code)).toEqual([40060]);
  });

  it('keeps the password and the interaction token out of the log when Discord refuses the reply carrying them', async () => {
    const sent = h.fake.command(
      owner,
      'customer',
      ['create'],
      [str('provider', 'proxylite'), str('username', 'refusedreply1')],
    );
    h.fake.override((req) =>
      req.method === 'PATCH' && req.path.includes(sent.token)
        ? { status: 400, body: { code: 50035, message: 'Invalid Form Body' } }
        : undefined,
    );
    await h.fake.waitUntil(() => h.fake.messages(sent).length > 0, 10_000, 'the refused reply');
    await h.adapter.settled();
    const password = embedOf(h.fake.messages(sent)[0]!).fields?.find((f) => f.name === 'Password')?.value;
    expect(password).toMatch(/^[A-Za-z0-9]{6,}$/);
    const logged = h.logs.filter((l) => l.interactionId === sent.id);
    expect(logged.map((l) => l.code)).toEqual([50035]);
    expect(JSON.stringify(h.logs)).not.toContain(password);
    expect(JSON.stringify(h.logs)).not.toContain(sent.token);
  });

  it('sends config files as attachments of an ephemeral reply', async () => {
    const listed = await h.t.run('customer list vpnresellers status:active');
    const vpnUser = (listed.data.customers as { username: string }[])[0]!.username;
    const sent = h.fake.command(
      owner,
      'config',
      ['get'],
      [str('provider', 'vpnresellers'), str('username', vpnUser), str('type', 'wireguard')],
    );
    const answer = await h.answer(sent);
    expect(h.fake.callbacks(sent).map((c) => c.body)).toEqual([{ type: 5, data: { flags: ephemeral } }]);
    expect(answer.files.length).toBeGreaterThan(0);
    expect(answer.files.map((f) => f.name).some((n) => n.endsWith('.conf'))).toBe(true);
    expect((answer.body as { attachments: unknown[] }).attachments).toHaveLength(answer.files.length);
  });

  it('answers a command left over from an older deploy privately, pointing at discord deploy', async () => {
    const sent = h.fake.command(owner, 'orders', ['list'], []);
    const answer = await h.answer(sent);
    expect(h.fake.callbacks(sent).map((c) => c.body)).toEqual([{ type: 5, data: { flags: ephemeral } }]);
    expect(embedOf(answer).title).toBe('Invalid input');
    expect(embedOf(answer).description).toContain('resellerops discord deploy');
  });

  it('reads a mentionable role option as a Discord role grant, which then gives its members the role', async () => {
    const roleId = '800000000000000042';
    const sent = h.fake.command(
      owner,
      'access',
      ['grant'],
      [{ name: 'user', type: 9, value: roleId }, str('role', 'viewer')],
      {
        resolved: {
          roles: {
            [roleId]: {
              id: roleId,
              name: 'support',
              color: 0,
              hoist: false,
              position: 1,
              permissions: '0',
              managed: false,
              mentionable: true,
              flags: 0,
            },
          },
        },
      },
    );
    const answer = await h.answer(sent);
    expect(embedOf(answer).title).not.toBe('Not allowed');
    expect((await h.t.app.services.access.list()).map((g) => [g.grantee, g.role])).toContainEqual([
      { platform: 'discord', kind: 'discord-role', id: roleId },
      'viewer',
    ]);
    const member = { ...stranger, id: '700000000000000077', roles: [roleId] };
    const info = h.fake.command(member, 'customer', ['info'], [str('provider', 'proxylite'), str('username', seeded)]);
    expect(embedOf(await h.answer(info)).title).toContain(seeded);
  });
});
