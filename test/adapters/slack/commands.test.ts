import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { providerIds } from '../../../src/providers/registry.js';
import { acquireFileLock } from '../../../src/storage/files/file-lock.js';
import { holdNext } from '../../helpers/hold.js';
import { owner, type SlackHarness, startSlackHarness } from '../../helpers/slack-fake/harness.js';

const ackWindowMs = 3000;
const nobody = 'UNOBODY0001';

type Block = { type: string; [k: string]: unknown };
const blocksOf = (body: Record<string, unknown>) => (body.blocks ?? []) as Block[];
const json = (value: unknown) => JSON.stringify(value);

/** Real Bolt (HTTP receiver) fed signed requests; a local fake Slack Web API and response_urls. */
describe('Slack adapter: slash commands', () => {
  let h: SlackHarness;
  let proxyliteUser: string;
  let vpnUser: string;
  const upstream = () => providerIds.reduce((n, id) => n + h.t.sim(id).received.length, 0);

  beforeAll(async () => {
    h = await startSlackHarness({ PROVIDER_TIMEOUT_MS: '20000' });
    const pl = await h.t.run('customer list proxylite status:active');
    proxyliteUser = (pl.data.customers as Array<{ username: string }>)[0]!.username;
    const vr = await h.t.run('customer list vpnresellers status:active');
    vpnUser = (vr.data.customers as Array<{ username: string }>)[0]!.username;
  });
  afterAll(() => h.close());

  it('acknowledges inside 3 s while the provider has not answered, then replies through the response_url', async () => {
    const release = holdNext(h.t.sim('proxylite'), 'GET /end-point/whitelist-account/list');
    try {
      const sent = await h.command(`/customer info proxylite ${proxyliteUser}`);
      expect(sent.status).toBe(200);
      expect(sent.ms).toBeLessThan(ackWindowMs);
      expect(JSON.parse(sent.text)).toMatchObject({
        response_type: 'ephemeral',
        text: expect.stringMatching(/Working/),
      });
      // The ack did not wait for the provider: nothing has been answered yet.
      expect(h.fake.responses.filter((r) => r.id === sent.responseId)).toEqual([]);
      release();
      const reply = await h.response(sent.responseId, 1, 20_000);
      expect(blocksOf(reply.body)[0]).toMatchObject({ type: 'header' });
      expect(json(reply.body)).toContain(proxyliteUser);
    } finally {
      release();
    }
  }, 30_000);

  it('sends a new password only as an ephemeral reply', async () => {
    const sent = await h.command(`/password reset proxylite ${proxyliteUser}`);
    expect(sent.status).toBe(200);
    const reply = await h.response(sent.responseId);
    expect(reply.body.response_type).toBe('ephemeral');
    // The password the provider set is in the private reply, and in nothing posted anywhere else.
    const fields = blocksOf(reply.body).flatMap((b) => (b.fields ?? []) as Array<{ text: string }>);
    const password = fields.map((f) => /^\*Password\*\n(.+)$/.exec(f.text)?.[1]).find(Boolean);
    expect(password).toBeTruthy();
    expect(sent.text).not.toContain(password as string);
    expect(h.fake.calls.filter((c) => c.method === 'chat.postMessage')).toEqual([]);
    for (const r of h.fake.responses) {
      if (json(r.body).includes(password as string)) expect(r.body.response_type).toBe('ephemeral');
    }
  });

  it('delivers VPN config files to the requester’s DM, never to the channel', async () => {
    const callsBefore = h.fake.calls.length;
    const sent = await h.command(`/config get vpnresellers ${vpnUser} type:wireguard`);
    const reply = await h.response(sent.responseId);
    expect(reply.body.response_type).toBe('ephemeral');
    expect(json(reply.body)).toMatch(/Sent you 2 files in a direct message/);
    const calls = h.fake.calls.slice(callsBefore);
    const open = calls.find((c) => c.method === 'conversations.open');
    expect(open?.params.users).toBe(owner);
    const completes = calls.filter((c) => c.method === 'files.completeUploadExternal');
    expect(completes.map((c) => c.params.channel_id)).toEqual([`D${owner.slice(1)}`]);
    expect(completes[0]?.params.files).toHaveLength(2);
    // Nothing went to the shared channel the command was typed in.
    expect(json(calls)).not.toContain('C0SHARED01');
    // The file bodies were uploaded, and none of the WireGuard config is in the reply itself.
    const conf = h.fake.uploads.find((u) => u.filename === `${vpnUser}-wg0.conf`);
    expect(conf?.raw.toString('latin1')).toContain('PrivateKey');
    expect(json(reply.body)).not.toContain('PrivateKey');
  });

  it('answers a user without a role with "forbidden", and nothing reaches the provider', async () => {
    const before = upstream();
    const sent = await h.command(`/customer disable proxylite ${proxyliteUser}`, { userId: nobody });
    expect(sent.status).toBe(200);
    const reply = await h.response(sent.responseId);
    expect(reply.body.response_type).toBe('ephemeral');
    expect(json(reply.body)).toMatch(/Not allowed/);
    expect(json(reply.body)).toMatch(/needs the staff role/);
    expect(upstream()).toBe(before);
  });

  it('refuses a bad signature with 401 and does nothing', async () => {
    const before = upstream();
    const bad = await h.command(`/customer disable proxylite ${proxyliteUser}`, { badSignature: true });
    expect(bad.status).toBe(401);
    // A good request afterwards is answered; the bad one's response_url never hears anything.
    const good = await h.command('/help');
    await h.response(good.responseId);
    expect(h.fake.responses.filter((r) => r.id === bad.responseId)).toEqual([]);
    expect(upstream()).toBe(before);
  });

  it('refuses a validly signed request stamped more than 5 minutes from the clock, ahead or behind', async () => {
    const before = upstream();
    const now = Math.floor(Date.now() / 1000);
    const line = `/customer disable proxylite ${proxyliteUser}`;
    const refused: string[] = [];
    for (const timestamp of [now + 24 * 3600, now + 6 * 60, now - 6 * 60]) {
      const sent = await h.command(line, { timestamp });
      expect(sent.status, `stamped ${timestamp - now} s from now`).toBe(401);
      refused.push(sent.responseId);
    }
    // Within the window either way is taken; answered after the refused ones, so they had their chance.
    const ahead = await h.command('/help', { timestamp: now + 60 });
    expect(ahead.status).toBe(200);
    await h.response(ahead.responseId);
    expect(h.fake.responses.filter((r) => refused.includes(r.id))).toEqual([]);
    expect(upstream()).toBe(before);
  });

  it('acknowledges while another process holds the store, and runs the command once it may', async () => {
    const claims = await acquireFileLock(join(h.t.app.config.dataDir, '.locks', 'interactions.lock'));
    let sent: Awaited<ReturnType<typeof h.command>>;
    try {
      sent = await h.command('/help');
      expect(sent.status).toBe(200);
      expect(sent.text).not.toBe('');
      // The claim waits for the lock, so the command has not run: nothing went to its response_url.
      expect(h.fake.responses.filter((r) => r.id === sent.responseId)).toEqual([]);
    } finally {
      await claims?.release();
    }
    expect(json((await h.response(sent.responseId)).body)).toMatch(/customer/);
  });

  it('acts once on a redelivered slash command (same trigger_id)', async () => {
    const user = (await h.t.run('customer list proxylite status:active')).data.customers as Array<{ username: string }>;
    const target = user[1]!.username;
    const disables = () => h.t.sim('proxylite').received.filter((r) => /disable/.test(r.route ?? '')).length;
    const before = disables();
    const first = await h.command(`/customer disable proxylite ${target}`);
    const again = await h.command('', { body: first.body, retryNum: 1 });
    expect(again.status).toBe(200);
    expect(again.text).toBe('');
    const reply = await h.response(first.responseId);
    expect(json(reply.body)).toMatch(/disabled/i);
    // Make sure any second run would have finished: a later command is answered first.
    const later = await h.command('/help');
    await h.response(later.responseId);
    expect(h.fake.responses.filter((r) => r.id === first.responseId)).toHaveLength(1);
    expect(disables() - before).toBe(1);
  });

  it('talks to the Web API at SLACK_API_URL with the bot token', () => {
    const authTest = h.fake.calls.find((c) => c.method === 'auth.test');
    expect(authTest?.token).toBe('xoxb-test-0000-token');
    expect(h.fake.calls.every((c) => c.token === 'xoxb-test-0000-token')).toBe(true);
  });

  it('answers an unknown subcommand with the usage line, privately', async () => {
    const sent = await h.command('/customer frobnicate');
    const reply = await h.response(sent.responseId);
    expect(reply.body.response_type).toBe('ephemeral');
    expect(json(reply.body)).toMatch(/not a subcommand of \/customer/);
  });
});
