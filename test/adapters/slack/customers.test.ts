import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { owner, type SlackHarness, startSlackHarness } from '../../helpers/slack-fake/harness.js';

const maria = 'UMARIA00001';
const json = (value: unknown) => JSON.stringify(value);

/** Linked customers on Slack: real Bolt fed signed requests, the local fake Web API and response_urls. */
describe('Slack: a linked customer', () => {
  let h: SlackHarness;
  let mine: string;
  let theirs: string;

  beforeAll(async () => {
    h = await startSlackHarness();
    const listed = await h.t.run('customer list proxylite status:active');
    [mine, theirs] = (listed.data.customers as { username: string }[]).map((c) => c.username) as [string, string];
    expect((await h.t.run(`link add slack:${maria} proxylite ${mine}`)).ok).toBe(true);
    expect((await h.t.run(`link add slack:UOMAR000001 proxylite ${theirs}`)).ok).toBe(true);
  });
  afterAll(() => h.close());

  it('gets /my usage as an ephemeral reply about their own account only, the chart in their DM', async () => {
    const sent = await h.command('/my usage', { userId: maria });
    expect(sent.status).toBe(200);
    const reply = await h.response(sent.responseId);
    expect(reply.body.response_type).toBe('ephemeral');
    expect(json(reply.body)).toContain(`Usage of ${mine} on ProxyLite`);
    expect(json(reply.body)).not.toContain(theirs);
    const opened = h.fake.calls.filter((c) => c.method === 'conversations.open').map((c) => c.params.users);
    expect(opened).toEqual([maria]);
    expect(h.fake.calls.filter((c) => c.method === 'chat.postMessage')).toEqual([]);
  });

  it('gets /my config as an ephemeral reply with their own proxy strings, nobody else’s', async () => {
    const sent = await h.command(`/my config account:${mine}`, { userId: maria });
    const reply = await h.response(sent.responseId);
    expect(reply.body.response_type).toBe('ephemeral');
    expect(json(reply.body)).toContain(`Config for ${mine} on ProxyLite`);
    expect(json(reply.body)).toContain(`${mine}:`);
    expect(json(reply.body)).not.toContain(theirs);
    expect(h.fake.uploads.map((u) => u.filename)).toContain(`proxylite-${mine}-proxies.txt`);
    expect(h.fake.calls.filter((c) => c.method === 'chat.postMessage')).toEqual([]);
  });

  it('is told privately that another customer’s account is not linked to them', async () => {
    const sent = await h.command(`/my usage account:proxylite:${theirs}`, { userId: maria });
    const reply = await h.response(sent.responseId);
    expect(reply.body.response_type).toBe('ephemeral');
    expect(json(reply.body)).toContain('is not linked to you');
    expect(json(reply.body)).toContain(`proxylite:${mine}`);
  });

  it('is refused /customer list and a staff-only user: on /my', async () => {
    for (const line of ['/customer list proxylite', `/my accounts user:<@${owner}>`]) {
      const before = h.t.sim('proxylite').received.length;
      const sent = await h.command(line, { userId: maria });
      const reply = await h.response(sent.responseId);
      expect(reply.body.response_type).toBe('ephemeral');
      expect(json(reply.body)).toContain('Not allowed');
      expect(h.t.sim('proxylite').received.length).toBe(before);
    }
  });
});
