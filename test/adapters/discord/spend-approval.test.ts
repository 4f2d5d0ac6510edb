import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNotifier, type Notifier } from '../../../src/notify/notifier.js';
import {
  type DiscordHarness,
  embedOf,
  flagsOf,
  owner,
  startDiscordHarness,
} from '../../helpers/discord-fake/harness.js';
import type { FakeRequest, FakeUser } from '../../helpers/discord-fake/server.js';

const buyRoute = 'POST /client/api/v1/:key/order';
const str = (name: string, value: string) => ({ name, type: 3, value });
const secondOwner: FakeUser = { id: '700000000000000002', username: 'oscar' };
const ephemeral = 64;

function buttons(req: FakeRequest): { custom_id: string; label: string }[] {
  const rows = (req.body as { components?: { components: { custom_id: string; label: string }[] }[] }).components ?? [];
  return rows.flatMap((r) => r.components);
}

/** Second-owner approval through the real discord.js client: the request in the alert channel, Approve and Deny. */
describe('Discord: a purchase waiting for a second owner', () => {
  let h: DiscordHarness;
  let notifier: Notifier;
  let aheadMs = 0;

  beforeAll(async () => {
    h = await startDiscordHarness({ OWNER_DISCORD_IDS: `${owner.id},${secondOwner.id}` }, undefined, {
      now: () => new Date(Date.now() + aheadMs),
    });
    notifier = createNotifier({ services: h.t.app.services, sinks: [h.adapter.alertSink], pacingMs: { discord: 0 } });
    await h.t.run(`alerts channel set ${h.fake.channelId} platform:discord`);
    await h.t.run('spend approval above:2 USD');
  });
  afterAll(async () => {
    await h?.adapter.settled();
    await notifier?.stop();
    await h?.close();
  });

  /** /order buy for 2 IPs (3.60 USD) confirmed by `owner`: the request posted in the alert channel. */
  async function requestApproval(): Promise<{ approve: string; deny: string; posted: FakeRequest }> {
    const postedBefore = channelPosts().length;
    const sent = h.fake.command(
      owner,
      'order',
      ['buy'],
      [
        str('provider', 'youproxy'),
        str('product', 'ipv4'),
        str('country', 'USA'),
        { name: 'quantity', type: 4, value: 2 },
      ],
    );
    const prompt = await h.answer(sent);
    expect(JSON.stringify(embedOf(prompt))).toContain('a second owner must approve it');
    const confirm = buttons(prompt).find((b) => b.custom_id.startsWith('ro:confirm:'))!.custom_id;
    const answered = await h.answer(h.fake.button(owner, confirm));
    expect(embedOf(answered).title).toBe('Waiting for a second owner');
    await h.fake.waitUntil(() => channelPosts().length > postedBefore, 10_000, 'the approval request in the channel');
    const posted = channelPosts().at(-1)!;
    const [approve, deny] = buttons(posted).map((b) => b.custom_id) as [string, string];
    return { approve, deny, posted };
  }

  /** Approval requests posted in the alert channel (purchase alerts go there too). */
  const channelPosts = () =>
    h.fake.requests.filter(
      (r) =>
        r.method === 'POST' &&
        r.path === `/channels/${h.fake.channelId}/messages` &&
        buttons(r).some((b) => b.custom_id.startsWith('ro:approve:')),
    );

  it('posts the request with Approve and Deny, refuses the requester, and buys once when another owner presses Approve twice', async () => {
    const since = h.t.sim('youproxy').received.length;
    const { approve, deny, posted } = await requestApproval();
    expect(embedOf(posted).title).toBe('Purchase waiting for a second owner');
    expect(buttons(posted).map((b) => b.label)).toEqual(['Approve', 'Deny']);
    expect(deny).toBe(approve.replace('ro:approve:', 'ro:deny:'));
    expect(h.t.count('youproxy', buyRoute, since)).toBe(0);

    const self = await h.answer(h.fake.button(owner, approve, { flags: 0 }));
    expect(flagsOf(self) & ephemeral).toBe(ephemeral);
    expect(embedOf(self).description).toContain('another owner has to approve it');
    expect(h.t.count('youproxy', buyRoute, since)).toBe(0);

    const presses = [
      h.fake.button(secondOwner, approve, { flags: 0 }),
      h.fake.button(secondOwner, approve, { flags: 0 }),
    ];
    await Promise.all(presses.map((p) => h.answer(p)));
    await h.fake.waitUntil(
      () => presses.every((p) => h.fake.messages(p).some((m) => m.method === 'POST')),
      10_000,
      'both private answers',
    );
    expect(h.t.count('youproxy', buyRoute, since)).toBe(1);
    const edits = presses.flatMap((p) => h.fake.messages(p).filter((m) => m.method === 'PATCH'));
    expect(edits).toHaveLength(1);
    expect(embedOf(edits[0]!).title).toBe('Approved by oscar');
    expect(buttons(edits[0]!)).toEqual([]);
    const privately = presses.flatMap((p) => h.fake.messages(p).filter((m) => m.method === 'POST'));
    expect(privately.map((m) => embedOf(m).title).sort()).toEqual(['Conflict', 'Order placed']);
  });

  it('refuses a press after the request expired, and buys nothing', async () => {
    const since = h.t.sim('youproxy').received.length;
    const { approve } = await requestApproval();
    aheadMs += 31 * 60_000;
    const press = h.fake.button(secondOwner, approve, { flags: 0 });
    const late = await h.answer(press);
    expect(embedOf(late).description).toContain('expired');
    expect(h.t.count('youproxy', buyRoute, since)).toBe(0);
  });
});
