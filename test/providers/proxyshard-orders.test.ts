import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { proxyshard } from '../../src/providers/proxyshard/index.js';
import type { OrderInput, Provider } from '../../src/providers/types.js';
import { type ProxyShardSimulator, startProxyShardSimulator } from '../../src/sandbox/proxyshard/index.js';
import { failure, providerFailure } from '../helpers/failures.js';

const GB = 1_000_000_000;
const dayMs = 86_400_000;
const fixedNow = () => new Date('2026-11-23T12:00:00Z');
const wallet = 184_250;
const calculateRoute = 'GET /user/api/orders/calculate';
const purchaseRoute = 'POST /user/api/orders/purchase';
const dc: OrderInput = { product: 'dc', country: 'DE', period: 'monthly', quantity: 10 };

describe('proxyshard orders', () => {
  let sim: ProxyShardSimulator;
  let provider: Provider;
  const sent = (route: string) => sim.server.received.filter((r) => r.route === route);

  // Nothing here hangs: a long timeout keeps a loaded machine from retrying the reads the tests count.
  beforeAll(async () => {
    sim = await startProxyShardSimulator({ now: fixedNow });
    provider = proxyshard.create({
      baseUrl: sim.baseUrl,
      apiKey: sim.apiKey,
      timeoutMs: 10_000,
      retry: { baseDelayMs: 5 },
    });
  });
  afterAll(() => sim.close());
  afterEach(() => {
    sim.server.clearFaults();
    sim.state.walletCents = wallet;
  });

  it('reads the catalog from products and available-count: exact names, aliases, cycles, stock per location', async () => {
    const catalog = await provider.orders!.catalog();
    expect(sent('GET /user/api/proxies/products')).toHaveLength(1);
    expect(sent('GET /user/api/proxies/available-count')).toHaveLength(1);
    expect(catalog.products.map((p) => p.id)).toEqual([
      'Datacenter Proxy',
      'ISP Proxy',
      'Standart Residential Proxy',
      'Premium Residential Proxy',
      'Unmetered Residential proxy',
    ]);
    const dcProduct = catalog.products[0]!;
    expect(dcProduct).toMatchObject({ aliases: ['datacenter', 'dc'], kind: 'datacenter', locationRequired: true });
    expect(dcProduct.periods.map((p) => p.id)).toEqual(['weekly', 'monthly', 'quarterly']);
    expect(dcProduct.locations).toContainEqual({ id: 'GB', available: 0 });
    expect(dcProduct.locations).toContainEqual({ id: 'US', available: 200 });
    const standart = catalog.products[2]!;
    expect(standart).toMatchObject({ quantity: { min: 1, unit: 'GB' }, periods: [], locations: [], renewable: false });
    expect(catalog.options).toEqual(['country', 'period', 'promo', 'autoRenew']);
  });

  it('quotes with /orders/calculate (the exact query) and the wallet from /me, in cents', async () => {
    const quote = await provider.orders!.quote(dc);
    expect(sent(calculateRoute).at(-1)!.query).toEqual({
      product: 'Datacenter Proxy',
      location: 'DE',
      cycle: 'monthly',
      quantity: '10',
    });
    expect(quote).toMatchObject({
      product: 'Datacenter Proxy',
      quantity: 10,
      period: 'monthly',
      location: 'DE',
      price: { minor: 2500, currency: 'USD' },
      listPrice: { minor: 2500, currency: 'USD' },
      balance: { minor: wallet, currency: 'USD' },
      balanceAfter: { minor: wallet - 2500, currency: 'USD' },
      promo: 'none',
    });
    await provider.orders!.quote({ product: 'standart', quantity: 20 });
    expect(sent(calculateRoute).at(-1)!.query).toEqual({ product: 'Standart Residential Proxy', quantity: '20' });
  });

  it('says which promo codes ProxyShard takes: valid, not for this product, expired, unknown', async () => {
    expect(await provider.orders!.quote({ ...dc, promo: 'SAVE10' })).toMatchObject({
      promo: 'valid',
      discountPercent: 10,
      price: { minor: 2250 },
    });
    for (const code of ['DC20', 'SPRING5', 'NOPE']) {
      const before = sent(calculateRoute).length;
      const quote = await provider.orders!.quote({ product: 'isp', country: 'US', period: 'monthly', promo: code });
      expect(
        sent(calculateRoute)
          .slice(before)
          .map((r) => r.query.promo_code),
      ).toEqual([code, undefined]);
      expect(quote).toMatchObject({ promo: 'invalid', price: { minor: 490 } });
      expect(quote.warnings.join(' ')).toContain(`refuses promo code ${code}`);
    }
  });

  it('buys once with the documented body, reads the order back and charges the wallet', async () => {
    const before = sent(purchaseRoute).length;
    const bought = await provider.orders!.buy!({ ...dc, autoRenew: true });
    expect(sent(purchaseRoute)).toHaveLength(before + 1);
    expect(sent(purchaseRoute).at(-1)!.body).toEqual({
      product: 'Datacenter Proxy',
      location: 'DE',
      cycle: 'monthly',
      quantity: 10,
      auto_renewal: true,
    });
    expect(bought.id).toMatch(/^\d+$/);
    expect(bought).toMatchObject({
      charged: { minor: 2500, currency: 'USD' },
      balanceAfter: { minor: wallet - 2500, currency: 'USD' },
      order: { id: bought.id, status: 'active', quantity: 10, autoRenewal: true, period: 'monthly' },
    });
    expect(sim.state.walletCents).toBe(wallet - 2500);
    expect(sim.state.stock.get('Datacenter Proxy:DE')).toBe(110);
    expect(await provider.orders!.proxies!(bought.id)).toHaveLength(20);
  });

  it('sends the unmetered and residential variants without the fields they do not take', async () => {
    await provider.orders!.buy!({ product: 'unmetered', period: 'daily' });
    expect(sent(purchaseRoute).at(-1)!.body).toEqual({ product: 'Unmetered Residential proxy', cycle: 'daily' });
    const pool = sim.state.poolBytes.premium;
    await provider.orders!.buy!({ product: 'Premium Residential Proxy', quantity: 2, promo: 'SAVE10' });
    expect(sent(purchaseRoute).at(-1)!.body).toEqual({
      product: 'Premium Residential Proxy',
      quantity: 2,
      promo_code: 'SAVE10',
    });
    expect(sim.state.poolBytes.premium).toBe(pool + 2 * GB);
  });

  it('refuses a purchase the wallet cannot pay as insufficient_funds, with nothing bought', async () => {
    sim.state.walletCents = 100;
    expect((await provider.orders!.quote(dc)).balanceAfter!.minor).toBe(100 - 2500);
    const orders = sim.state.orders.length;
    const error = await providerFailure(provider.orders!.buy!(dc), 'insufficient_funds');
    expect(error.vendorMessage).toBe('Insufficient balance');
    expect(sim.state.orders.length).toBe(orders);
    expect(sim.state.walletCents).toBe(100);
  });

  it('refuses more than the stock the catalog shows, and passes on the vendor’s own "Insufficient stock"', async () => {
    const before = sent(purchaseRoute).length;
    const error = await failure(
      provider.orders!.buy!({ product: 'isp', country: 'GB', period: 'monthly', quantity: 9 }),
    );
    expect(error.code).toBe('invalid_input');
    expect(error.message).toContain('8 ISP Proxy IPs left in GB');
    expect(sent(purchaseRoute)).toHaveLength(before);
    sim.state.stock.set('ISP Proxy:DE', 1);
    const vendor = await providerFailure(
      provider.orders!.buy!({ product: 'isp', country: 'DE', period: 'monthly', quantity: 5 }),
      'rejected',
    );
    expect(vendor.vendorMessage).toBe('Insufficient stock');
    expect(sim.state.walletCents).toBe(wallet);
  });

  it.each([
    ['quantity 0', { quantity: 0 }, /whole number from 1/],
    ['an option ProxyShard does not take', { operator: 'verizon' }, /no operator option/],
    ['a promo code with spaces', { promo: 'SAVE 10' }, /not a promo code/],
  ])('refuses %s before any request', async (_, change, message) => {
    const before = sim.server.received.length;
    const error = await failure(provider.orders!.buy!({ ...dc, ...change }));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toMatch(message);
    expect(sim.server.received.length).toBe(before);
  });

  it.each([
    [
      'product',
      { product: 'Mobile Proxy' },
      /no product "Mobile Proxy"/,
      /Datacenter Proxy, ISP Proxy, Standart Residential Proxy/,
    ],
    ['location', { country: 'JP' }, /no location "JP"/, /DE, NL, US, FR, GB/],
    ['cycle', { period: 'yearly' }, /no cycle "yearly"/, /weekly, monthly, quarterly/],
    ['location on residential', { product: 'standart' }, /takes no location/, undefined],
    ['quantity on unmetered', { product: 'unmetered', country: undefined, quantity: 2 }, /from 1 to 1; 2/, undefined],
  ])('refuses an unknown or misplaced %s from the catalog, with no price or purchase asked', async (_, change, message, hint) => {
    const before = sent(calculateRoute).length + sent(purchaseRoute).length;
    const error = await failure(provider.orders!.quote({ ...dc, ...change }));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toMatch(message);
    if (hint) expect(error.hint).toMatch(hint);
    expect(sent(calculateRoute).length + sent(purchaseRoute).length).toBe(before);
  });

  it('reports a purchase dropped after it was applied as outcome_unknown, and findPlaced finds it', async () => {
    const input: OrderInput = { product: 'isp', country: 'US', period: 'quarterly', quantity: 4 };
    sim.server.fault({ route: purchaseRoute, kind: 'drop_after_apply', times: 1 });
    await providerFailure(provider.orders!.buy!(input), 'outcome_unknown');
    const placed = await provider.orders!.findPlaced(input, fixedNow());
    expect(placed).toHaveLength(1);
    expect(placed[0]).toMatchObject({ product: 'ISP Proxy', period: 'quarterly', quantity: 4, status: 'active' });
    expect(await provider.orders!.findPlaced({ ...input, quantity: 5 }, fixedNow())).toEqual([]);
    expect(await provider.orders!.findPlaced(input, new Date(fixedNow().getTime() + 3_600_000))).toEqual([]);
  });

  it('reports an unreadable purchase answer as outcome_unknown, sent once', async () => {
    sim.server.fault({ route: purchaseRoute, kind: 'malformed', text: '{"success": true, "order', times: 1 });
    const before = sent(purchaseRoute).length;
    await providerFailure(provider.orders!.buy!(dc), 'outcome_unknown');
    expect(sent(purchaseRoute)).toHaveLength(before + 1);
  });

  it('renews on-hold orders only, for their own cycle, moving the expiry', async () => {
    const renewRoute = 'POST /user/api/orders/:id/renew';
    await providerFailure(provider.orders!.quoteRenewal!('48213'), 'conflict');
    expect(sent(renewRoute)).toHaveLength(0);
    const quote = await provider.orders!.quoteRenewal!('46002');
    expect(sent(calculateRoute).at(-1)!.query).toEqual({
      product: 'Datacenter Proxy',
      cycle: 'monthly',
      quantity: '10',
    });
    expect(quote).toMatchObject({ price: { minor: 2500 }, period: 'monthly', quantity: 10 });
    expect(quote.warnings[0]).toContain('no renewal quote');
    await failure(provider.orders!.renew!('46002', { period: 'weekly' }));
    const renewed = await provider.orders!.renew!('46002');
    expect(sent(renewRoute).map((r) => [r.path, r.body])).toEqual([['/user/api/orders/46002/renew', {}]]);
    expect(renewed.order).toMatchObject({
      status: 'active',
      expiresAt: new Date(fixedNow().getTime() + 30 * dayMs).toISOString(),
    });
    expect(sim.state.walletCents).toBe(wallet - 2500);
  });

  it('switches auto-renewal for datacenter and ISP orders with the query flag', async () => {
    const route = 'POST /user/api/orders/edit-auto-renewal/:order_id';
    expect((await provider.orders!.setAutoRenew!('48213', true)).autoRenewal).toBe(true);
    expect(sent(route).at(-1)).toMatchObject({ query: { auto_renewal: 'true' }, body: {} });
    expect((await provider.orders!.setAutoRenew!('48213', false)).autoRenewal).toBe(false);
    const count = sent(route).length;
    await providerFailure(provider.orders!.setAutoRenew!('47760', true), 'unsupported');
    expect(sent(route)).toHaveLength(count);
  });

  it('prices and adds residential bandwidth in whole GB', async () => {
    const quote = await provider.orders!.quoteBandwidth!('47760', 5);
    expect(sent(calculateRoute).at(-1)!.query).toEqual({ product: 'Standart Residential Proxy', quantity: '5' });
    expect(quote.price).toEqual({ minor: 1500, currency: 'USD' });
    const pool = sim.state.poolBytes.standart;
    const added = await provider.orders!.addBandwidth!('47760', 5);
    expect(sent('POST /user/api/orders/:id/add-bandwidth').at(-1)!.body).toEqual({ amount: 5 });
    expect(sim.state.poolBytes.standart).toBe(pool + 5 * GB);
    expect(added.order!.quantity).toBe(505);
    await providerFailure(provider.orders!.addBandwidth!('48213', 5), 'unsupported');
    await failure(provider.orders!.addBandwidth!('47760', 0));
  });

  it('changes the billing cycle of an ISP order, refusing a cycle the product lacks', async () => {
    const changed = await provider.orders!.changeCycle!('48190', 'quarterly');
    expect(sent('POST /user/api/orders/change-billing-cycle/:order_id').at(-1)!.body).toEqual({ cycle: 'quarterly' });
    expect(changed.order!.period).toBe('quarterly');
    expect(changed.warnings[0]).toContain('40.50 USD');
    const error = await failure(provider.orders!.changeCycle!('48190', 'weekly'));
    expect(error.hint).toContain('monthly, quarterly');
  });

  it('lists stopped orders (on-hold and cancelled) under expired, a page at a time', async () => {
    const expired = await provider.orders!.list({ status: 'expired' });
    expect(expired.orders.map((o) => [o.id, o.status])).toEqual([['45110', 'cancelled']]);
    const page = await provider.orders!.list({ perPage: 2, page: 1 });
    expect(page.orders).toHaveLength(2);
    expect(page.pages).toBe(Math.ceil(page.total / 2));
  });
});
