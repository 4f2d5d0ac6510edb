import { inspect } from 'node:util';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ProviderError } from '../../src/errors.js';
import { toMinorUnits } from '../../src/providers/money.js';
import type { Provider } from '../../src/providers/types.js';
import { youproxy } from '../../src/providers/youproxy/index.js';
import { startYouproxySimulator, type YouproxySimulator } from '../../src/sandbox/youproxy/index.js';
import { failure, providerFailure } from '../helpers/failures.js';
import { hangUntilDeadline } from '../helpers/hold.js';
import { testTimers } from '../helpers/timers.js';

const dayMs = 86_400_000;
const extendRoute = 'POST /client/api/v1/:key/extend/order';
const ipRoute = 'GET /client/api/v1/:key/ipAddress';
const balanceRoute = 'GET /client/api/v1/:key/balance';
// Waits between read attempts are recorded, not spent; a hung attempt ends when the test passes its deadline.
const timers = testTimers();

function providerFor(sim: YouproxySimulator, apiKey = sim.apiKey, logger?: pino.Logger): Provider {
  return youproxy.create({
    baseUrl: sim.baseUrl,
    apiKey,
    timeoutMs: 5_000,
    timers,
    logger,
  });
}

/** Calls the simulator directly, as a vendor client would. */
async function vendor(sim: YouproxySimulator, path: string, body?: unknown, key = sim.apiKey) {
  const response = await fetch(`${sim.baseUrl}/${encodeURIComponent(key)}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown> & { error: { code: number } | null },
  };
}

describe('youproxy provider', () => {
  let sim: YouproxySimulator;
  let provider: Provider;
  const count = (route: string) => sim.server.received.filter((r) => r.route === route).length;

  beforeAll(async () => {
    sim = await startYouproxySimulator();
    provider = providerFor(sim);
  });
  afterAll(() => sim.close());
  afterEach(() => {
    sim.server.clearFaults();
    sim.state.unavailable = false;
  });

  describe('the key in the path', () => {
    it('sends the key URL-encoded as the path segment right after the base', async () => {
      const odd = await startYouproxySimulator({ apiKey: 'yp/key+with space?&#' });
      try {
        await providerFor(odd).ping();
        const sent = odd.server.received.at(-1)!;
        expect(sent.route).toBe(balanceRoute);
        expect(sent.path).toBe(`/client/api/v1/${encodeURIComponent('yp/key+with space?&#')}/balance`);
        expect(sent.headers.accept).toContain('application/json');
        expect(sent.query).toEqual({});
      } finally {
        await odd.close();
      }
    });

    it('reports a wrong key (code 2, HTTP 200) as auth with the vendor message and without the key', async () => {
      const error = await providerFailure(providerFor(sim, 'wrong-secret-key').ping(), 'auth');
      expect(error.vendorMessage).toBe('Error api key');
      expect(inspect(error, { depth: 10 })).not.toContain('wrong-secret-key');
    });

    it('keeps the key out of errors and logs when the connection drops or times out', async () => {
      const lines: string[] = [];
      const logger = pino({ level: 'debug' }, { write: (line: string) => lines.push(line) });
      const logged = providerFor(sim, sim.apiKey, logger);
      sim.server.fault({ route: ipRoute, kind: 'drop' });
      const dropped = await providerFailure(logged.customers!.get(sim.seeded.existing), 'unavailable');
      sim.server.clearFaults();
      hangUntilDeadline(sim.server, extendRoute, timers);
      const hung = await providerFailure(logged.balance!.add(sim.seeded.existing, 30), 'outcome_unknown');
      for (const text of [inspect(dropped, { depth: 10 }), inspect(hung, { depth: 10 }), lines.join('\n')]) {
        expect(text).not.toContain(sim.apiKey);
        expect(text).not.toContain(encodeURIComponent(sim.apiKey));
      }
      expect(lines.join('\n')).toContain('/***/ipAddress');
    });

    it('redacts the key from a vendor message that echoes it', async () => {
      const text = JSON.stringify({ success: false, error: { code: 99, message: `bad request for ${sim.apiKey}` } });
      sim.server.fault({ route: balanceRoute, kind: 'malformed', text });
      const error = await providerFailure(provider.ping(), 'rejected');
      expect(error.vendorMessage).toBe('bad request for ***');
      expect(error.message).not.toContain(sim.apiKey);
    });
  });

  describe('HTTP-200 errors', () => {
    const answer = (code: number, message: string) =>
      JSON.stringify({ success: false, balance: null, currencyCode: null, error: { code, message } });

    const codes: Array<[number, string, ProviderError['kind']]> = [
      [2, 'Error api key', 'auth'],
      [16, 'Insufficient funds on balance', 'insufficient_funds'],
      [3, 'Service unavailable', 'unavailable'],
      ...[4, 6, 7, 8, 10, 11, 13, 14, 19, 23, 24, 25, 28].map((code): [number, string, ProviderError['kind']] => [
        code,
        `Vendor says ${code}`,
        'rejected',
      ]),
      [35, 'Unknown error', 'rejected'],
      [777, 'Something new', 'rejected'],
    ];
    it.each(codes)('maps error code %i ("%s") to %s and passes the vendor message on', async (code, message, kind) => {
      sim.server.fault({ route: balanceRoute, kind: 'malformed', text: answer(code, message), times: 3 });
      const error = await providerFailure(provider.resellerBalance!.get(), kind);
      expect(error.vendorMessage).toBe(message);
      expect(error.message).toContain(message);
    });

    it.each([
      ['no success flag', '{"balance": 12.5, "currencyCode": "USD"}'],
      ['success as a string', '{"success": "true", "balance": 12.5, "currencyCode": "USD"}'],
      ['success false without an error', '{"success": false, "error": null}'],
      ['success true without the documented fields', '{"success": true, "error": null}'],
      ['not JSON', '<html>maintenance</html>'],
    ])('turns a 200 with %s into bad_response', async (_, text) => {
      sim.server.fault({ route: balanceRoute, kind: 'malformed', text, times: 3 });
      await providerFailure(provider.resellerBalance!.get(), 'bad_response');
    });

    it('reports an unreadable answer to an extension as outcome_unknown, sent once', async () => {
      sim.server.fault({ route: extendRoute, kind: 'malformed', text: '<html>502</html>' });
      const before = count(extendRoute);
      await providerFailure(provider.balance!.add(sim.seeded.existing, 30), 'outcome_unknown');
      expect(count(extendRoute) - before).toBe(1);
    });

    it('retries a read on 503 and then reports unavailable', async () => {
      sim.server.fault({ route: ipRoute, kind: 'status', status: 503 });
      const before = count(ipRoute);
      await providerFailure(provider.customers!.get(sim.seeded.existing), 'unavailable');
      expect(count(ipRoute) - before).toBe(3);
    });

    it('reports the vendor saying it is unavailable (code 3) as unavailable', async () => {
      sim.state.unavailable = true;
      await providerFailure(provider.customers!.list(), 'unavailable');
    });
  });

  describe('reseller balance', () => {
    it('reads the USD float as cents with the currency the vendor names', async () => {
      sim.state.balanceCents = 18_437;
      expect(await provider.resellerBalance!.get()).toEqual([
        { label: 'Balance', kind: 'money', minor: 18_437, currency: 'USD' },
      ]);
    });

    it('rounds the documented 25.03 to 2503 cents, not 2502', async () => {
      const text = '{"success": true, "balance": 25.03, "currencyCode": "USD", "error": null}';
      sim.server.fault({ route: balanceRoute, kind: 'malformed', text });
      const [balance] = await provider.resellerBalance!.get();
      expect(balance).toEqual({ label: 'Balance', kind: 'money', minor: 2503, currency: 'USD' });
    });

    it('rounds on the decimal the vendor wrote, half away from zero', () => {
      expect(toMinorUnits(1.005, 2)).toBe(101);
      expect(toMinorUnits(0.1 + 0.2, 2)).toBe(30);
      expect(toMinorUnits(-4.575, 2)).toBe(-458);
      expect(toMinorUnits(1234, 0)).toBe(1234);
    });

    it('uses the currency minor unit, so a yen balance is not multiplied by 100', async () => {
      const text = '{"success": true, "balance": 1500, "currencyCode": "jpy", "error": null}';
      sim.server.fault({ route: balanceRoute, kind: 'malformed', text });
      expect(await provider.resellerBalance!.get()).toEqual([
        { label: 'Balance', kind: 'money', minor: 1500, currency: 'JPY' },
      ]);
    });
  });

  describe('orders as customers', () => {
    it('keeps 19-digit order ids exact, as strings', async () => {
      const all = await provider.customers!.listAll();
      const ids = [...sim.state.orders.keys()];
      expect(all.map((c) => c.username)).toEqual(ids);
      for (const id of ids) {
        expect(id).toMatch(/^\d{19}$/);
        expect(BigInt(id) > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
      }
    });

    it('builds a customer from its IPs: type, IP count, order number and the latest end date', async () => {
      const order = sim.state.orders.get(sim.seeded.ipAuth)!;
      const latest = Math.max(...order.ips.map((ip) => ip.dateEnd.getTime()));
      expect(new Set(order.ips.map((ip) => ip.dateEnd.getTime())).size).toBeGreaterThan(1);
      expect(await provider.customers!.get(sim.seeded.ipAuth)).toEqual({
        username: sim.seeded.ipAuth,
        status: 'active',
        expiresAt: new Date(latest).toISOString(),
        createdAt: order.ips[0]!.dateStart.toISOString(),
        extra: { proxyType: 'IPv4', ipCount: 3, orderNumber: order.orderNumber, autoRenewal: false },
      });
    });

    it('shows an order whose IPs have all ended as disabled, and one ending in 2 days as active', async () => {
      expect((await provider.customers!.get(sim.seeded.expired)).status).toBe('disabled');
      const soon = await provider.customers!.get(sim.seeded.expiringSoon);
      expect(soon.status).toBe('active');
      expect(Date.parse(soon.expiresAt!) - Date.now()).toBeLessThan(3 * dayMs);
      const disabled = await provider.customers!.list({ status: 'disabled' });
      expect(disabled.customers.map((c) => c.username)).toContain(sim.seeded.expired);
      expect(disabled.customers.every((c) => c.status === 'disabled')).toBe(true);
    });

    it('reads ids sent as bare JSON numbers past 2^53 without losing digits', async () => {
      const text =
        '{"success":true,"ipAddresses":[{"ipAddressId":9120000000000000999,"orderId":7340012345678909999,' +
        '"proxyType":"IPv4","ip":"185.193.1.2","port":8000,"dateEnd":"2030-01-01 12:00:00"}],"error":null}';
      sim.server.fault({ route: ipRoute, kind: 'malformed', text });
      const customer = await provider.customers!.get('7340012345678909999');
      expect(customer.username).toBe('7340012345678909999');
      expect(customer.expiresAt).toBe('2030-01-01T12:00:00.000Z');
    });

    it('answers a name that cannot be an order id with not_found, without a request', async () => {
      const before = sim.server.received.length;
      const error = await providerFailure(provider.customers!.get('alice'), 'not_found');
      expect(error.hint).toContain('digits only');
      expect(sim.server.received.length).toBe(before);
      expect(provider.usernameRule?.pattern.test('7340012345678901234')).toBe(true);
      expect(provider.usernameRule?.pattern.test('alice')).toBe(false);
    });

    it('reports an order id that is not on the account as not_found', async () => {
      await providerFailure(provider.customers!.get('1234567890123456789'), 'not_found');
    });

    it('pages the orders itself, 25 to a page, and checks the page before any request', async () => {
      const big = await startYouproxySimulator({ extraCustomers: 60 });
      try {
        const p = providerFor(big);
        const first = await p.customers!.list({ page: 1 });
        expect(first).toMatchObject({ page: 1, pages: 3, total: 70 });
        expect(first.customers).toHaveLength(25);
        expect((await p.customers!.list({ page: 3 })).customers).toHaveLength(20);
        expect(await p.customers!.listAll()).toHaveLength(70);
        const before = big.server.received.length;
        expect((await failure(p.customers!.list({ page: 0 }))).code).toBe('invalid_input');
        expect(big.server.received.length).toBe(before);
      } finally {
        await big.close();
      }
    });
  });

  describe('orders and proxies', () => {
    it('lists orders with their type, status, quantity and expiry', async () => {
      const { orders, page, pages, total } = await provider.orders!.list();
      expect({ page, pages, total }).toEqual({ page: 1, pages: 1, total: 10 });
      expect(orders).toHaveLength(10);
      expect(orders.find((o) => o.id === sim.seeded.expired)).toMatchObject({ product: 'IPv4', status: 'expired' });
      expect(await provider.orders!.get(sim.seeded.ipv6)).toMatchObject({ product: 'IPv6', quantity: 10 });
      const active = await provider.orders!.list({ status: 'active' });
      expect(active.total).toBe(8);
      expect(active.orders.every((o) => o.status === 'active')).toBe(true);
    });

    it('gives LOGIN orders their login and password per IP, over HTTP', async () => {
      const order = sim.state.orders.get(sim.seeded.existing)!;
      expect(await provider.orders!.proxies!(sim.seeded.existing)).toEqual(
        order.ips.map((ip) => ({
          host: ip.ip,
          port: ip.port,
          protocol: 'http',
          username: ip.login,
          password: ip.password,
          label: order.orderNumber,
        })),
      );
    });

    it('gives a SOCKS IPv6 order socks5 endpoints', async () => {
      const proxies = await provider.proxyConfig!.proxies(sim.seeded.ipv6);
      expect(proxies).toHaveLength(10);
      expect(proxies.every((p) => p.protocol === 'socks5' && p.username && p.password)).toBe(true);
    });

    it('gives an IP-authorised order endpoints without credentials', async () => {
      const proxies = await provider.proxyConfig!.proxies(sim.seeded.ipAuth);
      expect(proxies).toHaveLength(3);
      for (const p of proxies) {
        expect(p.username).toBeUndefined();
        expect(p.password).toBeUndefined();
      }
    });

    it('refuses to build a proxy from an IP listed without a port', async () => {
      const text =
        '{"success":true,"ipAddresses":[{"ipAddressId":"1","orderId":"42","proxyType":"ISP","ip":"104.244.1.2",' +
        '"dateEnd":"2030-01-01T00:00:00Z"}],"error":null}';
      sim.server.fault({ route: ipRoute, kind: 'malformed', text });
      const error = await providerFailure(provider.orders!.proxies!('42'), 'bad_response');
      expect(error.message).toContain('without a port');
    });
  });

  describe('balance add (extend the order)', () => {
    it('offers days, add only', () => {
      expect(provider.balance).toMatchObject({ unit: 'days', displayUnit: 'days' });
      expect(provider.balance!.remove).toBeUndefined();
    });

    it('extends by POST /extend/order with the id as a string, charges the balance and moves the expiry', async () => {
      sim.state.balanceCents = 10_000;
      const before = await provider.customers!.get(sim.seeded.existing);
      const after = await provider.balance!.add(sim.seeded.existing, 30);
      expect(Date.parse(after.expiresAt!) - Date.parse(before.expiresAt!)).toBe(30 * dayMs);
      const sent = sim.server.received.filter((r) => r.route === extendRoute).at(-1)!;
      expect(sent.body).toEqual({ proxyType: 'IPv4', orderIds: [sim.seeded.existing], rentPeriodDays: 30 });
      expect(sim.state.balanceCents).toBe(10_000 - 5 * 180);
    });

    it('refuses a period the vendor does not offer for the type, listing the allowed ones, before extending', async () => {
      const before = count(extendRoute);
      const ipv4 = await failure(provider.balance!.add(sim.seeded.existing, 45));
      expect(ipv4.code).toBe('invalid_input');
      expect(ipv4.message).toContain('30, 60, 90, 180 or 360');
      const ipv6 = await failure(provider.balance!.add(sim.seeded.ipv6, 30));
      expect(ipv6.message).toContain('90, 180 or 360');
      expect(count(extendRoute)).toBe(before);
      expect(sim.server.received.at(-1)!.query).toEqual({ proxyType: 'IPv6' });
    });

    it.each([0, -30, 1.5, Number.NaN])('refuses %s days without any request', async (amount) => {
      const before = sim.server.received.length;
      expect((await failure(provider.balance!.add(sim.seeded.existing, amount))).code).toBe('invalid_input');
      expect(sim.server.received.length).toBe(before);
    });

    it('refuses a name that is not an order id without any request', async () => {
      const before = sim.server.received.length;
      expect((await failure(provider.balance!.add('alice', 30))).code).toBe('invalid_input');
      expect(sim.server.received.length).toBe(before);
    });

    it('reports a short reseller balance (code 16) as insufficient_funds and changes nothing', async () => {
      sim.state.balanceCents = 100;
      const before = await provider.customers!.get(sim.seeded.existing);
      await providerFailure(provider.balance!.add(sim.seeded.existing, 30), 'insufficient_funds');
      expect((await provider.customers!.get(sim.seeded.existing)).expiresAt).toBe(before.expiresAt);
      expect(sim.state.balanceCents).toBe(100);
      sim.state.balanceCents = 18_437;
    });

    it('does not extend an order that is not on the account', async () => {
      const before = count(extendRoute);
      await providerFailure(provider.balance!.add('1234567890123456789', 30), 'not_found');
      expect(count(extendRoute)).toBe(before);
    });

    it('answers with the pre-extension customer and a note when the re-read fails, never an error', async () => {
      sim.state.balanceCents = 10_000;
      let extended = false;
      // Reads after the extension fail as if the network went away; the extension itself went through.
      const flaky: typeof fetch = async (input, init) => {
        const url = String(input instanceof Request ? input.url : input);
        if (extended && url.includes('/ipAddress')) throw new TypeError('fetch failed');
        if (url.endsWith('/extend/order')) extended = true;
        return fetch(input, init);
      };
      const p = youproxy.create({
        baseUrl: sim.baseUrl,
        apiKey: sim.apiKey,
        timeoutMs: 5_000,
        timers,
        fetch: flaky,
      });
      const before = await provider.customers!.get(sim.seeded.mobile);
      const result = await p.balance!.add(sim.seeded.mobile, 30);
      expect(result.expiresAt).toBe(before.expiresAt);
      expect(result.note).toContain('Extended by 30 days');
      const now = await provider.customers!.get(sim.seeded.mobile);
      expect(Date.parse(now.expiresAt!) - Date.parse(before.expiresAt!)).toBe(30 * dayMs);
    });
  });

  describe('module', () => {
    it('is disabled without a key and defaults the base URL to the vendor', () => {
      expect(youproxy.settingsFromEnv({})).toBeUndefined();
      expect(youproxy.settingsFromEnv({ YOUPROXY_API_KEY: '' })).toBeUndefined();
      expect(youproxy.settingsFromEnv({ YOUPROXY_API_KEY: 'k', YOUPROXY_BASE_URL: '' })).toEqual({
        apiKey: 'k',
        baseUrl: youproxy.vendorBaseUrl,
      });
      expect(youproxy.vendorBaseUrl).toBe('https://youproxy.io/client/api/v1');
    });

    it('names its variables, marks the key secret and refuses a base URL that is not http(s)', () => {
      expect(youproxy.env.map((v) => [v.name, Boolean(v.secret)])).toEqual([
        ['YOUPROXY_API_KEY', true],
        ['YOUPROXY_BASE_URL', false],
      ]);
      expect(youproxy.envSchema.safeParse({ YOUPROXY_BASE_URL: 'youproxy.io' }).success).toBe(false);
      expect(youproxy.envSchema.safeParse({ YOUPROXY_BASE_URL: 'http://127.0.0.1:1/x' }).success).toBe(true);
    });
  });

  describe('the simulator', () => {
    const ipv4Order = {
      proxyType: 'IPv4',
      authType: 'LOGIN',
      goal: 'Price scraping',
      country: 'USA',
      quantity: 2,
      rentPeriodDays: 30,
    };

    it('answers a wrong key with HTTP 200, code 2 and null money fields', async () => {
      const answer = await vendor(sim, '/balance', undefined, 'nope');
      expect(answer).toEqual({
        status: 200,
        body: { success: false, balance: null, currencyCode: null, error: { code: 2, message: 'Error api key' } },
      });
    });

    it('creates an order: charges the balance, answers an order number and lists its IPs with 19-digit ids', async () => {
      sim.state.balanceCents = 10_000;
      const before = sim.state.orders.size;
      const answer = await vendor(sim, '/order', { ...ipv4Order, promoCode: 'WELCOME10' });
      expect(answer.body).toMatchObject({ success: true, proxyType: 'IPv4', currency: 'USD', error: null });
      expect(answer.body.orderNumber).toMatch(/^NUMBER-\d+$/);
      expect(answer.body.promoCodeStatus).toBe('VALID');
      expect(answer.body.balance).toBe((10_000 - Math.round(2 * 180 * 0.9)) / 100);
      expect(sim.state.orders.size).toBe(before + 1);
      const created = [...sim.state.orders.values()].at(-1)!;
      const list = await vendor(sim, '/ipAddress?proxyType=IPv4');
      const mine = (list.body.ipAddresses as Array<Record<string, unknown>>).filter(
        (ip) => ip.orderId === created.orderId,
      );
      expect(mine).toHaveLength(2);
      for (const ip of mine) expect(ip.ipAddressId).toMatch(/^\d{19}$/);
      const customer = await provider.customers!.get(created.orderId);
      expect(customer.extra).toMatchObject({ proxyType: 'IPv4', ipCount: 2, orderNumber: answer.body.orderNumber });
    });

    it('does not fail an order over an unknown promo code: it says NO_VALID', async () => {
      sim.state.balanceCents = 10_000;
      const answer = await vendor(sim, '/order', { ...ipv4Order, promoCode: 'NOPE' });
      expect(answer.body).toMatchObject({ success: true, promoCodeStatus: 'NO_VALID' });
    });

    it.each([
      [4, 'an unknown proxy type', { proxyType: 'IPv5' }],
      [14, 'a missing goal', { goal: '' }],
      [6, 'a country code that is not alpha-3', { country: 'US' }],
      [7, 'a country not sold for the type', { country: 'JPN' }],
      [10, 'an unknown auth type', { authType: 'TOKEN' }],
      [23, 'IP auth without an auth IP', { authType: 'IP' }],
      [19, 'a zero quantity', { quantity: 0 }],
      [11, 'a rent period not offered', { rentPeriodDays: 45 }],
      [13, 'IPv6 without a protocol', { proxyType: 'IPv6', rentPeriodDays: 90 }],
      [8, 'MOBILE with an unknown operator', { proxyType: 'MOBILE', mobileOperator: 'acme', rotationTime: 300 }],
    ])('refuses with code %i an order with %s', async (code, _, change) => {
      const before = sim.state.balanceCents;
      const answer = await vendor(sim, '/order', { ...ipv4Order, ...change });
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ success: false, proxyType: null, orderNumber: null, promoCodeStatus: null });
      expect(answer.body.error?.code).toBe(code);
      expect(sim.state.balanceCents).toBe(before);
    });

    it('refuses an order the balance cannot pay with code 16 and the current balance', async () => {
      sim.state.balanceCents = 50;
      const answer = await vendor(sim, '/order', ipv4Order);
      expect(answer.body).toMatchObject({
        success: false,
        balance: 0.5,
        currency: 'USD',
        error: { code: 16, message: 'Insufficient funds on balance' },
      });
      sim.state.balanceCents = 18_437;
    });

    it('prices an order without buying it, warning with code 16 when the balance is short', async () => {
      sim.state.balanceCents = 100;
      const answer = await vendor(sim, '/calculate/order', ipv4Order);
      expect(answer.body).toMatchObject({ success: true, price: 3.6, balance: 1, currency: 'USD' });
      expect(answer.body.warnings).toEqual([{ code: 16, message: 'Insufficient funds on balance' }]);
      expect(sim.state.balanceCents).toBe(100);
      sim.state.balanceCents = 18_437;
    });

    it('creates a MOBILE order with its operator and rotation time', async () => {
      sim.state.balanceCents = 10_000;
      const mobile = { ...ipv4Order, proxyType: 'MOBILE', mobileOperator: 'verizon', rotationTime: 300, quantity: 1 };
      expect((await vendor(sim, '/order', mobile)).body).toMatchObject({ success: true, proxyType: 'MOBILE' });
    });

    it('lists the documented rent periods and answers an unknown type with code 4 and an empty list', async () => {
      expect((await vendor(sim, '/rentPeriod?proxyType=IPv6')).body).toEqual({
        success: true,
        rentPeriodDays: [90, 180, 360],
        error: null,
      });
      expect((await vendor(sim, '/rentPeriod?proxyType=SOCKS')).body).toEqual({
        success: false,
        rentPeriodDays: [],
        error: { code: 4, message: 'Incorrect proxy type' },
      });
    });

    it('refuses to extend part of an IPv6 order (code 28)', async () => {
      const order = sim.state.orders.get(sim.seeded.ipv6)!;
      const answer = await vendor(sim, '/extend', {
        proxyType: 'IPv6',
        ipAddressIds: [order.ips[0]!.ipAddressId],
        rentPeriodDays: 90,
      });
      expect(answer.body).toMatchObject({ success: false, rentPeriodDays: 0, quantity: 0, ipAddressIds: [] });
      expect(answer.body.error?.code).toBe(28);
    });

    it('refuses an order id sent as a JSON number, which has lost its last digits (code 25)', async () => {
      const answer = await vendor(sim, '/extend/order', {
        proxyType: 'IPv4',
        orderIds: [Number(sim.seeded.existing)],
        rentPeriodDays: 30,
      });
      expect(answer.body.error?.code).toBe(25);
    });

    it('switches auto-extension on for an order', async () => {
      const answer = await vendor(sim, '/extend/order/auto', {
        proxyType: 'IPv4',
        orderIds: [sim.seeded.existing],
        rentPeriodDays: 30,
        autoExtend: true,
      });
      expect(answer.body).toMatchObject({ success: true, quantity: 5 });
      expect(sim.state.orders.get(sim.seeded.existing)!.ips.every((ip) => ip.autoExtend)).toBe(true);
    });

    it('seeds the same ids on every start', async () => {
      const again = await startYouproxySimulator();
      try {
        expect([...again.state.orders.keys()]).toEqual([...sim.state.orders.keys()].slice(0, 10));
      } finally {
        await again.close();
      }
    });
  });
});
