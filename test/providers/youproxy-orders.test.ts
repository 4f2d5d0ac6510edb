import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { OrderInput, Provider } from '../../src/providers/types.js';
import { youproxy } from '../../src/providers/youproxy/index.js';
import { priceCents } from '../../src/sandbox/youproxy/catalog.js';
import { startYouproxySimulator, type YouproxySimulator } from '../../src/sandbox/youproxy/index.js';
import { failure, providerFailure } from '../helpers/failures.js';

const route = (path: string, method = 'POST') => `${method} /client/api/v1/:key${path}`;
const calculateRoute = route('/calculate/order');
const orderRoute = route('/order');
const dayMs = 86_400_000;

const ipv4: OrderInput = { product: 'ipv4', country: 'USA', quantity: 2, period: '30' };
const ipv4Body = {
  proxyType: 'IPv4',
  authType: 'LOGIN',
  goal: 'Proxy reselling',
  country: 'USA',
  quantity: 2,
  rentPeriodDays: 30,
};

describe('youproxy orders', () => {
  let sim: YouproxySimulator;
  let provider: Provider;
  const sent = (r: string) => sim.server.received.filter((x) => x.route === r);

  // Nothing here hangs: a long timeout keeps a loaded machine from retrying the reads the tests count.
  beforeAll(async () => {
    sim = await startYouproxySimulator();
    provider = youproxy.create({
      baseUrl: sim.baseUrl,
      apiKey: sim.apiKey,
      timeoutMs: 10_000,
      retry: { baseDelayMs: 5, maxDelayMs: 20 },
    });
  });
  afterAll(() => sim.close());
  afterEach(() => {
    sim.server.clearFaults();
    sim.state.balanceCents = 18_437;
  });

  it('reads the catalog from the vendor lists: types, alpha-3 countries, rent periods, operators, promo codes', async () => {
    const catalog = await provider.orders!.catalog();
    expect(catalog.products.map((p) => p.id)).toEqual(['ipv4', 'ipv6', 'mobile', 'isp']);
    const mobile = catalog.products.find((p) => p.id === 'mobile')!;
    expect(mobile.periods.map((p) => p.days)).toEqual([30, 360]);
    expect(mobile.locations.map((l) => l.id)).toEqual(['USA', 'GBR']);
    expect(mobile.operators).toContainEqual({
      id: 'verizon',
      name: 'Verizon',
      country: 'USA',
      rotations: [0, 300, 600, 1800],
    });
    expect(catalog.products.find((p) => p.id === 'ipv6')!.protocols).toEqual(['http', 'socks']);
    expect(catalog.products[0]!.quantity).toEqual({ min: 1, max: 1000, unit: 'IP' });
    expect(catalog.promoCodes!.map((p) => p.code)).toContain('WELCOME10');
    expect(
      sent(route('/country', 'GET'))
        .map((r) => r.query.proxyType)
        .sort(),
    ).toEqual(['IPv4', 'IPv6', 'ISP', 'MOBILE']);
    expect(sent(route('/rentPeriod', 'GET')).length).toBeGreaterThanOrEqual(4);
    expect(sent(route('/proxyType', 'GET'))).toHaveLength(1);
    expect(sent(route('/mobileOperator', 'GET'))).toHaveLength(1);
  });

  it('quotes with the vendor calculation: the exact body, price and balance in cents', async () => {
    const quote = await provider.orders!.quote(ipv4);
    expect(sent(calculateRoute).at(-1)!.body).toEqual(ipv4Body);
    expect(quote).toMatchObject({
      product: 'IPv4',
      quantity: 2,
      period: '30 days',
      location: 'USA',
      price: { minor: priceCents('IPv4', 2, 30), currency: 'USD' },
      balance: { minor: 18_437, currency: 'USD' },
      balanceAfter: { minor: 18_437 - priceCents('IPv4', 2, 30), currency: 'USD' },
      promo: 'none',
      warnings: [],
    });
  });

  it('sends every option of mobile, IPv6 and IP-authorised orders', async () => {
    await provider.orders!.quote({
      product: 'mobile',
      country: 'USA',
      operator: 'verizon',
      rotation: 600,
      period: '30',
    });
    expect(sent(calculateRoute).at(-1)!.body).toMatchObject({
      proxyType: 'MOBILE',
      mobileOperator: 'verizon',
      rotationTime: 600,
      quantity: 1,
    });
    await provider.orders!.quote({
      product: 'IPv6',
      country: 'DEU',
      protocol: 'socks',
      auth: 'ip',
      authIp: '203.0.113.9',
      goal: 'SEO monitoring',
      quantity: 50,
    });
    expect(sent(calculateRoute).at(-1)!.body).toEqual({
      proxyType: 'IPv6',
      authType: 'IP',
      authIp: '203.0.113.9',
      goal: 'SEO monitoring',
      country: 'DEU',
      quantity: 50,
      rentPeriodDays: 90,
      protocol: 'SOCKS',
    });
  });

  it('surfaces an invalid or expired promo code (NO_VALID) instead of hiding the full price', async () => {
    const valid = await provider.orders!.quote({ ...ipv4, promo: 'WELCOME10' });
    expect(valid).toMatchObject({
      promo: 'valid',
      discountPercent: 10,
      price: { minor: priceCents('IPv4', 2, 30, 10) },
    });
    for (const code of ['NOPE', 'SUMMER24']) {
      const quote = await provider.orders!.quote({ ...ipv4, promo: code });
      expect(sent(calculateRoute).at(-1)!.body).toMatchObject({ promoCode: code });
      expect(quote.promo).toBe('invalid');
      expect(quote.price.minor).toBe(priceCents('IPv4', 2, 30));
      expect(quote.warnings.join(' ')).toContain(`promo code ${code}`);
    }
  });

  it('buys once: the exact body, the order id from the IP list, the balance after', async () => {
    const before = sent(orderRoute).length;
    const bought = await provider.orders!.buy!({ ...ipv4, promo: 'NOPE' });
    expect(sent(orderRoute)).toHaveLength(before + 1);
    expect(sent(orderRoute).at(-1)!.body).toEqual({ ...ipv4Body, promoCode: 'NOPE' });
    expect(bought.id).toMatch(/^\d{19}$/);
    expect(sim.state.orders.has(bought.id)).toBe(true);
    expect(bought).toMatchObject({
      promo: 'invalid',
      balanceAfter: { minor: 18_437 - priceCents('IPv4', 2, 30), currency: 'USD' },
      order: { id: bought.id, product: 'IPv4', status: 'active', quantity: 2, location: 'USA' },
    });
    expect(sim.state.balanceCents).toBe(18_437 - priceCents('IPv4', 2, 30));
    expect((await provider.orders!.proxies!(bought.id)).length).toBe(2);
  });

  it('tells a short balance in the quote, and the vendor refusal (code 16) is insufficient_funds with nothing bought', async () => {
    sim.state.balanceCents = 100;
    const quote = await provider.orders!.quote(ipv4);
    expect(quote.balanceAfter!.minor).toBeLessThan(0);
    expect(quote.warnings.join(' ')).toContain('code 16');
    const orders = sim.state.orders.size;
    const error = await providerFailure(provider.orders!.buy!(ipv4), 'insufficient_funds');
    expect(error.vendorMessage).toBe('Insufficient funds on balance');
    expect(sim.state.orders.size).toBe(orders);
    expect(sim.state.balanceCents).toBe(100);
  });

  it.each([
    ['an unknown type', { product: 'ipv5' }, /no product "ipv5"/, /ipv4, ipv6, mobile, isp/],
    ['quantity 0', { quantity: 0 }, /whole IPs, from 1 to 1000; 0/, /quantity/],
    ['quantity over the limit', { quantity: 1001 }, /1001 is not one/, /1 to 1000/],
    [
      'an auth IP that is not IPv4',
      { auth: 'ip' as const, authIp: '2001:db8::1' },
      /not an IPv4 address/,
      /203\.0\.113/,
    ],
    ['a protocol on IPv4', { protocol: 'socks' }, /IPv6 orders only/, undefined],
    ['an option Youproxy does not take', { autoRenew: true }, /no autoRenew option/, /country, period/],
  ])('refuses %s before any request', async (_, change, message, hint) => {
    const before = sim.server.received.length;
    const error = await failure(provider.orders!.quote({ ...ipv4, ...change }));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toMatch(message);
    if (hint) expect(`${error.message} ${error.hint}`).toMatch(hint);
    await failure(provider.orders!.buy!({ ...ipv4, ...change }));
    expect(sim.server.received.length).toBe(before);
  });

  it.each([
    ['country', { country: 'JPN' }, /no country "JPN"/, /USA, DEU, GBR, NLD, FRA/],
    ['rent period', { period: '45' }, /no rent period \(days\) "45"/, /30, 60, 90, 180, 360/],
    [
      'operator',
      { product: 'mobile', operator: 'vodafone' },
      /no mobile operator in USA "vodafone"/,
      /verizon, t-mobile/,
    ],
    ['rotation', { product: 'mobile', operator: 'verizon', rotation: 5 }, /no rotation time of 5/, /0, 300, 600, 1800/],
  ])('refuses an unknown %s from the catalog, listing the valid ones, with no quote or order sent', async (_, change, message, hint) => {
    const before = sent(calculateRoute).length + sent(orderRoute).length;
    const error = await failure(provider.orders!.buy!({ ...ipv4, ...change }));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toMatch(message);
    expect(error.hint).toMatch(hint);
    expect(sent(calculateRoute).length + sent(orderRoute).length).toBe(before);
  });

  it.each([
    [6, 'rejected'],
    [7, 'rejected'],
    [10, 'rejected'],
    [11, 'rejected'],
    [16, 'insufficient_funds'],
    [19, 'rejected'],
    [23, 'rejected'],
  ] as const)('maps an HTTP-200 purchase error with code %i to %s, with the vendor message', async (code, kind) => {
    const text = JSON.stringify({
      success: false,
      proxyType: null,
      orderNumber: null,
      balance: 1,
      currency: 'USD',
      error: { code, message: `Vendor says ${code}` },
      promoCodeStatus: null,
    });
    sim.server.fault({ route: orderRoute, kind: 'malformed', text, times: 1 });
    const error = await providerFailure(provider.orders!.buy!(ipv4), kind);
    expect(error.vendorMessage).toBe(`Vendor says ${code}`);
    expect(error.message).toContain(`(code ${code})`);
  });

  it('reports a purchase dropped after it was applied as outcome_unknown, and findPlaced finds that one order', async () => {
    const since = new Date();
    const input: OrderInput = { product: 'isp', country: 'DEU', quantity: 3, period: '60' };
    sim.server.fault({ route: orderRoute, kind: 'drop_after_apply', times: 1 });
    await providerFailure(provider.orders!.buy!(input), 'outcome_unknown');
    expect(sent(orderRoute).filter((r) => (r.body as { proxyType?: string }).proxyType === 'ISP')).toHaveLength(1);
    const placed = await provider.orders!.findPlaced(input, since);
    expect(placed).toHaveLength(1);
    expect(placed[0]).toMatchObject({ product: 'ISP', quantity: 3, location: 'DEU', status: 'active' });
    expect(sim.state.orders.get(placed[0]!.id)!.proxyType).toBe('ISP');
    expect(await provider.orders!.findPlaced({ ...input, quantity: 4 }, since)).toEqual([]);
    expect(await provider.orders!.findPlaced(input, new Date(Date.now() + 3_600_000))).toEqual([]);
  });

  it('reports an unreadable purchase answer as outcome_unknown, sent once', async () => {
    sim.server.fault({ route: orderRoute, kind: 'malformed', text: '{"success": tr', times: 1 });
    const before = sent(orderRoute).length;
    await providerFailure(provider.orders!.buy!(ipv4), 'outcome_unknown');
    expect(sent(orderRoute)).toHaveLength(before + 1);
  });

  it('quotes and renews with /calculate/extend/order and /extend/order, moving the expiry', async () => {
    const id = sim.seeded.existing;
    const quote = await provider.orders!.quoteRenewal!(id, { period: '30' });
    expect(sent(route('/calculate/extend/order')).at(-1)!.body).toEqual({
      proxyType: 'IPv4',
      orderIds: [id],
      rentPeriodDays: 30,
    });
    expect(quote).toMatchObject({
      product: 'IPv4',
      quantity: 5,
      period: '30 days',
      price: { minor: priceCents('IPv4', 5, 30) },
    });
    const before = Date.parse((await provider.orders!.get(id)).expiresAt!);
    const renewed = await provider.orders!.renew!(id, { period: '30' });
    expect(sent(route('/extend/order')).at(-1)!.body).toEqual({
      proxyType: 'IPv4',
      orderIds: [id],
      rentPeriodDays: 30,
    });
    expect(Date.parse(renewed.order!.expiresAt!) - before).toBe(30 * dayMs);
    expect(renewed.balanceAfter).toEqual({ minor: 18_437 - quote.price.minor, currency: 'USD' });
    await expect(provider.orders!.renew!(id, { period: '45' })).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('switches auto-renewal with /extend/order/auto and reads it back', async () => {
    const id = sim.seeded.ipAuth;
    const on = await provider.orders!.setAutoRenew!(id, true, '30');
    expect(sent(route('/extend/order/auto')).at(-1)!.body).toEqual({
      proxyType: 'IPv4',
      orderIds: [id],
      rentPeriodDays: 30,
      autoExtend: true,
    });
    expect(on.autoRenewal).toBe(true);
    expect((await provider.orders!.setAutoRenew!(id, false)).autoRenewal).toBe(false);
  });

  it('pages the order list and filters by status', async () => {
    const page = await provider.orders!.list({ page: 2, perPage: 3 });
    expect(page.page).toBe(2);
    expect(page.orders).toHaveLength(3);
    expect(page.pages).toBe(Math.ceil(page.total / 3));
    const expired = await provider.orders!.list({ status: 'expired' });
    expect(expired.orders.map((o) => o.id)).toContain(sim.seeded.expired);
    expect(expired.orders.every((o) => o.status === 'expired')).toBe(true);
  });

  it('prices an extension for the balance add question, with the balance now and after', async () => {
    const cost = await provider.balance!.cost!(sim.seeded.existing, 30);
    expect(cost).toEqual({
      known: true,
      amount: { kind: 'money', minor: priceCents('IPv4', 5, 30), currency: 'USD' },
      balance: { kind: 'money', minor: 18_437, currency: 'USD' },
      balanceAfter: { kind: 'money', minor: 18_437 - priceCents('IPv4', 5, 30), currency: 'USD' },
      from: 'Balance',
    });
    expect(sim.state.balanceCents).toBe(18_437);
  });
});
