import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Actor } from '../../src/kit/actor.js';
import type { ProviderId } from '../../src/providers/registry.js';
import type { CommandContext } from '../../src/runtime/context.js';
import { startTestApp, type TestApp } from '../helpers/app.js';

/** A command goes from chat to the vendor once: parsed and checked once, the account read once. */
describe('the path of a command', () => {
  let t: TestApp;
  const users = {} as Record<ProviderId, string>;
  let sequence = 0;
  const chat = (actor: Partial<Actor> = {}): CommandContext => ({
    actor: { platform: 'slack', userId: 'UOWNER1', role: 'owner', ...actor },
    interactionId: `slack:path-${++sequence}`,
    confirmed: false,
    sandbox: true,
    services: t.app.services,
    now: () => new Date(),
  });

  beforeAll(async () => {
    t = await startTestApp();
    for (const id of ['infiniteproxies', 'proxyshard', 'proxylite', 'vpnresellers', 'youproxy'] as const) {
      const listed = await t.run(`customer list ${id} status:active`);
      users[id] = (listed.data.customers as Array<{ username: string }>)[0]!.username;
      // A warm lookup, as after /customer info: the requests below are the change's own.
      await t.run(`customer info ${id} ${users[id]}`);
    }
  });
  afterAll(() => t.close());

  /** The simulator routes one command reached, in order. */
  async function routesOf(id: ProviderId, line: string): Promise<string[]> {
    const since = t.sim(id).received.length;
    const out = await t.run(line);
    expect(out.error).toBeNull();
    return t
      .sim(id)
      .received.slice(since)
      .map((r) => r.route ?? 'unrouted');
  }

  it.each([
    ['infiniteproxies', '100', ['GET /v2/customer/@:username', 'POST /v2/customer/add_balance']],
    [
      'proxyshard',
      '1',
      [
        'GET /user/api/proxies/sub-user/:user_id',
        'POST /user/api/proxies/sub-user/:user_id/data/add',
        'GET /user/api/proxies/sub-user/:user_id',
      ],
    ],
    ['proxylite', '5', ['GET /end-point/whitelist-account/list', 'POST /end-point/whitelist-account/change-limit']],
    ['vpnresellers', '3', ['GET /v4_1/accounts/:account', 'PUT /v4_1/accounts/:account/expire']],
    [
      'youproxy',
      '30',
      [
        'GET /client/api/v1/:key/ipAddress',
        'GET /client/api/v1/:key/rentPeriod',
        'POST /client/api/v1/:key/extend/order',
        'GET /client/api/v1/:key/ipAddress',
      ],
    ],
  ] as const)('%s: balance add %s reads the account once, then writes from that reading', async (id, amount, routes) => {
    expect(await routesOf(id, `balance add ${id} ${users[id]} ${amount} confirm:yes`)).toEqual(routes);
  });

  it('checks a balance change once per run: once for the question, once more when confirmed', async () => {
    const prepare = vi.spyOn(t.app.services.balances, 'prepare');
    try {
      const asked = await t.dispatcher.runText(`balance add proxylite ${users.proxylite} 5`, chat());
      expect(asked.error?.code).toBe('confirmation_required');
      expect(prepare).toHaveBeenCalledTimes(1);
      const done = await t.dispatcher.answer(asked.confirmation!.id!, true, chat());
      expect(done.error).toBeNull();
      expect(prepare).toHaveBeenCalledTimes(2);
    } finally {
      prepare.mockRestore();
    }
  });

  it('says in the question what kind of confirmation it is, not only in its words', async () => {
    const paid = await t.dispatcher.runText(`balance add proxylite ${users.proxylite} 5`, chat());
    const removal = await t.dispatcher.runText(`balance remove proxylite ${users.proxylite} 1`, chat());
    const deletion = await t.dispatcher.runText(`customer delete proxylite ${users.proxylite}`, chat());
    expect([paid, removal, deletion].map((r) => r.confirmation?.kind)).toEqual(['paid', 'destructive', 'destructive']);
  });

  it('says what each press did to its question: refused, cancelled, confirmed, expired', async () => {
    const asked = await t.dispatcher.runText(`balance add proxylite ${users.proxylite} 5`, chat());
    const id = asked.confirmation!.id!;
    const stranger = await t.dispatcher.answer(id, true, chat({ userId: 'USTRANGER' }));
    expect([stranger.error?.code, stranger.pressed]).toEqual(['forbidden', 'refused']);
    const confirmed = await t.dispatcher.answer(id, true, chat());
    expect([confirmed.error, confirmed.pressed]).toEqual([null, 'confirmed']);
    const again = await t.dispatcher.answer(id, true, chat());
    expect([again.error?.code, again.pressed]).toEqual(['conflict', 'refused']);

    const cancelled = await t.dispatcher.runText(`customer delete proxylite ${users.proxylite}`, chat());
    expect((await t.dispatcher.answer(cancelled.confirmation!.id!, false, chat())).pressed).toBe('cancelled');

    const unknown = await t.dispatcher.answer('no-such-question', true, chat());
    expect([unknown.error?.code, unknown.pressed]).toEqual(['invalid_input', 'expired']);
  });
});
