import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DiscordHarness, embedOf, owner, startDiscordHarness } from '../../helpers/discord-fake/harness.js';
import type { FakeRequest } from '../../helpers/discord-fake/server.js';

const buyRoute = 'POST /client/api/v1/:key/order';
const str = (name: string, value: string) => ({ name, type: 3, value });

function confirmId(req: FakeRequest): string {
  const rows = (req.body as { components?: { components: { custom_id: string }[] }[] }).components ?? [];
  const id = rows.flatMap((r) => r.components).find((b) => b.custom_id.startsWith('ro:confirm:'))?.custom_id;
  if (!id) throw new Error('no Confirm button');
  return id;
}

describe('Discord: /order buy', () => {
  let h: DiscordHarness;
  beforeAll(async () => {
    h = await startDiscordHarness();
  });
  afterAll(() => h?.close());

  it('suggests countries of the typed product from the cached catalog, without waiting on the vendor', async () => {
    await h.t.app.services.orders.catalogs.get('youproxy');
    h.t.sim('youproxy').setLatency(10_000);
    try {
      const before = h.t.sim('youproxy').received.length;
      const sent = h.fake.command(
        owner,
        'order',
        ['quote'],
        [str('provider', 'youproxy'), str('product', 'mobile'), { ...str('country', ''), focused: true }],
        { autocomplete: true },
      );
      await h.fake.waitUntil(() => h.fake.callbacks(sent).length > 0, 5_000, 'the suggestions');
      const body = h.fake.callbacks(sent)[0]!.body as { data: { choices: { value: string }[] } };
      expect(body.data.choices.map((c) => c.value)).toEqual(['USA', 'GBR']);
      expect(h.t.sim('youproxy').received.length).toBe(before);
    } finally {
      h.t.sim('youproxy').setLatency(0);
    }
  });

  it('asks with the price and balance, and buys once when Confirm is pressed twice at the same time', async () => {
    const since = h.t.sim('youproxy').received.length;
    const sent = h.fake.command(
      owner,
      'order',
      ['buy'],
      [str('provider', 'youproxy'), str('product', 'ipv4'), str('country', 'USA')],
    );
    const prompt = await h.answer(sent);
    const question = embedOf(prompt);
    expect(question.title).toBe('Confirmation required');
    expect(JSON.stringify(question)).toMatch(/Price: 1\.80 USD/);
    expect(JSON.stringify(question)).toMatch(/Youproxy balance: \d+\.\d\d USD now, \d+\.\d\d USD after/);
    expect(h.t.count('youproxy', buyRoute, since)).toBe(0);

    const confirm = confirmId(prompt);
    const [a, b] = await Promise.all([
      h.answer(h.fake.button(owner, confirm)),
      h.answer(h.fake.button(owner, confirm)),
    ]);
    expect(h.t.count('youproxy', buyRoute, since)).toBe(1);
    const titles = [a, b].map((m) => embedOf(m).title);
    expect(titles).toContain('Order placed');
  });
});
