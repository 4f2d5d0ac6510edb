import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ProviderId } from '../../src/providers/registry.js';
import type { CommandContext } from '../../src/runtime/context.js';
import type { ProxyLiteSimulator } from '../../src/sandbox/proxylite/index.js';
import type { ProxyShardSimulator } from '../../src/sandbox/proxyshard/index.js';
import { monthlyCents } from '../../src/sandbox/youproxy/catalog.js';
import type { YouproxySimulator } from '../../src/sandbox/youproxy/index.js';
import { startTestApp, type TestApp } from '../helpers/app.js';

interface Vendor {
  id: ProviderId;
  /** `/order buy` arguments after the provider. */
  buy: string;
  quoteRoute: string;
  buyRoute: string;
  /** The purchase request exactly as the vendor takes it. */
  body: Record<string, unknown>;
  /** The quoted price of `buy`, in minor units. */
  cents: number;
  /** The reseller balance the simulator holds, in cents (read and set). */
  balance: { get(t: TestApp): number; set(t: TestApp, cents: number): void };
}

const yp = (t: TestApp) => t.app.sandbox!.simulators.youproxy as YouproxySimulator;
const ps = (t: TestApp) => t.app.sandbox!.simulators.proxyshard as ProxyShardSimulator;
const pl = (t: TestApp) => t.app.sandbox!.simulators.proxylite as ProxyLiteSimulator;

const vendors: Vendor[] = [
  {
    id: 'youproxy',
    buy: 'ipv4 country:USA quantity:2 period:30',
    quoteRoute: 'POST /client/api/v1/:key/calculate/order',
    buyRoute: 'POST /client/api/v1/:key/order',
    body: {
      proxyType: 'IPv4',
      authType: 'LOGIN',
      goal: 'Proxy reselling',
      country: 'USA',
      quantity: 2,
      rentPeriodDays: 30,
    },
    cents: 360,
    balance: {
      get: (t) => yp(t).state.balanceCents,
      set: (t, c) => {
        yp(t).state.balanceCents = c;
      },
    },
  },
  {
    id: 'proxyshard',
    buy: 'dc country:US period:monthly quantity:2',
    quoteRoute: 'GET /user/api/orders/calculate',
    buyRoute: 'POST /user/api/orders/purchase',
    body: { product: 'Datacenter Proxy', cycle: 'monthly', location: 'US', quantity: 2 },
    cents: 500,
    balance: {
      get: (t) => ps(t).state.walletCents,
      set: (t, c) => {
        ps(t).state.walletCents = c;
      },
    },
  },
  {
    id: 'proxylite',
    buy: '141 country:US quantity:2',
    quoteRoute: 'POST /end-point/order/check',
    buyRoute: 'POST /end-point/order/create',
    body: { app_key: 'sandbox-proxylite-key', pid: 141, region_list: 'US,2', pm_id: 1 },
    cents: 500,
    balance: {
      get: (t) => pl(t).state.balanceCents,
      set: (t, c) => {
        pl(t).state.balanceCents = c;
      },
    },
  },
];

describe('/order over HTTP to the simulators', () => {
  let t: TestApp;
  const saved = new Map<ProviderId, number>();
  const count = (v: Vendor, route: string, since: number) => t.count(v.id, route, since);
  const mark = (v: Vendor) => t.sim(v.id).received.length;

  beforeAll(async () => {
    t = await startTestApp();
    for (const v of vendors) saved.set(v.id, v.balance.get(t));
  });
  afterEach(() => {
    for (const v of vendors) {
      v.balance.set(t, saved.get(v.id)!);
      t.sim(v.id).clearFaults();
    }
  });
  afterAll(() => t.close());

  describe.each(vendors)('$id', (v) => {
    it('lists its catalog with the values product:, country: and period: take', async () => {
      const out = await t.run(`order catalog ${v.id}`);
      expect(out.error).toBeNull();
      const products = out.data.products as Array<{ id: string; countries: string[] }>;
      expect(products.length).toBeGreaterThan(1);
      expect(out.text).toContain(products[0]!.id);
    });

    it('quotes with the vendor calculation: price, currency, balance now and after', async () => {
      const since = mark(v);
      const out = await t.run(`order quote ${v.id} ${v.buy}`);
      expect(out.error).toBeNull();
      expect(out.data.price).toEqual({ amount: v.cents / 100, currency: 'USD' });
      expect(out.data.quantity).toBe(2);
      expect(count(v, v.quoteRoute, since)).toBe(1);
      expect(count(v, v.buyRoute, since)).toBe(0);
      if (v.id !== 'proxylite') {
        const balance = v.balance.get(t);
        expect(out.data.balance).toEqual({ amount: balance / 100, currency: 'USD' });
        expect(out.data.balanceAfter).toEqual({ amount: (balance - v.cents) / 100, currency: 'USD' });
      }
    });

    it('asks with the price and the balance before buying, then sends the exact purchase once', async () => {
      const since = mark(v);
      const question = await t.run(`order buy ${v.id} ${v.buy}`);
      expect(question.error?.code).toBe('confirmation_required');
      expect(question.confirmation?.kind).toBe('paid');
      expect(question.text).toContain(`Price: ${(v.cents / 100).toFixed(2)} USD`);
      expect(question.text).toMatch(/balance/);
      expect(count(v, v.buyRoute, since)).toBe(0);

      const before = v.balance.get(t);
      const bought = await t.run(`order buy ${v.id} ${v.buy} confirm:yes`);
      expect(bought.error).toBeNull();
      expect(bought.data.orderId).toEqual(expect.any(String));
      expect(bought.data.price).toEqual({ amount: v.cents / 100, currency: 'USD' });
      const purchases = t
        .sim(v.id)
        .received.slice(since)
        .filter((r) => r.route === v.buyRoute);
      expect(purchases).toHaveLength(1);
      expect(purchases[0]!.body).toEqual(v.body);
      expect(v.balance.get(t)).toBe(before - v.cents);

      const listed = await t.run(`order list ${v.id} status:active`);
      const ids = (listed.data.orders as Array<{ id: string }>).map((o) => o.id);
      expect(ids).toContain(bought.data.orderId);

      const audit = await t.app.services.store.audit.recent({ limit: 5 });
      const line = audit.find((a) => a.command === 'order buy' && a.provider === v.id);
      expect(line?.details).toMatchObject({
        amount: v.cents / 100,
        currency: 'USD',
        orderId: bought.data.orderId,
        confirmedBy: { platform: 'terminal', userId: 'tester' },
      });
    });

    it('refuses a purchase the balance cannot pay: insufficient_funds, nothing bought', async () => {
      v.balance.set(t, 100);
      const since = mark(v);
      const out = await t.run(`order buy ${v.id} ${v.buy} confirm:yes`);
      expect(out.error?.code).toBe('insufficient_funds');
      expect(v.balance.get(t)).toBe(100);
      // ProxyLite's API reports no balance: its own refusal of the one purchase request is the check.
      expect(count(v, v.buyRoute, since)).toBe(v.id === 'proxylite' ? 1 : 0);
    });

    it('turns a dropped purchase answer into outcome_unknown; a rerun reads the order list and does not buy again', async () => {
      const since = mark(v);
      t.sim(v.id).fault({ route: v.buyRoute, kind: 'drop_after_apply', times: 1 });
      const dropped = await t.run(`order buy ${v.id} ${v.buy} confirm:yes`);
      expect(dropped.error?.code).toBe('outcome_unknown');
      expect(count(v, v.buyRoute, since)).toBe(1);
      expect(await t.app.services.store.journal.unresolved(v.id, 'new order')).toHaveLength(1);

      const reads = t.sim(v.id).received.length;
      const rerun = await t.run(`order buy ${v.id} ${v.buy} confirm:yes`);
      expect(rerun.error?.code).toBe('conflict');
      expect(rerun.text).toMatch(/did go through/);
      expect(count(v, v.buyRoute, since)).toBe(1);
      expect(
        t
          .sim(v.id)
          .received.slice(reads)
          .some((r) => r.method === 'GET'),
      ).toBe(true);
      expect(await t.app.services.store.journal.unresolved(v.id, 'new order')).toHaveLength(0);
    });

    it('buys once for a redelivered interaction and replays the order id', async () => {
      const since = mark(v);
      const id = `redelivered-${v.id}`;
      const first = await t.run(`order buy ${v.id} ${v.buy} confirm:yes`, { interactionId: id });
      const second = await t.run(`order buy ${v.id} ${v.buy} confirm:yes`, { interactionId: id });
      expect(first.data.replayed).toBe(false);
      expect(second.data).toMatchObject({ replayed: true, orderId: first.data.orderId });
      expect(count(v, v.buyRoute, since)).toBe(1);
    });
  });

  it('names the bad value and lists the valid ones, with nothing priced or bought', async () => {
    const cases: Array<[string, RegExp, RegExp]> = [
      ['youproxy nope country:USA', /no product "nope"/, /ipv4, ipv6, mobile, isp/],
      ['youproxy ipv4 country:XXX', /no country "XXX"/, /USA, DEU/],
      ['youproxy ipv4 country:USA period:7', /"7"/, /30, 60, 90/],
      ['youproxy mobile country:USA operator:sprint', /"sprint"/, /verizon/],
      ['youproxy ipv4 country:USA quantity:0', /0 is not one/, /from 1 to 1000/],
      ['youproxy ipv4 country:USA quantity:1001', /1001 is not one/, /from 1 to 1000/],
      ['youproxy ipv4 country:USA auth:ip authip:300.1.1.1', /"300\.1\.1\.1" is not an IPv4 address/, /0–255/],
      ['proxyshard dc country:ZZ period:monthly', /"ZZ"/, /US/],
      ['proxylite 999 country:US', /"999"/, /141/],
    ];
    for (const [args, message, valid] of cases) {
      const provider = args.split(' ')[0] as ProviderId;
      const v = vendors.find((x) => x.id === provider)!;
      const since = mark(v);
      const out = await t.run(`order buy ${args} confirm:yes`);
      expect(out.error?.code, args).toBe('invalid_input');
      expect(out.text, args).toMatch(message);
      expect(out.text, args).toMatch(valid);
      // The list is introduced in plain English, never a bare "s" glued onto the option's name.
      expect(out.text, args).not.toMatch(/countrys|\)s:/);
      expect(count(v, v.quoteRoute, since) + count(v, v.buyRoute, since), args).toBe(0);
    }
  });

  it('answers unsupported for vendors without orders', async () => {
    for (const id of ['infiniteproxies', 'vpnresellers']) {
      expect((await t.run(`order quote ${id} x`)).error?.code).toBe('unsupported');
    }
  });

  it('says when a promo code is invalid, and the terminal buys at full price only without it', async () => {
    const v = vendors[0]!;
    const quote = await t.run('order quote youproxy ipv4 country:USA promo:BOGUS');
    expect(quote.data.promo).toBe('invalid');
    expect(quote.text).toMatch(/BOGUS is not valid/);
    const since = mark(v);
    const refused = await t.run('order buy youproxy ipv4 country:USA promo:BOGUS confirm:yes');
    expect(refused.error?.code).toBe('invalid_input');
    expect(refused.text).toMatch(/BOGUS is not valid.*full price is 1\.80 USD/);
    expect(refused.text).toMatch(/without promo:/);
    expect(count(v, v.buyRoute, since)).toBe(0);
    const valid = await t.run('order buy youproxy ipv4 country:USA promo:WELCOME10 confirm:yes');
    expect(valid.error).toBeNull();
    const sent = t
      .sim('youproxy')
      .received.slice(since)
      .filter((r) => r.route === v.buyRoute);
    expect(sent.map((r) => (r.body as { promoCode?: string }).promoCode)).toEqual(['WELCOME10']);
  });

  describe('on chat, Confirm buys at the price the question showed', () => {
    let sequence = 0;
    const chat = (): CommandContext => ({
      actor: { platform: 'slack', userId: 'UBUYER', name: 'buyer', role: 'owner' },
      interactionId: `chat-order-${++sequence}`,
      confirmed: false,
      sandbox: true,
      services: t.app.services,
      now: () => new Date(),
    });
    const buyRoute = vendors[0]!.buyRoute;
    const ask = async (line: string) => {
      const question = await t.dispatcher.runText(line, chat());
      expect(question.error?.code).toBe('confirmation_required');
      return { question, id: question.confirmation!.id! };
    };

    it('buys at the full price an invalid promo code was shown at, without sending the code', async () => {
      const { question, id } = await ask('order buy youproxy ipv4 country:USA promo:BOGUS');
      expect(question.text).toMatch(/BOGUS is not valid: 1\.80 USD is the full price/);
      const since = t.sim('youproxy').received.length;
      const done = await t.dispatcher.answer(id, true, chat());
      expect(done.error).toBeNull();
      const sent = t
        .sim('youproxy')
        .received.slice(since)
        .filter((r) => r.route === buyRoute);
      expect(sent).toHaveLength(1);
      expect((sent[0]!.body as { promoCode?: string }).promoCode).toBeUndefined();
    });

    it('refuses a price that went up after the question, with nothing bought', async () => {
      const { id } = await ask('order buy youproxy ipv4 country:USA');
      const was = monthlyCents.IPv4;
      monthlyCents.IPv4 = was * 2;
      try {
        const since = t.sim('youproxy').received.length;
        const refused = await t.dispatcher.answer(id, true, chat());
        expect(refused.error?.code).toBe('conflict');
        expect(refused.text).toMatch(/went up from 1\.80 USD to 3\.60 USD/);
        expect(t.count('youproxy', buyRoute, since)).toBe(0);
      } finally {
        monthlyCents.IPv4 = was;
      }
    });

    it('answers insufficient_funds instead of a question when the balance is short', async () => {
      yp(t).state.balanceCents = 50;
      const since = t.sim('youproxy').received.length;
      const out = await t.dispatcher.runText('order buy youproxy ipv4 country:USA', chat());
      expect(out.error?.code).toBe('insufficient_funds');
      expect(out.text).toMatch(/1\.80 USD.*0\.50 USD/);
      expect(t.count('youproxy', buyRoute, since)).toBe(0);
    });
  });

  it('renews and tops up with the exact requests: ProxyShard renew and add-bandwidth in whole GB, ProxyLite renewal', async () => {
    const since = t.sim('proxyshard').received.length;
    const asked = await t.run('order bandwidth proxyshard 47760 5');
    expect(asked.text).toMatch(/^Add 5 GB to order 47760 at ProxyShard\nPrice: 15\.00 USD\n/);
    expect((await t.run('order bandwidth proxyshard 47760 5 confirm:yes')).error).toBeNull();
    const topUps = t
      .sim('proxyshard')
      .received.slice(since)
      .filter((r) => r.route === 'POST /user/api/orders/:id/add-bandwidth');
    expect(topUps.map((r) => [r.path, r.body])).toEqual([['/user/api/orders/47760/add-bandwidth', { amount: 5 }]]);

    const renewed = await t.run('order renew proxyshard 46002 confirm:yes');
    expect(renewed.error).toBeNull();
    expect(t.count('proxyshard', 'POST /user/api/orders/:id/renew', since)).toBe(1);
    expect(Date.parse(renewed.data.expiresAt as string)).toBeGreaterThan(Date.now());

    const listed = await t.run('order list proxylite status:active');
    const staticIp = (listed.data.orders as Array<{ id: string; product: string }>).find((o) =>
      /static IP/.test(o.product),
    )!;
    const from = t.sim('proxylite').received.length;
    const refused = await t.run(`order renew proxylite ${staticIp.id} period:7d confirm:yes`);
    expect(refused.error?.code).toBe('invalid_input');
    expect(refused.text).toMatch(/1m, 2m or em/);
    const done = await t.run(`order renew proxylite ${staticIp.id} period:1m confirm:yes`);
    expect(done.error).toBeNull();
    expect(done.data.price).toEqual({ amount: expect.any(Number), currency: 'USD' });
    expect(t.count('proxylite', 'POST /end-point/order/create', from)).toBe(1);
  });

  it('turns a dropped renewal answer into outcome_unknown; a rerun reads the order back and renews nothing more', async () => {
    const extend = 'POST /client/api/v1/:key/extend/order';
    const bought = await t.run('order buy youproxy isp country:DEU quantity:1 period:30 confirm:yes');
    const id = bought.data.orderId as string;
    const since = t.sim('youproxy').received.length;
    t.sim('youproxy').fault({ route: extend, kind: 'drop_after_apply', times: 1 });
    const dropped = await t.run(`order renew youproxy ${id} period:30 confirm:yes`);
    expect(dropped.error?.code).toBe('outcome_unknown');
    const rerun = await t.run(`order renew youproxy ${id} period:30 confirm:yes`);
    expect(rerun.error?.code).toBe('conflict');
    expect(rerun.text).toMatch(/did go through after all/);
    expect(t.count('youproxy', extend, since)).toBe(1);
    expect(await t.app.services.store.journal.unresolved('youproxy', id)).toHaveLength(0);
  });

  it('shows an order privately with its proxies, renews it after asking, and switches auto-renew off', async () => {
    const bought = await t.run('order buy youproxy ipv4 country:USA quantity:1 period:30 confirm:yes');
    const id = bought.data.orderId as string;
    const info = await t.run(`order info youproxy ${id}`);
    expect(info.visibility).toBe('private');
    expect((info.data.proxies as string[]).length).toBe(1);
    const config = await t.run(`config get youproxy ${id}`);
    expect(config.error).toBeNull();

    const question = await t.run(`order renew youproxy ${id} period:30`);
    expect(question.error?.code).toBe('confirmation_required');
    expect(question.text).toMatch(/Price: \d+\.\d\d USD/);
    const since = t.sim('youproxy').received.length;
    const renewed = await t.run(`order renew youproxy ${id} period:30 confirm:yes`);
    expect(renewed.error).toBeNull();
    expect(t.count('youproxy', 'POST /client/api/v1/:key/extend/order', since)).toBe(1);
    expect(Date.parse(renewed.data.expiresAt as string)).toBeGreaterThan(Date.parse(info.data.expiresAt as string));

    const on = await t.run(`order autorenew youproxy ${id} on`);
    expect(on.data.autoRenew).toBe(true);
    const off = await t.run(`order autorenew youproxy ${id} off`);
    expect(off.error).toBeNull();
    expect(off.data.autoRenew).toBe(false);
  });
});
