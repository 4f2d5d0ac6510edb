import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { owner, type SlackHarness, startSlackHarness } from '../../helpers/slack-fake/harness.js';

type Block = { type: string; elements?: Array<{ action_id?: string }> };
const json = (value: unknown) => JSON.stringify(value);

function buttons(body: Record<string, unknown>): { confirm: string; cancel: string } {
  const actions = ((body.blocks ?? []) as Block[]).find((b) => b.type === 'actions');
  const ids = (actions?.elements ?? []).map((e) => e.action_id ?? '');
  const confirm = ids.find((id) => id.startsWith('ro:confirm:'));
  const cancel = ids.find((id) => id.startsWith('ro:cancel:'));
  if (!confirm || !cancel) throw new Error('no Confirm/Cancel buttons in the reply');
  return { confirm, cancel };
}

/** Confirm/Cancel block actions: requester only, once, stored across a restart, and they expire. */
describe('Slack adapter: Confirm/Cancel buttons', () => {
  let h: SlackHarness;
  let users: string[];
  const deletes = () => h.t.sim('proxylite').received.filter((r) => /delete/i.test(r.route ?? '')).length;

  async function askToDelete(username: string) {
    const sent = await h.command(`/customer delete proxylite ${username}`);
    const question = await h.response(sent.responseId);
    expect(question.body.response_type).toBe('ephemeral');
    return buttons(question.body);
  }

  beforeAll(async () => {
    h = await startSlackHarness({ OWNER_SLACK_IDS: `${owner},UOWNER00002` });
    const listed = await h.t.run('customer list proxylite status:active');
    users = (listed.data.customers as Array<{ username: string }>).map((c) => c.username);
  });
  afterEach(() => vi.useRealTimers());
  afterAll(() => h.close());

  it('asks before deleting and sends nothing upstream until Confirm', async () => {
    const before = deletes();
    await askToDelete(users[0]!);
    expect(deletes()).toBe(before);
  });

  it('acts once when Confirm is pressed twice', async () => {
    const { confirm } = await askToDelete(users[0]!);
    const before = deletes();
    const [a, b] = await Promise.all([h.press(confirm), h.press(confirm)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.ms).toBeLessThan(3000);
    const [ra, rb] = await Promise.all([h.response(a.responseId), h.response(b.responseId)]);
    const bodies = [ra.body, rb.body];
    const done = bodies.filter((x) => x.replace_original === true);
    const refused = bodies.filter((x) => x.replace_original === false);
    expect(done).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(json(refused[0])).toMatch(/already confirmed/);
    expect(refused[0]?.response_type).toBe('ephemeral');
    expect(deletes() - before).toBe(1);
  });

  it('lets only the requester answer: anyone else is refused and nothing is done', async () => {
    const { confirm } = await askToDelete(users[1]!);
    const before = deletes();
    const other = await h.press(confirm, { userId: 'UOWNER00002' });
    const refused = await h.response(other.responseId);
    expect(json(refused.body)).toMatch(/Only the person who asked/);
    expect(refused.body.replace_original).toBe(false);
    expect(deletes()).toBe(before);
    // The requester can still answer it.
    const mine = await h.press(confirm);
    const result = await h.response(mine.responseId);
    expect(result.body.replace_original).toBe(true);
    expect(deletes() - before).toBe(1);
  });

  it('does nothing on Cancel, and the question cannot be confirmed afterwards', async () => {
    const { confirm, cancel } = await askToDelete(users[2]!);
    const before = deletes();
    const c = await h.press(cancel);
    expect(json((await h.response(c.responseId)).body)).toMatch(/Cancelled/);
    const late = await h.press(confirm);
    expect(json((await h.response(late.responseId)).body)).toMatch(/already cancelled/);
    expect(deletes()).toBe(before);
  });

  it('acts once on a redelivered button press (same trigger_id)', async () => {
    const { confirm } = await askToDelete(users[3]!);
    const before = deletes();
    const first = await h.press(confirm, { triggerId: 'press-redelivered-1' });
    const again = await h.press(confirm, { triggerId: 'press-redelivered-1' });
    expect(again.status).toBe(200);
    await h.response(first.responseId);
    // A later command is answered, so a second run would have been too.
    const later = await h.command('/help');
    await h.response(later.responseId);
    expect(h.fake.responses.filter((r) => r.id === again.responseId)).toEqual([]);
    expect(deletes() - before).toBe(1);
  });

  it('says clearly when a confirmation has expired, and does nothing', async () => {
    const { confirm } = await askToDelete(users[4]!);
    const before = deletes();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 11 * 60_000);
    const late = await h.press(confirm);
    const body = (await h.response(late.responseId)).body;
    expect(json(body)).toMatch(/Confirmation expired/);
    expect(json(body)).toMatch(/Run the command again/);
    expect(body.replace_original).toBe(true);
    expect(deletes()).toBe(before);
  });

  it('answers a button from before a restart (the question is stored in the data dir)', async () => {
    const { confirm } = await askToDelete(users[5]!);
    const before = deletes();
    await h.restart();
    const pressed = await h.press(confirm);
    const result = await h.response(pressed.responseId);
    expect(result.body.replace_original).toBe(true);
    expect(json(result.body)).not.toMatch(/expired|no longer known/i);
    expect(deletes() - before).toBe(1);
  });
});
