import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandContext } from '../../src/runtime/context.js';
import type { YouproxySimulator } from '../../src/sandbox/youproxy/index.js';
import { startTestApp, type TestApp } from '../helpers/app.js';

/** docs/commands.md#confirmations: every paid question names the cost, and the reply carries `data.cost`. */
describe('the cost line of paid confirmations', () => {
  let t: TestApp;
  const first = async (provider: string) =>
    ((await t.run(`customer list ${provider}`)).data.customers as Array<{ username: string }>)[0]!.username;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('InfiniteProxies balance add: the MB off the reseller balance, now and after', async () => {
    const user = await first('infiniteproxies');
    const question = await t.run(`balance add infiniteproxies ${user} 100`);
    expect(question.text).toMatch(/Cost: 100 MB from .*: [\d,]+ MB now, [\d,]+ MB after/);
    expect(question.data.cost).toEqual({ amount: 100, unit: 'MB' });
  });

  it('ProxyShard balance add: the GB from the residential traffic', async () => {
    const user = await first('proxyshard');
    const question = await t.run(`balance add proxyshard ${user} 2`);
    expect(question.text).toMatch(
      /Cost: 2 GB from Standart residential traffic|Cost: 2 GB from Premium residential traffic/,
    );
    expect(question.data.cost).toEqual({ amount: 2, unit: 'GB' });
  });

  it("Youproxy extend: Youproxy's own price, with the balance now and after", async () => {
    const order = (t.app.sandbox!.simulators.youproxy as YouproxySimulator).seeded.existing;
    const question = await t.run(`balance add youproxy ${order} 30`);
    expect(question.text).toMatch(/Cost: \d+\.\d\d USD from Balance: \d+\.\d\d USD now, \d+\.\d\d USD after/);
    const since = t.sim('youproxy').received.length;
    const done = await t.run(`balance add youproxy ${order} 30 confirm:yes`);
    expect(done.error).toBeNull();
    expect(question.data.cost).toEqual({ amount: expect.any(Number), unit: 'USD' });
    expect(t.count('youproxy', 'POST /client/api/v1/:key/extend/order', since)).toBe(1);
  });

  it('a cost read that finds the request itself wrong is the error, not a question with a Confirm', async () => {
    const order = (t.app.sandbox!.simulators.youproxy as YouproxySimulator).seeded.existing;
    const since = t.sim('youproxy').received.length;
    const badPeriod = await t.run(`balance add youproxy ${order} 45`);
    expect(badPeriod.error?.code).toBe('invalid_input');
    expect(badPeriod.text).toMatch(/not 45\.\nPick one of: 30, /);
    const noOrder = await t.run('balance add youproxy 999 30');
    expect(noOrder.error?.code).toBe('not_found');
    const noUser = await t.run('balance add proxyshard nosuchsubuser 2');
    expect(noUser.error?.code).toBe('not_found');
    expect(t.count('youproxy', 'POST /client/api/v1/:key/extend/order', since)).toBe(0);
  });

  it('VPNresellers create: says the cost is not known, and why', async () => {
    const question = await t.run('customer create vpnresellers costcheck1');
    expect(question.error?.code).toBe('confirmation_required');
    expect(question.text).toMatch(/Cost: not known\. VPNresellers bills each new account/);
    expect(question.data.cost).toBeUndefined();
  });

  it('InfiniteProxies create: the 100 MB a new customer takes', async () => {
    const question = await t.run('customer create infiniteproxies costcheck2');
    expect(question.text).toMatch(/Cost: 100 MB/);
    expect(question.data.cost).toEqual({ amount: 100, unit: 'MB' });
  });

  it('carries the cost the question showed into the reply after Confirm on chat', async () => {
    const user = await first('infiniteproxies');
    const chat = (id: string): CommandContext => ({
      actor: { platform: 'discord', userId: '900000000000000001', role: 'owner' },
      interactionId: id,
      confirmed: false,
      sandbox: true,
      services: t.app.services,
      now: () => new Date(),
    });
    const asked = await t.dispatcher.runText(`balance add infiniteproxies ${user} 20`, chat('cost-ask'));
    const done = await t.dispatcher.answer(asked.confirmation!.id!, true, chat('cost-press'));
    expect(done.error).toBeNull();
    expect(done.data.cost).toEqual({ amount: 20, unit: 'MB' });
  });

  it('ProxyLite balance add: says its API does not tell', async () => {
    const user = await first('proxylite');
    const question = await t.run(`balance add proxylite ${user} 1`);
    expect(question.text).toMatch(/Cost: not known\. ProxyLite's API does not say what this costs\./);
  });
});
