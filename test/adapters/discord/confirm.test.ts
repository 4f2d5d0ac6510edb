import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type DiscordHarness,
  embedOf,
  flagsOf,
  owner,
  startDiscordHarness,
  stranger,
} from '../../helpers/discord-fake/harness.js';
import type { FakeRequest, FakeUser, SentInteraction } from '../../helpers/discord-fake/server.js';

const ephemeral = 64;
const str = (name: string, value: string) => ({ name, type: 3, value });

interface Button {
  type: number;
  label: string;
  custom_id: string;
}

function buttonsOf(req: FakeRequest): Button[] {
  const rows = (req.body as { components?: { components: Button[] }[] }).components ?? [];
  return rows.flatMap((r) => r.components);
}

/** Confirm/Cancel buttons through the real discord.js client. */
let aheadMs = 0;

describe('Discord Confirm/Cancel buttons', () => {
  let h: DiscordHarness;
  let seeded: string;
  const posts = () => h.t.sim('proxylite').received.filter((r) => r.method === 'POST').length;

  beforeAll(async () => {
    h = await startDiscordHarness({}, undefined, { now: () => new Date(Date.now() + aheadMs) });
    const listed = await h.t.run('customer list proxylite status:active');
    seeded = (listed.data.customers as { username: string }[])[0]!.username;
  });
  afterAll(() => h?.close());

  async function ask(
    user: FakeUser = owner,
  ): Promise<{ sent: SentInteraction; prompt: FakeRequest; confirm: string; cancel: string }> {
    const sent = h.fake.command(
      user,
      'balance',
      ['remove'],
      [str('provider', 'proxylite'), str('username', seeded), { name: 'amount', type: 10, value: 1 }],
    );
    const prompt = await h.answer(sent);
    const [confirm, cancel] = buttonsOf(prompt).map((b) => b.custom_id) as [string, string];
    return { sent, prompt, confirm, cancel };
  }

  /** What the adapter did for a button press: the edited prompt, or a private followup. */
  async function pressed(press: SentInteraction): Promise<FakeRequest> {
    return h.answer(press);
  }

  it('asks privately, with Confirm and Cancel buttons, before anything reaches the provider', async () => {
    const before = posts();
    const { sent, prompt, confirm, cancel } = await ask();
    expect(h.fake.callbacks(sent).map((c) => c.body)).toEqual([{ type: 5, data: { flags: ephemeral } }]);
    expect(embedOf(prompt).title).toBe('Confirmation required');
    expect(buttonsOf(prompt).map((b) => b.label)).toEqual(['Confirm', 'Cancel']);
    expect(confirm).toMatch(/^ro:confirm:[\w-]+$/);
    expect(cancel).toBe(confirm.replace('ro:confirm:', 'ro:cancel:'));
    expect(posts()).toBe(before);
  });

  it('answers a press by someone else privately, leaves the prompt alone, and does nothing', async () => {
    await h.t.app.services.access.grant({ platform: 'discord', kind: 'user', id: stranger.id }, 'staff', {
      platform: 'discord',
      userId: owner.id,
    });
    try {
      const { confirm } = await ask();
      const before = posts();
      const press = h.fake.button(stranger, confirm);
      const out = await pressed(press);
      expect(h.fake.callbacks(press).map((c) => c.body)).toEqual([{ type: 6 }]);
      expect([out.method, flagsOf(out)]).toEqual(['POST', ephemeral]);
      expect(embedOf(out).title).toBe('Not allowed');
      expect(h.fake.messages(press)).toHaveLength(1);
      expect(posts()).toBe(before);
    } finally {
      await h.t.app.services.access.revoke({ platform: 'discord', kind: 'user', id: stranger.id });
    }
  });

  it('acts once when Confirm is pressed twice at the same time', async () => {
    const { confirm } = await ask();
    const before = posts();
    const first = h.fake.button(owner, confirm);
    const second = h.fake.button(owner, confirm);
    // One press carries the command out (its public result, then the closed prompt); the other is told privately.
    const all = () => [...h.fake.messages(first), ...h.fake.messages(second)];
    await h.fake.waitUntil(() => all().length >= 3, 15_000, 'both presses answered');
    await h.adapter.settled();
    expect(posts() - before).toBe(1);
    const edits = all().filter((m) => m.method === 'PATCH');
    const results = all().filter((m) => m.method === 'POST' && flagsOf(m) !== ephemeral);
    const notes = all().filter((m) => m.method === 'POST' && flagsOf(m) === ephemeral);
    expect(edits).toHaveLength(1);
    expect(buttonsOf(edits[0]!)).toEqual([]);
    expect(embedOf(edits[0]!).title).toBe('Confirmed');
    expect(results.map((m) => embedOf(m).title)).toEqual(['Balance removed']);
    expect(notes).toHaveLength(1);
    expect(['Already being handled', 'Conflict']).toContain(embedOf(notes[0]!).title);
  });

  it('posts a confirmed public result in the channel and closes the prompt, without buttons', async () => {
    const { confirm } = await ask();
    const before = posts();
    const press = h.fake.button(owner, confirm);
    await h.fake.waitUntil(() => h.fake.messages(press).length >= 2, 15_000, 'the result and the closed prompt');
    await h.adapter.settled();
    expect(posts() - before).toBe(1);
    const [result, closed] = h.fake.messages(press) as [FakeRequest, FakeRequest];
    expect(h.fake.messages(press)).toHaveLength(2);
    // A followup without the ephemeral flag: a new message the channel sees.
    expect([result.method, result.path, flagsOf(result)]).toEqual([
      'POST',
      expect.not.stringContaining('/messages/'),
      0,
    ]);
    expect(embedOf(result).title).toBe('Balance removed');
    expect(embedOf(result).description).toContain(seeded);
    expect(buttonsOf(result)).toEqual([]);
    expect((result.body as { allowed_mentions?: unknown }).allowed_mentions).toEqual({ parse: [] });
    expect([closed.method, closed.path]).toEqual(['PATCH', expect.stringMatching(/\/messages\/@original$/)]);
    expect(embedOf(closed).title).toBe('Confirmed');
    expect(embedOf(closed).description).toContain('posted in the channel');
    expect(buttonsOf(closed)).toEqual([]);
  });

  it('shows the result in the prompt when Discord refuses to post it in the channel', async () => {
    const { confirm } = await ask();
    const before = posts();
    const press = h.fake.button(owner, confirm);
    h.fake.override((req) =>
      req.method === 'POST' &&
      req.path === `/webhooks/${h.fake.applicationId}/${press.token}` &&
      flagsOf(req) !== ephemeral
        ? { status: 400, body: { code: 50035, message: 'Invalid Form Body' } }
        : undefined,
    );
    try {
      await h.fake.waitUntil(() => h.fake.messages(press).length >= 2, 15_000, 'the refused post and the edit');
      await h.adapter.settled();
    } finally {
      h.fake.clearOverrides();
    }
    expect(posts() - before).toBe(1);
    const [refused, edited] = h.fake.messages(press) as [FakeRequest, FakeRequest];
    expect(h.fake.messages(press)).toHaveLength(2);
    expect([refused.method, flagsOf(refused)]).toEqual(['POST', 0]);
    expect(edited.method).toBe('PATCH');
    expect(embedOf(edited).title).toBe('Balance removed');
    expect(buttonsOf(edited)).toEqual([]);
    expect(h.logs.filter((l) => l.interactionId === press.id).map((l) => l.code)).toEqual([50035]);
  });

  it('keeps a confirmed private result (a new password) in the ephemeral prompt, and posts nothing public', async () => {
    const sent = h.fake.command(
      owner,
      'customer',
      ['create'],
      [str('provider', 'proxylite'), str('username', 'paidnew1'), { name: 'traffic', type: 10, value: 1 }],
    );
    const prompt = await h.answer(sent);
    expect(embedOf(prompt).title).toBe('Confirmation required');
    const confirm = buttonsOf(prompt).find((b) => b.label === 'Confirm')!.custom_id;
    const press = h.fake.button(owner, confirm);
    const out = await pressed(press);
    await h.adapter.settled();
    expect([out.method, out.path]).toEqual(['PATCH', expect.stringMatching(/\/messages\/@original$/)]);
    expect(embedOf(out).title).toBe('Customer created');
    expect(embedOf(out).fields?.find((f) => f.name === 'Password')?.value).toMatch(/^[A-Za-z0-9]{6,}$/);
    expect(buttonsOf(out)).toEqual([]);
    expect(h.fake.messages(press)).toHaveLength(1);
  });

  it('cancels: the prompt says so, the buttons go, and a later Confirm is refused', async () => {
    const { confirm, cancel } = await ask();
    const before = posts();
    const out = await pressed(h.fake.button(owner, cancel));
    expect(out.method).toBe('PATCH');
    expect(embedOf(out).title).toBe('Cancelled');
    expect(buttonsOf(out)).toEqual([]);
    const late = await pressed(h.fake.button(owner, confirm));
    expect([late.method, flagsOf(late), embedOf(late).title]).toEqual(['POST', ephemeral, 'Conflict']);
    expect(posts()).toBe(before);
  });

  it('checks the role again on the press: a role revoked after asking cannot confirm', async () => {
    const grantee = { platform: 'discord' as const, kind: 'user' as const, id: stranger.id };
    await h.t.app.services.access.grant(grantee, 'staff', { platform: 'discord', userId: owner.id });
    const { confirm } = await ask(stranger);
    await h.t.app.services.access.revoke(grantee);
    const before = posts();
    const out = await pressed(h.fake.button(stranger, confirm));
    expect(embedOf(out).title).toBe('Not allowed');
    expect(posts()).toBe(before);
  });

  it('says clearly that an expired confirmation did nothing, and removes its buttons', async () => {
    const { confirm } = await ask();
    const id = confirm.replace('ro:confirm:', '');
    expect((await h.t.app.services.confirmations.get(id))?.state).toBe('pending');
    aheadMs = 10 * 60_000 + 1_000; // the bot's clock: ten minutes pass
    const before = posts();
    const out = await pressed(h.fake.button(owner, confirm)).finally(() => {
      aheadMs = 0;
    });
    expect(out.method).toBe('PATCH');
    expect(embedOf(out).title).toBe('Confirmation expired');
    expect(embedOf(out).description).toContain('nothing was done');
    expect(buttonsOf(out)).toEqual([]);
    expect(posts()).toBe(before);
  });
});
