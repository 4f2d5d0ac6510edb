import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackAlertSink } from '../../../adapters/slack/alert-sink.js';
import { createNotifier, type Notifier } from '../../../src/notify/notifier.js';
import { botToken, owner, type SlackHarness, startSlackHarness } from '../../helpers/slack-fake/harness.js';

const buyRoute = 'POST /end-point/order/create';
const secondOwner = 'UOWNER00002';
type Block = { type: string; elements?: Array<{ action_id?: string; text?: { text: string } }> };

const actionIds = (blocks: unknown) =>
  ((blocks ?? []) as Block[])
    .filter((b) => b.type === 'actions')
    .flatMap((b) => (b.elements ?? []).map((e) => e.action_id ?? ''));

/** Second-owner approval through the real Bolt adapter against the fake Slack. */
describe('Slack: a purchase waiting for a second owner', () => {
  let h: SlackHarness;
  let notifier: Notifier;

  beforeAll(async () => {
    h = await startSlackHarness({ OWNER_SLACK_IDS: `${owner},${secondOwner}` });
    const sink = createSlackAlertSink({ token: botToken, apiUrl: h.fake.apiUrl });
    notifier = createNotifier({ services: h.t.app.services, sinks: [sink], pacingMs: { slack: 0 } });
    await h.t.run('alerts channel set C0ALERTS01 platform:slack');
    await h.t.run('spend approval above:5 USD');
  });
  afterAll(async () => {
    await h?.adapter.settled();
    await notifier?.stop();
    await h?.close();
  });

  const requests = () =>
    h.fake.calls.filter(
      (c) => c.method === 'chat.postMessage' && actionIds(c.params.blocks).some((id) => id.startsWith('ro:approve:')),
    );

  it('posts the request with Approve and Deny, refuses the requester, and buys once when another owner presses Approve twice', async () => {
    const since = h.t.sim('proxylite').received.length;
    const sent = await h.command('/order buy proxylite 141 country:US quantity:3');
    const question = await h.response(sent.responseId);
    expect(JSON.stringify(question.body)).toContain('a second owner must approve it');
    const confirm = actionIds(question.body.blocks).find((id) => id.startsWith('ro:confirm:'))!;
    const confirmed = await h.press(confirm);
    const waiting = await h.response(confirmed.responseId, 2);
    expect(JSON.stringify(waiting.body)).toContain('Waiting for a second owner');

    const posted = await h.fake.waitFor(() => requests()[0]);
    expect(posted.params.channel).toBe('C0ALERTS01');
    const [approve, deny] = actionIds(posted.params.blocks) as [string, string];
    expect(deny).toBe(approve.replace('ro:approve:', 'ro:deny:'));
    expect(h.t.count('proxylite', buyRoute, since)).toBe(0);

    const self = await h.press(approve);
    const refused = await h.response(self.responseId);
    expect(refused.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(JSON.stringify(refused.body)).toContain('another owner has to approve it');
    expect(h.t.count('proxylite', buyRoute, since)).toBe(0);

    const [a, b] = await Promise.all([
      h.press(approve, { userId: secondOwner }),
      h.press(approve, { userId: secondOwner }),
    ]);
    const first = await Promise.all([h.response(a.responseId), h.response(b.responseId)]);
    const winner = first.findIndex((r) => r.body.replace_original === true);
    expect(winner).toBeGreaterThanOrEqual(0);
    expect(JSON.stringify(first[winner]!.body)).toContain('Approved by');
    expect(actionIds(first[winner]!.body.blocks)).toEqual([]);
    expect(JSON.stringify(first[1 - winner]!.body)).toContain('already approved');
    const result = await h.response([a, b][winner]!.responseId, 2);
    expect(result.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(JSON.stringify(result.body)).toContain('Order placed');
    expect(h.t.count('proxylite', buyRoute, since)).toBe(1);
  });
});
