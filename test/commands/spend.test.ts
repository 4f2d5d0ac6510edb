import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import type { Actor } from '../../src/kit/actor.js';
import type { CommandContext } from '../../src/runtime/context.js';
import { createDispatcher, type Dispatcher } from '../../src/runtime/dispatch.js';
import { startTestApp, type TestApp } from '../helpers/app.js';

const orderRoute = 'POST /client/api/v1/:key/order';
const buy = (quantity: number) => `order buy youproxy ipv4 country:USA quantity:${quantity} confirm:yes`;

const ann: Partial<Actor> = { platform: 'terminal', userId: 'ann', name: 'ann', role: 'owner' };
const bob: Partial<Actor> = { platform: 'slack', userId: 'U0BOB', name: 'bob', role: 'owner' };
const sam: Partial<Actor> = { platform: 'terminal', userId: 'sam', name: 'sam', role: 'staff' };

describe('/spend: the daily limit and second-owner approval', () => {
  let clock = new Date('2026-03-10T10:00:00Z');
  let t: TestApp;
  let dispatcher: Dispatcher;
  let seq = 0;
  const now = () => clock;

  const ctxOf = (actor: Partial<Actor>): CommandContext => ({
    actor: { platform: 'terminal', userId: 'tester', role: 'owner', ...actor } as Actor,
    interactionId: `spend-test:${++seq}`,
    confirmed: false,
    sandbox: true,
    services: t.app.services,
    now,
  });
  const run = (line: string, actor: Partial<Actor> = {}) => dispatcher.runText(line, ctxOf(actor));
  const purchases = () => t.count('youproxy', orderRoute);

  beforeAll(async () => {
    t = await startTestApp({ TIMEZONE: 'Europe/Madrid' }, { now });
    dispatcher = createDispatcher(t.app.services, commands);
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    clock = new Date(clock.getTime() + 2 * 86_400_000);
    await run('spend limit clear USD');
    await run('spend approval above:off USD');
  });

  it('lets owners set, show and clear a daily limit per provider; staff may not, and bad input says what is wrong', async () => {
    const set = await run('spend limit set 25.5 usd per:day', ann);
    expect(set.error).toBeNull();
    expect(set.data).toEqual({ limit: { amount: 25.5, currency: 'USD', per: 'day' } });
    const shown = await run('spend limit show', bob);
    expect(shown.data.limits).toEqual([{ amount: 25.5, currency: 'USD', per: 'day' }]);
    expect(shown.text).toContain('Daily limit per provider: 25.50 USD.');
    expect((await run('spend limit set 10 USD', sam)).error?.code).toBe('forbidden');
    const bad = await run('spend limit set 10 dollars', ann);
    expect(bad.error).toMatchObject({ code: 'invalid_input', usage: '/spend limit set <amount> <currency> [per:day]' });
    expect(bad.text).toContain('a three-letter currency code such as USD, not "dollars"');
    expect((await run('spend limit set 1.234 USD', ann)).text).toContain('at most 2 decimals');
    const cleared = await run('spend limit clear USD', ann);
    expect(cleared.data).toEqual({ currency: 'USD', removed: true });
    const audit = await t.app.services.store.audit.recent({ actorId: ann.userId!, limit: 5 });
    expect(audit.map((a) => a.command)).toEqual(expect.arrayContaining(['spend limit set', 'spend limit clear']));
  });

  it('refuses a purchase that would pass the daily limit with zero purchase requests, and counts from the next day again', async () => {
    await run('spend limit set 3 USD', ann);
    const first = await run(buy(1), sam);
    expect(first.error).toBeNull();
    const before = purchases();
    const refused = await run(buy(1), sam);
    expect(refused.error?.code).toBe('forbidden');
    expect(refused.text).toContain("would pass today's spending limit of 3.00 USD (spent there today: 1.80 USD)");
    expect(purchases()).toBe(before);
    // On chat the question itself says no: nobody is asked to confirm what would be refused.
    const asked = await run('order buy youproxy ipv4 country:USA quantity:1', {
      ...sam,
      platform: 'discord',
      userId: '1001',
    });
    expect(asked.error?.code).toBe('forbidden');
    expect(asked.confirmation).toBeUndefined();
    const shown = await run('spend limit show', ann);
    expect(shown.data.today).toEqual([
      { date: expect.any(String), provider: 'youproxy', amount: 1.8, currency: 'USD', changes: 1 },
    ]);
    clock = new Date(clock.getTime() + 86_400_000);
    expect((await run(buy(1), sam)).error).toBeNull();
    expect(purchases()).toBe(before + 1);
  });

  it('counts the day in TIMEZONE: a purchase late in the evening there is not the next UTC day', async () => {
    await run('spend limit set 3 USD', ann);
    clock = new Date('2026-06-01T21:30:00Z'); // 23:30 in Madrid
    expect((await run(buy(1), sam)).error).toBeNull();
    clock = new Date('2026-06-01T21:50:00Z');
    expect((await run(buy(1), sam)).error?.code).toBe('forbidden');
    clock = new Date('2026-06-01T22:10:00Z'); // 00:10 the next day in Madrid
    expect((await run(buy(1), sam)).error).toBeNull();
  });

  it('sends a purchase above the threshold to a second owner instead of the vendor, posted with Approve/Deny on both platforms', async () => {
    await run('spend approval above:2 USD', ann);
    await run('alerts channel set C0ALERTS platform:slack', ann);
    await run('alerts channel set 900000000000000003 platform:discord', ann);
    const before = purchases();
    const asked = await run(buy(2), ann);
    expect(asked.error?.code).toBe('confirmation_required');
    const approval = asked.data.approval as { id: string; state: string; price: unknown };
    expect(approval).toMatchObject({ state: 'pending', price: { amount: 3.6, currency: 'USD' } });
    expect(purchases()).toBe(before);
    expect((asked.data.approval as { announcedTo: string[] }).announcedTo).toEqual(['discord', 'slack']);
    const posted = (await t.app.services.store.notify.pending()).filter((e) => e.message.id === `al_${approval.id}`);
    expect(posted.map((e) => [e.platform, e.channelId])).toEqual([
      ['discord', '900000000000000003'],
      ['slack', 'C0ALERTS'],
    ]);
    expect(posted[0]?.message.actions).toEqual([
      { id: `ro:approve:${approval.id}`, label: 'Approve', style: 'primary' },
      { id: `ro:deny:${approval.id}`, label: 'Deny', style: 'danger' },
    ]);
    expect(posted[0]?.message.lines[0]).toBe('Buy 2 × IPv4, USA, 30 days at Youproxy');
    await run('alerts channel set none platform:slack', ann);
    await run('alerts channel set none platform:discord', ann);
    expect((await run('spend limit show', bob)).data.pending).toEqual([
      expect.objectContaining({ id: approval.id, summary: 'Buy 2 × IPv4, USA, 30 days at Youproxy' }),
    ]);
    expect((await run(buy(1), ann)).error).toBeNull(); // 1.80 USD is not above 2.00
    const question = await run('order buy youproxy ipv4 country:USA quantity:2', {
      ...ann,
      platform: 'discord',
      userId: '1002',
    });
    expect(question.confirmation?.prompt).toContain(
      'Above 2.00 USD: a second owner must approve it before anything is bought (Confirm sends them the request).',
    );
  });

  it('never lets the requester approve their own purchase', async () => {
    await run('spend approval above:2 USD', ann);
    const { id } = (await run(buy(2), ann)).data.approval as { id: string };
    const before = purchases();
    const self = await run(`spend approve ${id}`, ann);
    expect(self.error?.code).toBe('forbidden');
    expect(self.text).toContain('another owner has to approve it');
    expect((await run(`spend approve ${id}`, sam)).error?.code).toBe('forbidden');
    expect(purchases()).toBe(before);
    expect((await t.app.services.spendGuard.approvals.get(id))?.state).toBe('pending');
  });

  it("sends the purchase once on a second owner's approval, whichever platform, however often it is pressed", async () => {
    await run('spend approval above:2 USD', ann);
    const { id } = (await run(buy(2), ann)).data.approval as { id: string };
    const before = purchases();
    const presses = await Promise.all([
      dispatcher.decideApproval(id, true, ctxOf(bob)),
      dispatcher.decideApproval(id, true, ctxOf(bob)),
      dispatcher.decideApproval(id, true, ctxOf({ ...bob, platform: 'discord', userId: '100000000000000002' })),
    ]);
    expect(presses.filter((p) => p.pressed === 'confirmed')).toHaveLength(1);
    expect(presses.filter((p) => p.pressed === 'refused').map((p) => p.error?.code)).toEqual(['conflict', 'conflict']);
    expect(presses.find((p) => p.pressed === 'confirmed')?.title).toBe('Order placed');
    expect(purchases()).toBe(before + 1);
    expect(presses.find((p) => p.pressed === 'confirmed')?.footer).toBe(
      'SANDBOX — simulated providers, no real accounts or money',
    );
    const journal = await t.app.services.store.journal.findByInteraction(`approval:${id}`);
    expect(journal).toMatchObject({ status: 'succeeded', actor: { platform: 'slack', userId: 'U0BOB' } });
    expect((await run(`spend approve ${id}`, bob)).error?.code).toBe('conflict');
    expect(purchases()).toBe(before + 1);
  });

  it('refuses an expired request and a denied one, and buys nothing', async () => {
    await run('spend approval above:2 USD', ann);
    const { id } = (await run(buy(2), ann)).data.approval as { id: string };
    const before = purchases();
    clock = new Date(clock.getTime() + 30 * 60_000 + 1);
    const late = await run(`spend approve ${id}`, bob);
    expect(late.error?.code).toBe('conflict');
    expect(late.text).toContain('expired');
    expect((await t.app.services.spendGuard.approvals.get(id))?.state).toBe('expired');
    const again = (await run(buy(2), ann)).data.approval as { id: string };
    const denied = await run(`spend deny ${again.id}`, bob);
    expect(denied).toMatchObject({ ok: true, title: 'Purchase denied' });
    expect((await run(`spend approve ${again.id}`, bob)).error?.code).toBe('conflict');
    expect(purchases()).toBe(before);
  });

  it('still applies the daily limit to an approved purchase', async () => {
    await run('spend approval above:2 USD', ann);
    await run('spend limit set 5 USD', ann);
    const { id } = (await run(buy(2), ann)).data.approval as { id: string };
    expect((await run(buy(1), sam)).error).toBeNull(); // 1.80 spent: 3.60 more would pass 5.00
    const before = purchases();
    const approved = await dispatcher.decideApproval(id, true, ctxOf(bob));
    expect(approved.error?.code).toBe('forbidden');
    expect(purchases()).toBe(before);
  });
});
