import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type DiscordHarness,
  embedOf,
  flagsOf,
  owner,
  startDiscordHarness,
} from '../../helpers/discord-fake/harness.js';
import type { FakeRequest, FakeUser } from '../../helpers/discord-fake/server.js';

const ephemeral = 64;
const str = (name: string, value: string) => ({ name, type: 3, value });
const maria: FakeUser = { id: '700000000000000021', username: 'maria' };
const omar: FakeUser = { id: '700000000000000022', username: 'omar' };

const everything = (req: FakeRequest) => JSON.stringify(req.body);

/** Linked customers on Discord, through the real discord.js client and the local fake. */
describe('Discord: a linked customer', () => {
  let h: DiscordHarness;
  let mine: string;
  let theirs: string;

  beforeAll(async () => {
    h = await startDiscordHarness();
    const listed = await h.t.run('customer list proxylite status:active');
    [mine, theirs] = (listed.data.customers as { username: string }[]).map((c) => c.username) as [string, string];
    expect((await h.t.run(`link add discord:${maria.id} proxylite ${mine}`)).ok).toBe(true);
    expect((await h.t.run(`link add discord:${omar.id} proxylite ${theirs}`)).ok).toBe(true);
  });
  afterAll(() => h?.close());

  it('gets /my usage privately, about their own account only', async () => {
    const sent = h.fake.command(maria, 'my', ['usage']);
    const answer = await h.answer(sent);
    expect(h.fake.callbacks(sent).map((c) => c.body)).toEqual([{ type: 5, data: { flags: ephemeral } }]);
    expect(embedOf(answer).title).toBe(`Usage of ${mine} on ProxyLite`);
    expect(answer.files.map((f) => f.contentType)).toEqual(['image/png']);
    expect(everything(answer)).not.toContain(theirs);
  });

  it('gets /my config privately: their own proxy strings, nobody else’s', async () => {
    const sent = h.fake.command(maria, 'my', ['config'], [str('account', `proxylite:${mine}`)]);
    const answer = await h.answer(sent);
    expect(h.fake.callbacks(sent).map((c) => c.body)).toEqual([{ type: 5, data: { flags: ephemeral } }]);
    expect(embedOf(answer).title).toBe(`Config for ${mine} on ProxyLite`);
    expect(embedOf(answer).description).toContain(`${mine}:`);
    expect(answer.files.map((f) => f.name)).toEqual([`proxylite-${mine}-proxies.txt`]);
    expect(everything(answer)).not.toContain(theirs);
  });

  it('is told an account that is not theirs is not linked to them, the same whether it exists or not', async () => {
    const answers: string[] = [];
    for (const account of [`proxylite:${theirs}`, 'proxylite:no-such-account']) {
      const sent = h.fake.command(maria, 'my', ['config'], [str('account', account)]);
      const answer = await h.answer(sent);
      expect(h.fake.callbacks(sent).map((c) => c.body)).toEqual([{ type: 5, data: { flags: ephemeral } }]);
      answers.push(embedOf(answer).description?.replace(account, 'X') ?? '');
      expect(embedOf(answer).title).toBe('Not found');
    }
    expect(answers[0]).toBe(answers[1]);
    expect(answers[0]).toContain('is not linked to you');
    expect(answers[0]).not.toContain(theirs);
  });

  it('is refused /customer list, and the refusal is audited', async () => {
    const before = h.t.sim('proxylite').received.length;
    const sent = h.fake.command(maria, 'customer', ['list'], [str('provider', 'proxylite')]);
    await h.answer(sent);
    const refusal = h.fake.messages(sent).find((m) => embedOf(m).title === 'Not allowed');
    expect(refusal && [refusal.method, flagsOf(refusal)]).toEqual(['POST', ephemeral]);
    expect(h.t.sim('proxylite').received.length).toBe(before);
    const audit = await h.t.app.services.store.audit.recent({ limit: 5 });
    expect(
      audit.some((e) => e.actor.userId === maria.id && e.result === 'denied' && e.command === 'customer list'),
    ).toBe(true);
  });

  it('cannot press the Confirm of someone else’s question', async () => {
    const posts = () => h.t.sim('proxylite').received.filter((r) => r.method === 'POST').length;
    const asked = h.fake.command(
      owner,
      'balance',
      ['remove'],
      [str('provider', 'proxylite'), str('username', mine), { name: 'amount', type: 10, value: 1 }],
    );
    const prompt = await h.answer(asked);
    const rows = (prompt.body as { components?: { components: { custom_id: string }[] }[] }).components ?? [];
    const confirm = rows.flatMap((r) => r.components).find((b) => b.custom_id.startsWith('ro:confirm:'));
    expect(confirm).toBeDefined();
    const before = posts();
    const press = h.fake.button(maria, confirm!.custom_id);
    const out = await h.answer(press);
    expect([out.method, flagsOf(out), embedOf(out).title]).toEqual(['POST', ephemeral, 'Not allowed']);
    expect(posts()).toBe(before);
  });

  it('is never shown staff autocomplete (customer names), while staff are', async () => {
    const suggest = async (user: FakeUser) => {
      const sent = h.fake.command(
        user,
        'customer',
        ['info'],
        [str('provider', 'proxylite'), { name: 'username', type: 3, value: mine.slice(0, 2), focused: true }],
        { autocomplete: true },
      );
      await h.fake.waitUntil(() => h.fake.callbacks(sent).length > 0, 5_000, 'the suggestions');
      const body = (h.fake.callbacks(sent)[0] as FakeRequest).body as { data: { choices: { value: string }[] } };
      return body.data.choices.map((c) => c.value);
    };
    expect(await suggest(owner)).toContain(mine);
    expect(await suggest(maria)).toEqual([]);
  });

  it('with nothing linked, is told privately to ask the reseller', async () => {
    const sent = h.fake.command({ id: '700000000000000029', username: 'nobody' }, 'my', ['accounts']);
    const answer = await h.answer(sent);
    expect(h.fake.callbacks(sent).map((c) => c.body)).toEqual([{ type: 5, data: { flags: ephemeral } }]);
    expect(embedOf(answer).description).toContain('No accounts are linked to you');
    expect(embedOf(answer).description).toContain('Ask your reseller');
  });
});
