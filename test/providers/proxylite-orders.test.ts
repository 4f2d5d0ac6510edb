import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { proxylite } from '../../src/providers/proxylite/index.js';
import type { OrderInput, Provider } from '../../src/providers/types.js';
import { type ProxyLiteSimulator, startProxyLiteSimulator } from '../../src/sandbox/proxylite/index.js';
import { failure, providerFailure } from '../helpers/failures.js';

const checkRoute = 'POST /end-point/order/check';
const createRoute = 'POST /end-point/order/create';
const balance = 25_000;
const staticDc: OrderInput = { product: '141', country: 'US', quantity: 4 };

describe('proxylite orders', () => {
  let sim: ProxyLiteSimulator;
  let provider: Provider;
  const sent = (route: string) => sim.server.received.filter((r) => r.route === route);
  const withoutKey = (body: unknown) => {
    const { app_key: _key, ...rest } = body as Record<string, unknown>;
    return rest;
  };
  const staticOrder = (type: number) =>
    sim.state.orders.find((o) => o.product_type === type && o.status === 1)!.trade_no;

  // Nothing here hangs: a long timeout keeps a loaded machine from retrying the reads the tests count.
  beforeAll(async () => {
    sim = await startProxyLiteSimulator();
    provider = proxylite.create({
      baseUrl: sim.baseUrl,
      apiKey: sim.apiKey,
      timeoutMs: 10_000,
      retry: { baseDelayMs: 5 },
    });
  });
  afterAll(() => sim.close());
  afterEach(() => {
    sim.server.clearFaults();
    sim.state.balanceCents = balance;
  });

  it('reads the catalog from /end-point/product and the static IP regions, and pays from the balance', async () => {
    const catalog = await provider.orders!.catalog();
    expect(sent('GET /end-point/product')).toHaveLength(1);
    expect(
      sent('GET /end-point/ip/static-ip-region')
        .map((r) => r.query.isp)
        .sort(),
    ).toEqual(['0', '1']);
    expect(sent('GET /end-point/payment/groups')).toHaveLength(1);
    expect(catalog.products.map((p) => p.id)).toEqual(['101', '102', '121', '141', '251']);
    const dc = catalog.products.find((p) => p.id === '141')!;
    expect(dc).toMatchObject({
      name: 'Datacenter static IP',
      locationRequired: true,
      renewable: true,
      quantity: { unit: 'IP' },
    });
    expect(dc.locations).toContainEqual({ id: 'US', available: 55 });
    expect(dc.periods.map((p) => p.id)).toEqual(['30', '60', '90']);
    expect(dc.listPrice).toEqual({ minor: 250, currency: 'USD' });
    expect(catalog.notes[0]).toContain(
      'Paid from the ProxyLite account balance ("Account balance")'.replace(' ("', ' (payment method "'),
    );
  });

  it('quotes with /order/check: pid, pm_id of the balance method, region_list, etd, coupon', async () => {
    const quote = await provider.orders!.quote({
      product: '141',
      regions: [
        { code: 'US', quantity: 2 },
        { code: 'DE', quantity: 3, asn: '3320' },
      ],
      period: '60',
      promo: 'LITE10',
    });
    expect(withoutKey(sent(checkRoute).at(-1)!.body)).toEqual({
      pid: 141,
      region_list: 'US,2|DE,3,3320',
      etd: 2,
      coupon_sn: 'LITE10',
      pm_id: 1,
    });
    expect(sent(checkRoute).at(-1)!.query.app_key).toBe(sim.apiKey);
    const total = 2.5 * 5 * (1 + 0.95);
    expect(quote).toMatchObject({
      product: 'Datacenter static IP',
      quantity: 5,
      period: '60 days',
      location: 'US, DE',
      price: { minor: Math.round(total * 0.9 * 100), currency: 'USD' },
      listPrice: { minor: Math.round(total * 100), currency: 'USD' },
      discountPercent: 10,
      promo: 'valid',
    });
    expect(quote.balance).toBeUndefined();
    expect(quote.quotesOnly).toBeUndefined();
    await provider.orders!.quote({ product: '101', quantity: 3 });
    expect(withoutKey(sent(checkRoute).at(-1)!.body)).toEqual({ pid: 101, amount: 3, pm_id: 1 });
  });

  it('surfaces an unknown or expired coupon as invalid, priced without it', async () => {
    for (const code of ['NOPE', 'NEWYEAR24']) {
      const quote = await provider.orders!.quote({ ...staticDc, promo: code });
      expect(quote).toMatchObject({ promo: 'invalid', price: { minor: 1000 } });
      expect(quote.warnings.join(' ')).toContain(`refuses coupon ${code}`);
    }
  });

  it('buys once from the balance with /order/create and returns the trade number', async () => {
    const before = sent(createRoute).length;
    const bought = await provider.orders!.buy!(staticDc);
    expect(sent(createRoute)).toHaveLength(before + 1);
    expect(withoutKey(sent(createRoute).at(-1)!.body)).toEqual({ pid: 141, region_list: 'US,4', pm_id: 1 });
    expect(bought.id).toMatch(/^\d{28}$/);
    expect(bought).toMatchObject({
      charged: { minor: 1000, currency: 'USD' },
      order: { id: bought.id, status: 'active', quantity: 4 },
    });
    expect(sim.state.balanceCents).toBe(balance - 1000);
    expect(sim.state.packages.filter((p) => p.trade_no === bought.id)).toHaveLength(4);
    expect(await provider.orders!.get(bought.id)).toMatchObject({ id: bought.id, price: { minor: 1000 } });
  });

  it('refuses a purchase the balance cannot pay as insufficient_funds, with nothing bought', async () => {
    sim.state.balanceCents = 500;
    const orders = sim.state.orders.length;
    const error = await providerFailure(provider.orders!.buy!(staticDc), 'insufficient_funds');
    expect(error.vendorMessage).toBe('Insufficient account balance');
    expect(sim.state.orders.length).toBe(orders);
    expect(sim.state.balanceCents).toBe(500);
  });

  it('quotes only, and buys nothing, when the account lists no balance payment', async () => {
    const group = sim.state.paymentGroups[0]!;
    const saved = group.items;
    group.items = [];
    const fresh = proxylite.create({ baseUrl: sim.baseUrl, apiKey: sim.apiKey, timeoutMs: 10_000 });
    try {
      const quote = await fresh.orders!.quote(staticDc);
      expect(withoutKey(sent(checkRoute).at(-1)!.body)).toMatchObject({ pm_id: 7 });
      expect(quote.quotesOnly).toContain('Quotes only');
      const before = sent(createRoute).length;
      const error = await providerFailure(fresh.orders!.buy!(staticDc), 'unsupported');
      expect(error.message).toContain('Quotes only');
      expect(sent(createRoute)).toHaveLength(before);
      expect((await fresh.orders!.catalog()).notes[0]).toContain('Quotes only');
    } finally {
      group.items = saved;
    }
  });

  it.each([
    ['quantity 0', { quantity: 0 }, /whole number from 1/],
    ['an option ProxyLite does not take', { operator: 'x' }, /no operator option/],
  ])('refuses %s before any request', async (_, change, message) => {
    const before = sim.server.received.length;
    const error = await failure(provider.orders!.buy!({ ...staticDc, ...change }));
    expect(error.message).toMatch(message);
    expect(sim.server.received.length).toBe(before);
  });

  it.each([
    ['product id', { product: '999' }, /no product "999"/, /101, 102, 121, 141, 251/],
    ['region', { country: 'FR' }, /no region "FR"/, /US, DE, JP, SG/],
    ['period', { period: '45' }, /no period \(days\) "45"/, /30, 60, 90/],
    ['quantity over the stock', { country: 'JP', quantity: 16 }, /15 static IPs for sale in JP/, undefined],
  ])('refuses an unknown %s from the catalog, with no check or order sent', async (_, change, message, hint) => {
    const before = sent(checkRoute).length + sent(createRoute).length;
    const error = await failure(provider.orders!.quote({ ...staticDc, ...change }));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toMatch(message);
    if (hint) expect(error.hint).toMatch(hint);
    expect(sent(checkRoute).length + sent(createRoute).length).toBe(before);
  });

  it('reports a purchase dropped after it was applied as outcome_unknown, and findPlaced finds it', async () => {
    const input: OrderInput = { product: '121', quantity: 2 };
    const since = new Date();
    sim.server.fault({ route: createRoute, kind: 'drop_after_apply', times: 1 });
    await providerFailure(provider.orders!.buy!(input), 'outcome_unknown');
    const placed = await provider.orders!.findPlaced(input, since);
    expect(placed).toHaveLength(1);
    expect(placed[0]).toMatchObject({ product: 'Long-term IDC traffic 50 GB', quantity: 2, status: 'active' });
    expect(sent('GET /end-point/order/list').at(-1)!.query).toMatchObject({ product_type: '12' });
    expect(await provider.orders!.findPlaced({ ...input, quantity: 3 }, since)).toEqual([]);
  });

  it('reports an unreadable purchase answer as outcome_unknown, sent once', async () => {
    sim.server.fault({ route: createRoute, kind: 'malformed', text: '{"code":0,"data":{"trade', times: 1 });
    const before = sent(createRoute).length;
    await providerFailure(provider.orders!.buy!(staticDc), 'outcome_unknown');
    expect(sent(createRoute)).toHaveLength(before + 1);
  });

  it('renews static IPs: renew_duration a string in check, an integer in create', async () => {
    const id = staticOrder(25);
    const packages = sim.state.packages.filter((p) => p.trade_no === id);
    const quote = await provider.orders!.quoteRenewal!(id, { period: '2m' });
    expect(withoutKey(sent(checkRoute).at(-1)!.body)).toEqual({
      pid: 192,
      upids: packages.map((p) => p.id).join(','),
      renew_duration: '2m',
      pm_id: 1,
    });
    expect(quote).toMatchObject({ quantity: 2, period: '2m', price: { minor: 2400 } });
    expect((await provider.orders!.quoteRenewal!(id, { period: 'em' })).period).toBe('em');
    const before = sent(createRoute).length;
    await failure(provider.orders!.renew!(id, { period: 'em' }));
    expect(sent(createRoute)).toHaveLength(before);
    const ends = packages.map((p) => p.expired_at);
    const renewed = await provider.orders!.renew!(id, { period: '2m' });
    expect(withoutKey(sent(createRoute).at(-1)!.body)).toMatchObject({ pid: 192, renew_duration: 2 });
    expect(packages.map((p) => p.expired_at)).not.toEqual(ends);
    expect(renewed).toMatchObject({ id, charged: { minor: 2400 }, order: { id, status: 'active' } });
    await providerFailure(provider.orders!.quoteRenewal!(sim.state.packages[0]!.trade_no), 'unsupported');
  });

  it('lists orders with their packages’ expiry, leaving out balance recharges', async () => {
    const all = await provider.orders!.listAll();
    expect(all.some((o) => o.product === 'Balance recharge')).toBe(false);
    expect(all.find((o) => o.vendorStatus === 'pending payment')).toMatchObject({ status: 'pending' });
    expect(all.find((o) => o.id === sim.state.packages[0]!.trade_no)).toMatchObject({ status: 'expired' });
    const page = await provider.orders!.list({ status: 'active', perPage: 2 });
    expect(page.orders.every((o) => o.status === 'active')).toBe(true);
    expect(page.pages).toBe(Math.ceil(page.total / 2));
  });
});
