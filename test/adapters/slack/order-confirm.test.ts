import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SlackHarness, startSlackHarness } from '../../helpers/slack-fake/harness.js';

const buyRoute = 'POST /end-point/order/create';
type Block = { type: string; elements?: Array<{ action_id?: string }> };

describe('Slack: /order buy', () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await startSlackHarness();
  });
  afterAll(() => h.close());

  it('asks with the price, and buys once when Confirm is pressed twice', async () => {
    const since = h.t.sim('proxylite').received.length;
    const sent = await h.command('/order buy proxylite 141 country:US quantity:2');
    const question = await h.response(sent.responseId);
    expect(JSON.stringify(question.body)).toMatch(/Price: 5\.00 USD/);
    expect(h.t.count('proxylite', buyRoute, since)).toBe(0);
    const actions = ((question.body.blocks ?? []) as Block[]).find((b) => b.type === 'actions');
    const confirm = (actions?.elements ?? []).map((e) => e.action_id ?? '').find((id) => id.startsWith('ro:confirm:'))!;

    const [a, b] = await Promise.all([h.press(confirm), h.press(confirm)]);
    const bodies = await Promise.all([h.response(a.responseId), h.response(b.responseId)]);
    const done = bodies.findIndex((r) => r.body.replace_original === true);
    expect(done).toBeGreaterThanOrEqual(0);
    expect(JSON.stringify(bodies[1 - done]!.body)).toMatch(/already confirmed/);
    const result = await h.response([a, b][done]!.responseId, 2);
    expect(JSON.stringify(result.body)).toMatch(/Order placed/);
    expect(h.t.count('proxylite', buyRoute, since)).toBe(1);
  });
});
