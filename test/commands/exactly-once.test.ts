import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { hangUntilDeadline } from '../helpers/hold.js';

const addRoute = 'POST /v2/customer/add_balance';
const createRoute = 'POST /v2/customer/create';

/** docs/architecture.md#exactly-once: nothing is done twice, and an unknown outcome is checked before anyone retries. */
describe('exactly-once changes', () => {
  let t: TestApp;
  let user: string;
  /** The app's clock runs this far ahead of the real one. */
  let aheadMs = 0;

  beforeAll(async () => {
    t = await startTestApp({}, { now: () => new Date(Date.now() + aheadMs) });
    const listed = await t.run('customer list infiniteproxies');
    user = (listed.data.customers as Array<{ username: string }>)[0]!.username;
  });
  afterAll(() => t.close());

  const remainingMb = async () =>
    ((await t.run(`customer info infiniteproxies ${user}`)).data.balance as { amount: number }).amount;

  it('carries out a redelivered interaction once and replays the first result', async () => {
    const before = await remainingMb();
    const since = t.sim('infiniteproxies').received.length;
    const first = await t.run(`balance add infiniteproxies ${user} 100 confirm:yes`, {
      interactionId: 'redelivered-1',
    });
    const second = await t.run(`balance add infiniteproxies ${user} 100 confirm:yes`, {
      interactionId: 'redelivered-1',
    });
    expect(first.error).toBeNull();
    expect(first.data.replayed).toBe(false);
    expect(second.error).toBeNull();
    expect(second.data.replayed).toBe(true);
    expect(t.count('infiniteproxies', addRoute, since)).toBe(1);
    expect(await remainingMb()).toBe(before + 100);
  });

  it('creates an account once for a redelivered interaction, and shows the password only the first time', async () => {
    const since = t.sim('infiniteproxies').received.length;
    const first = await t.run('customer create infiniteproxies twiceuser confirm:yes', {
      interactionId: 'create-twice',
    });
    const second = await t.run('customer create infiniteproxies twiceuser confirm:yes', {
      interactionId: 'create-twice',
    });
    expect(first.data.password).toEqual(expect.any(String));
    expect(second.error).toBeNull();
    expect(second.data.replayed).toBe(true);
    expect(second.data.password).toBeUndefined();
    expect(t.count('infiniteproxies', createRoute, since)).toBe(1);
  });

  it('records apply-then-drop as outcome_unknown after one call, then reconciles before another attempt', async () => {
    const before = await remainingMb();
    const since = t.sim('infiniteproxies').received.length;
    t.sim('infiniteproxies').fault({ route: addRoute, kind: 'drop_after_apply', times: 1 });
    const dropped = await t.run(`balance add infiniteproxies ${user} 50 confirm:yes`);
    expect(dropped.error?.code).toBe('outcome_unknown');
    expect(t.count('infiniteproxies', addRoute, since)).toBe(1);
    expect(await t.app.services.store.journal.unresolved('infiniteproxies', user)).toHaveLength(1);

    // Another attempt on the same account first reads back: the change did land, so nothing new is sent.
    const retry = await t.run(`balance add infiniteproxies ${user} 50 confirm:yes`);
    expect(retry.error?.code).toBe('conflict');
    expect(retry.text).toMatch(/did go through/);
    expect(t.count('infiniteproxies', addRoute, since)).toBe(1);
    expect(await remainingMb()).toBe(before + 50);
    expect(await t.app.services.store.journal.unresolved('infiniteproxies', user)).toHaveLength(0);

    // Once settled, the next request goes ahead as usual.
    const next = await t.run(`balance add infiniteproxies ${user} 50 confirm:yes`);
    expect(next.error).toBeNull();
    expect(t.count('infiniteproxies', addRoute, since)).toBe(2);
    expect(await remainingMb()).toBe(before + 100);
  });

  it('lets the new request through once the read-back shows the earlier one never landed and no longer can', async () => {
    const before = await remainingMb();
    const since = t.sim('infiniteproxies').received.length;
    hangUntilDeadline(t.sim('infiniteproxies'), addRoute, t.timers, 1);
    const hung = await t.run(`balance add infiniteproxies ${user} 30 confirm:yes`);
    expect(hung.error?.code).toBe('outcome_unknown');
    // Within the request timeout (1.5 s here) of the unknown outcome, "unchanged" proves nothing.
    const early = await t.run(`balance add infiniteproxies ${user} 30 confirm:yes`);
    expect(early.error?.code).toBe('outcome_unknown');
    expect(t.count('infiniteproxies', addRoute, since)).toBe(1);
    aheadMs += 2_000;
    const retry = await t.run(`balance add infiniteproxies ${user} 30 confirm:yes`);
    expect(retry.error).toBeNull();
    expect(t.count('infiniteproxies', addRoute, since)).toBe(2);
    expect(await remainingMb()).toBe(before + 30);
  });

  it('serialises changes to one account, so a vendor read-then-write (ProxyLite limits) loses none', async () => {
    const listed = await t.run('customer list proxylite status:active');
    const target = (listed.data.customers as Array<{ username: string }>)[1]!.username;
    const limitGb = async () =>
      ((await t.run(`customer info proxylite ${target}`)).data.balance as { amount: number }).amount;
    const before = await limitGb();
    const results = await Promise.all(
      [1, 2, 3].map((i) => t.run(`balance add proxylite ${target} 1 confirm:yes`, { interactionId: `parallel-${i}` })),
    );
    for (const out of results) expect(out.error).toBeNull();
    expect(await limitGb()).toBe(before + 3);
  });

  it('keeps passwords out of the audit log and the journal on disk', async () => {
    const created = await t.run('customer create proxylite secretcheck1');
    const reset = await t.run('password reset proxylite secretcheck1');
    const passwords = [created.data.password, reset.data.password] as string[];
    expect(passwords.every((p) => typeof p === 'string' && p.length >= 6)).toBe(true);
    const dir = t.app.services.store.location;
    const audit = await readFile(join(dir, 'audit.jsonl'), 'utf8');
    const journal = await readFile(join(dir, 'journal.jsonl'), 'utf8');
    expect(audit).toContain('secretcheck1');
    for (const password of passwords) {
      expect(audit).not.toContain(password);
      expect(journal).not.toContain(password);
    }
  });

  it('audits every change with who, where, what and the result', async () => {
    await t.run(`customer disable proxylite secretcheck1`, { actor: { userId: 'auditor-7', name: 'Ana' } });
    const [latest] = await t.app.services.store.audit.recent({ limit: 1 });
    expect(latest).toMatchObject({
      actor: { platform: 'terminal', userId: 'auditor-7', name: 'Ana' },
      platform: 'terminal',
      command: 'customer disable',
      provider: 'proxylite',
      target: 'secretcheck1',
      result: 'ok',
    });
    expect(Date.parse(latest!.at)).toBeGreaterThan(Date.now() - 60_000);
  });
});
