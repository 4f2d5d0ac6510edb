import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { hangUntilDeadline } from '../helpers/hold.js';

const addRoute = 'POST /v2/customer/add_balance';
const asker = { userId: 'asker-1', name: 'Asha', role: 'staff' as const };
const owner = { userId: 'owner-1', name: 'Olga', role: 'owner' as const };
const staff = { userId: 'staff-2', name: 'Sam', role: 'staff' as const };
const viewer = { userId: 'viewer-3', role: 'viewer' as const };

/** Issue: an unknown outcome could block an account for good; the hint named a /journal resolve that did not exist. */
describe('/journal list and /journal resolve', () => {
  let t: TestApp;
  let users: string[];

  beforeAll(async () => {
    t = await startTestApp();
    const listed = await t.run('customer list infiniteproxies');
    users = (listed.data.customers as Array<{ username: string }>).map((c) => c.username);
  });
  afterAll(() => t.close());

  /** A balance add on `user` whose request never answers (its deadline passes): outcome_unknown, and the account blocked. */
  async function unknownChange(user: string): Promise<string> {
    hangUntilDeadline(t.sim('infiniteproxies'), addRoute, t.timers, 1);
    const hung = await t.run(`balance add infiniteproxies ${user} 20 confirm:yes`, { actor: asker });
    expect(hung.error?.code).toBe('outcome_unknown');
    const [entry] = await t.app.services.store.journal.unresolved('infiniteproxies', user);
    return entry!.id;
  }

  it('lists the changes whose outcome is unknown for staff: id, when, who, command, provider, target, what was asked', async () => {
    const id = await unknownChange(users[0]!);
    const out = await t.run('journal list', { actor: staff });
    expect(out.error).toBeNull();
    const entries = out.data.entries as Array<Record<string, unknown>>;
    const entry = entries.find((e) => e.id === id);
    expect(Object.keys(entry!)).toEqual(['id', 'at', 'actor', 'command', 'provider', 'target', 'params']);
    expect(entry).toMatchObject({
      actor: { platform: 'terminal', userId: 'asker-1', name: 'Asha' },
      command: 'balance add',
      provider: 'infiniteproxies',
      target: users[0],
      params: { amount: 20_000_000, unit: 'bytes' },
    });
    expect(out.text).toContain(id);
    expect(out.text).toContain(`Asha (terminal)  /balance add infiniteproxies ${users[0]}`);

    const refused = await t.run('journal list', { actor: viewer });
    expect(refused.error?.code).toBe('forbidden');
  });

  it('lets an owner settle one as not-applied: the account is unblocked, and both the change and the settling are audited', async () => {
    const user = users[1]!;
    const id = await unknownChange(user);
    const since = t.sim('infiniteproxies').received.length;
    const blocked = await t.run(`balance add infiniteproxies ${user} 20 confirm:yes`, { actor: staff });
    expect(blocked.error?.code).toBe('outcome_unknown');
    expect(blocked.error?.hint).toContain(`/journal resolve ${id}`);

    expect((await t.run(`journal resolve ${id} not-applied`, { actor: staff })).error?.code).toBe('forbidden');
    const settled = await t.run(`journal resolve ${id} not-applied note:"dashboard shows no top-up"`, {
      actor: owner,
    });
    expect(settled.error).toBeNull();
    expect(settled.data).toMatchObject({ id, outcome: 'not_applied', target: user });
    // Settled inside the window the request could still land in: the owner is told so.
    expect(settled.text).toMatch(/could still land/);
    expect((await t.run('journal list')).data.entries).not.toContainEqual(expect.objectContaining({ id }));

    const next = await t.run(`balance add infiniteproxies ${user} 20 confirm:yes`, { actor: staff });
    expect(next.error).toBeNull();
    expect(t.count('infiniteproxies', addRoute, since)).toBe(1);

    const [, resolveLine, changeLine] = await t.app.services.store.audit.recent({ target: user, limit: 3 });
    expect(resolveLine).toMatchObject({
      actor: { userId: 'owner-1', name: 'Olga' },
      command: 'journal resolve',
      result: 'ok',
      details: { operation: id, outcome: 'not_applied', note: 'dashboard shows no top-up' },
    });
    expect(changeLine).toMatchObject({
      actor: { userId: 'asker-1', name: 'Asha' },
      command: 'balance add',
      result: 'not_applied',
      details: {
        operation: id,
        settled: 'not_applied',
        settledBy: '/journal resolve',
        note: 'dashboard shows no top-up',
      },
    });
  });

  it('settles one as applied: audited as ok under who asked, and the account is unblocked', async () => {
    const user = users[2]!;
    const id = await unknownChange(user);
    const settled = await t.run(`journal resolve ${id} applied`, { actor: owner });
    expect(settled.error).toBeNull();
    expect(settled.text).not.toMatch(/could still land/);
    const [, changeLine] = await t.app.services.store.audit.recent({ target: user, limit: 2 });
    expect(changeLine).toMatchObject({
      actor: { userId: 'asker-1' },
      command: 'balance add',
      result: 'ok',
      details: { settled: 'applied', settledBy: '/journal resolve' },
    });
    expect((await t.run(`balance add infiniteproxies ${user} 20 confirm:yes`, { actor: staff })).error).toBeNull();
  });

  it('answers a bad id, a settled one and a bad outcome with what was wrong', async () => {
    const missing = await t.run('journal resolve nosuchid7 applied', { actor: owner });
    expect(missing.error).toMatchObject({ code: 'not_found', message: expect.stringContaining("'nosuchid7'") });
    expect(missing.error?.hint).toContain('/journal list');

    const id = await unknownChange(users[3]!);
    expect((await t.run(`journal resolve ${id} applied`, { actor: owner })).error).toBeNull();
    const twice = await t.run(`journal resolve ${id} not-applied`, { actor: owner });
    expect(twice.error).toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('already settled as applied'),
    });

    const outcome = await t.run(`journal resolve ${id} maybe`, { actor: owner });
    expect(outcome.error?.code).toBe('invalid_input');
    expect(outcome.error?.message).toContain('applied, not-applied');
  });

  it('is in /help', async () => {
    const help = await t.run('help journal');
    expect(help.text).toContain('/journal resolve <id> <outcome>');
  });
});

/** Issue: changes that did apply after an unknown outcome were never audited. */
describe('settling an unknown outcome by reading back', () => {
  it('audits the change under who asked originally once the read-back shows it went through', async () => {
    const t = await startTestApp();
    try {
      const listed = await t.run('customer list infiniteproxies');
      const user = (listed.data.customers as Array<{ username: string }>)[4]!.username;
      t.sim('infiniteproxies').fault({ route: addRoute, kind: 'drop_after_apply', times: 1 });
      const dropped = await t.run(`balance add infiniteproxies ${user} 30 confirm:yes`, { actor: asker });
      expect(dropped.error?.code).toBe('outcome_unknown');
      const [id] = (await t.app.services.store.journal.unresolved()).map((e) => e.id);

      const retry = await t.run(`balance add infiniteproxies ${user} 30 confirm:yes`, { actor: staff });
      expect(retry.text).toMatch(/did go through/);
      const [settled] = await t.app.services.store.audit.recent({ target: user, limit: 1 });
      expect(settled).toMatchObject({
        actor: { platform: 'terminal', userId: 'asker-1', name: 'Asha' },
        command: 'balance add',
        provider: 'infiniteproxies',
        result: 'ok',
        summary: expect.stringContaining('settled later'),
        details: { operation: id, amount: 30_000_000, settled: 'applied', settledBy: 'read-back' },
      });
    } finally {
      await t.close();
    }
  });
});
