import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { holdNext } from '../helpers/hold.js';

const quoteRoutes = {
  youproxy: 'POST /client/api/v1/:key/calculate/order',
  proxyshard: 'GET /user/api/orders/calculate',
  proxylite: 'POST /end-point/order/check',
} as const;
const purchaseRoutes = [
  'POST /client/api/v1/:key/order',
  'POST /user/api/orders/purchase',
  'POST /end-point/order/create',
] as const;

interface Offer {
  provider: string;
  product: string;
  price: { amount: number; currency: string };
  normalized: { amount: number; currency: string; per: string };
  auth: string[];
  rotations: number[];
}
interface Failure {
  provider: string;
  product?: string;
  code: string;
  message: string;
}

describe('/order compare', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const purchases = () =>
    purchaseRoutes.reduce(
      (n, route) =>
        n +
        t.count(route.includes('/client/') ? 'youproxy' : route.includes('/user/') ? 'proxyshard' : 'proxylite', route),
      0,
    );

  it("lists the vendors' own quotes cheapest first per IP per 30 days, with what differs, and buys nothing", async () => {
    const quotesBefore = t.count('youproxy', quoteRoutes.youproxy);
    const out = await t.run('order compare datacenter country:US quantity:3');
    expect(out.error).toBeNull();
    const offers = out.data.offers as Offer[];
    const perIp = offers.filter((o) => o.normalized.per === 'IP per 30 days');
    expect(new Set(perIp.map((o) => o.provider))).toEqual(new Set(['youproxy', 'proxyshard', 'proxylite']));
    const amounts = perIp.map((o) => o.normalized.amount);
    expect(amounts).toEqual([...amounts].sort((a, b) => a - b));
    for (const o of perIp) expect(o.normalized.amount).toBeCloseTo(o.price.amount / 3, 5);
    expect(offers.indexOf(perIp[0]!)).toBe(0);
    expect(offers.find((o) => o.provider === 'youproxy')?.auth).toEqual(['login', 'ip']);
    expect(t.count('youproxy', quoteRoutes.youproxy)).toBe(quotesBefore + 1);
    expect(purchases()).toBe(0);
    expect(out.text).toContain("Prices are the vendors' own quotes; nothing was bought.");
    // Vendors that sell no orders are listed with their reason, not left out silently.
    expect((out.data.errors as Failure[]).map((f) => [f.provider, f.code])).toEqual(
      expect.arrayContaining([
        ['infiniteproxies', 'unsupported'],
        ['vpnresellers', 'unsupported'],
      ]),
    );
  });

  it('lists a vendor whose quote fails with its reason, beside the vendors that answered', async () => {
    t.sim('youproxy').fault({ route: quoteRoutes.youproxy, kind: 'status', status: 503 });
    const out = await t.run('order compare isp');
    t.sim('youproxy').clearFaults();
    expect(out.ok).toBe(true);
    expect((out.data.offers as Offer[]).map((o) => o.provider)).not.toContain('youproxy');
    expect((out.data.offers as Offer[]).map((o) => o.provider)).toContain('proxyshard');
    const failed = (out.data.errors as Failure[]).find((f) => f.provider === 'youproxy');
    expect(failed).toMatchObject({ code: 'upstream_unavailable' });
    expect(out.text).toMatch(/Not compared — youproxy \(ISP\): /);
  });

  it('says which vendor does not sell the kind, and where a vendor does not sell the country', async () => {
    const mobile = await t.run('order compare mobile');
    expect((mobile.data.offers as Offer[]).map((o) => o.provider)).toEqual(['youproxy']);
    expect((mobile.data.offers as Offer[])[0]?.rotations.length).toBeGreaterThan(0);
    expect(mobile.data.errors as Failure[]).toContainEqual({
      provider: 'proxyshard',
      code: 'unsupported',
      message: 'ProxyShard sells no mobile proxies.',
    });
    const nowhere = await t.run('order compare isp country:Antarctica');
    expect(nowhere.ok).toBe(false);
    expect(nowhere.error?.code).toBe('not_found');
    expect(nowhere.text).toMatch(/is not sold in Antarctica \(it is in /);
  });

  it('asks every vendor at once: a slow vendor does not hold back the others', async () => {
    const release = holdNext(t.sim('proxyshard'), quoteRoutes.proxyshard);
    const before = t.count('youproxy', quoteRoutes.youproxy);
    const pending = t.run('order compare datacenter');
    await vi.waitFor(() => expect(t.count('youproxy', quoteRoutes.youproxy)).toBe(before + 1));
    release();
    const out = await pending;
    expect((out.data.offers as Offer[]).map((o) => o.provider)).toContain('proxyshard');
  });

  it('refuses a kind it does not know, with the usage line, before any request', async () => {
    const before = t.count('youproxy', quoteRoutes.youproxy);
    const out = await t.run('order compare socks5');
    expect(out.error?.code).toBe('invalid_input');
    expect(out.text).toContain('kind: must be one of datacenter, ipv4, isp, mobile, residential');
    expect(out.error?.usage).toBe('/order compare <kind> [country:] [quantity:] [days:]');
    expect(t.count('youproxy', quoteRoutes.youproxy)).toBe(before);
  });
});
