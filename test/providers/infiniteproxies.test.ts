import { inspect } from 'node:util';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { InfiniteProxiesSettings } from '../../src/providers/infiniteproxies/client.js';
import { infiniteproxies } from '../../src/providers/infiniteproxies/index.js';
import type { Provider } from '../../src/providers/types.js';
import {
  type InfiniteProxiesSimulator,
  type InfiniteProxiesSimulatorOptions,
  startInfiniteProxiesSimulator,
} from '../../src/sandbox/infiniteproxies/index.js';
import { failure, providerFailure } from '../helpers/failures.js';
import { testTimers } from '../helpers/timers.js';

const MB = 1_000_000;
const fixedNow = () => new Date('2026-11-20T12:00:00Z');

function providerFor(sim: InfiniteProxiesSimulator, overrides: Partial<InfiniteProxiesSettings> = {}): Provider {
  return infiniteproxies.create({
    baseUrl: sim.baseUrl,
    apiKey: sim.apiKey,
    timeoutMs: 5_000,
    timers: testTimers(),
    ...overrides,
  });
}

describe('the InfiniteProxies provider against its simulator', () => {
  let sim: InfiniteProxiesSimulator;
  let provider: Provider;
  let mark = 0;
  const sent = () => sim.server.received.slice(mark);

  beforeAll(async () => {
    sim = await startInfiniteProxiesSimulator({ now: fixedNow });
    provider = providerFor(sim);
  });
  afterAll(() => sim.close());
  beforeEach(() => {
    mark = sim.server.received.length;
  });
  afterEach(() => {
    sim.server.clearFaults();
    sim.state.transactionsShape = 'flat';
  });

  it('sends the key in X-INFINITE-KEY and Accept: application/json on every request', async () => {
    await provider.ping();
    await provider.customers!.get('acme_scraper');
    expect(sent()).toHaveLength(2);
    for (const request of sent()) {
      expect(request.headers['x-infinite-key']).toBe(sim.apiKey);
      expect(request.headers.accept).toBe('application/json');
    }
  });

  it('puts the username after an @ in paths, lowercased', async () => {
    const customer = await provider.customers!.get('Acme_Scraper');
    expect(customer.username).toBe('acme_scraper');
    expect(sent()[0]?.path).toBe('/v2/customer/@acme_scraper');
  });

  it('sends every POST parameter in the query and nothing in the body', async () => {
    await provider.balance!.add('ACME_scraper', 30 * MB);
    const request = sent()[0]!;
    expect(request.route).toBe('POST /v2/customer/add_balance');
    expect(request.query).toEqual({ username: 'acme_scraper', balance: '30' });
    expect(request.body).toBeUndefined();
  });

  it('converts bytes to MB for the vendor and its MB balance back to bytes', async () => {
    const before = sim.state.customers.get('orchid_labs')!.balanceMb;
    const after = await provider.balance!.add('orchid_labs', 1_000 * MB);
    expect(sim.state.customers.get('orchid_labs')!.balanceMb).toBe(before + 1_000);
    expect(after.remainingBytes).toBe((before + 1_000) * MB);
    expect(provider.balance).toMatchObject({ unit: 'bytes', displayUnit: 'MB', step: 10 * MB, minimum: 10 * MB });
  });

  it('refuses amounts off the 10 MB step or under the minimum before any request, saying what would work', async () => {
    const bad = [5 * MB, 15 * MB, 25_500_000, 0, -10 * MB, 10.5 * MB, Number.NaN, 1e30];
    for (const amount of bad) {
      const error = await failure(provider.balance!.add('acme_scraper', amount));
      expect(error.code).toBe('invalid_input');
    }
    const error = await failure(provider.balance!.remove!('acme_scraper', 25 * MB));
    expect(error.message).toContain('steps of 10 MB');
    expect(error.hint).toBe('Try 20 MB or 30 MB.');
    expect((await failure(provider.balance!.add('acme_scraper', 3 * MB))).hint).toBe('Try 10 MB.');
    expect(sent()).toHaveLength(0);
  });

  it("draws added balance from the reseller's residential pool and returns removed balance to it", async () => {
    const pool = () => sim.state.reseller.balanceResidentialMb;
    const start = pool();
    await provider.balance!.add('tundra_monitor', 500 * MB);
    expect(pool()).toBe(start - 500);
    const after = await provider.balance!.remove!('tundra_monitor', 200 * MB);
    expect(pool()).toBe(start - 300);
    expect(after.remainingBytes).toBe((1_020 + 300) * MB);
  });

  it('charges the reseller 100 MB for a new customer and reports the charge', async () => {
    const before = await provider.resellerBalance!.get();
    const created = await provider.customers!.create!({ username: 'Fresh_Customer' });
    expect(created.customer).toEqual({
      username: 'fresh_customer',
      status: 'active',
      extra: { resellerChargedMb: 100 },
    });
    expect(sent()[1]?.query).toEqual({ username: 'fresh_customer' });
    const after = await provider.resellerBalance!.get();
    const residential = (balances: typeof before) => (balances[0]?.kind === 'traffic' ? balances[0].bytes : Number.NaN);
    expect(residential(after)).toBe(residential(before) - 100 * MB);
  });

  it('reports a create the reseller cannot afford as insufficient_funds and creates nothing', async () => {
    const saved = sim.state.reseller.balanceResidentialMb;
    sim.state.reseller.balanceResidentialMb = 40;
    try {
      const error = await providerFailure(provider.customers!.create!({ username: 'too_poor' }), 'insufficient_funds');
      expect(error.vendorMessage).toContain('Insufficient balance');
      expect(sim.state.customers.has('too_poor')).toBe(false);
      await providerFailure(provider.balance!.add('acme_scraper', 50 * MB), 'insufficient_funds');
    } finally {
      sim.state.reseller.balanceResidentialMb = saved;
    }
  });

  it('reports a duplicate name, whatever its case, as conflict', async () => {
    const error = await providerFailure(provider.customers!.create!({ username: 'NORTHWIND_OPS' }), 'conflict');
    expect(error.vendorMessage).toBe('Invalid Form Data. username is already taken');
  });

  it('refuses a chosen password, starting traffic or a plan on create, before any request', async () => {
    for (const input of [
      { username: 'someone_new', password: 'Secret123' },
      { username: 'someone_new', trafficBytes: 100 * MB },
      { username: 'someone_new', plan: 'premium' },
    ]) {
      expect((await failure(provider.customers!.create!(input))).code).toBe('invalid_input');
    }
    expect(sent()).toHaveLength(0);
    expect(provider.customers!.createTakesTraffic).toBe(false);
  });

  it('resets the password with the vendor generating it, and refuses a chosen one before any request', async () => {
    const error = await failure(provider.passwords!.reset('acme_scraper', 'MyOwnPass1'));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toContain('generates');
    expect(sent()).toHaveLength(0);
    const { password } = await provider.passwords!.reset('acme_scraper');
    expect(password).toBe(sim.state.customers.get('acme_scraper')!.proxyPassword);
    expect(sent()[0]?.query).toEqual({ username: 'acme_scraper' });
  });

  it('reads usage from the documented example shape and from the schema shape alike', async () => {
    const flat = await provider.usage!.report('northwind_ops');
    sim.state.transactionsShape = 'consumption';
    const nested = await provider.usage!.report('northwind_ops');
    expect(nested).toEqual(flat);
    expect(flat.days).toHaveLength(14);
    expect(flat.days[0]!.date).toBe('2026-11-07');
    expect(flat.days.at(-1)!.date).toBe('2026-11-20');
    const usage = sim.state.customers.get('northwind_ops')!.usageMb;
    expect(flat.days.at(-1)!.bytes).toBe(Math.round(usage.get('2026-11-20')! * MB));
  });

  it('turns fractional MB into whole bytes, keeps only date keys, and sorts days oldest first', async () => {
    sim.server.fault({
      route: 'GET /v2/customer/@:username/transactions',
      kind: 'malformed',
      text: JSON.stringify({
        status: { code: 200, message: 'Success' },
        payload: { '2026-11-19': 65.75, username: 'northwind_ops', '2026-11-18': 0.1 },
      }),
    });
    const report = await provider.usage!.report('northwind_ops');
    expect(report.days).toEqual([
      { date: '2026-11-18', bytes: 100_000 },
      { date: '2026-11-19', bytes: 65_750_000 },
    ]);
    expect(report.usedBytes).toBe(65_850_000);
  });

  it('trims usage to the days asked for, at most the 14 the vendor keeps', async () => {
    expect(provider.usage!.maxDays).toBe(14);
    expect((await provider.usage!.report('northwind_ops', { days: 3 })).days).toHaveLength(3);
    expect((await provider.usage!.report('northwind_ops', { days: 30 })).days).toHaveLength(14);
    const before = sim.server.received.length;
    expect((await failure(provider.usage!.report('northwind_ops', { days: 0 }))).code).toBe('invalid_input');
    expect(sim.server.received.length).toBe(before);
  });

  it('shows a spike day at about five times the average in the busy seeded account', async () => {
    const days = (await provider.usage!.report('northwind_ops')).days.map((d) => d.bytes);
    const peak = Math.max(...days);
    const others = days.filter((d) => d !== peak);
    const average = others.reduce((a, b) => a + b, 0) / others.length;
    expect(peak / average).toBeGreaterThan(3.5);
  });

  it('reads the reseller balance as residential and mobile MB', async () => {
    sim.state.reseller.balanceMobileMb = 3_000;
    const balances = await provider.resellerBalance!.get();
    expect(balances).toEqual([
      { label: 'Residential', kind: 'traffic', bytes: sim.state.reseller.balanceResidentialMb * MB, displayUnit: 'MB' },
      { label: 'Mobile', kind: 'traffic', bytes: 3_000 * MB, displayUnit: 'MB' },
    ]);
    expect(sent()[0]?.path).toBe('/v2/@me');
  });

  it('reads an error inside an HTTP 200 envelope as the error it names', async () => {
    sim.server.fault({
      route: 'GET /v2/customer/@:username',
      kind: 'malformed',
      text: '{"status":{"code":404,"message":"Customer not found"}}',
    });
    const error = await providerFailure(provider.customers!.get('acme_scraper'), 'not_found');
    expect(error.vendorMessage).toBe('Customer not found');
  });

  it('maps the documented errors: 400 rejected with the message, 401 and 403 auth, 404 not_found', async () => {
    const rejected = await providerFailure(provider.balance!.remove!('kestrel_seo', 10 * MB), 'rejected');
    expect(rejected.message).toContain('balance is higher than the customer balance');
    const missing = await providerFailure(provider.passwords!.reset('nobody_like_this'), 'not_found');
    expect(missing.vendorMessage).toBe('Customer not found');
    const noKeyHeader = providerFor(sim, { authHeader: 'INFINITE-KEY' });
    expect((await providerFailure(noKeyHeader.ping(), 'auth')).status).toBe(401);
    expect((await providerFailure(providerFor(sim, { apiKey: 'wrong-key-123' }).ping(), 'auth')).status).toBe(403);
  });

  it('reports a 429 on a change as rate_limited with its Retry-After, sent once', async () => {
    sim.server.fault({ route: 'POST /v2/customer/reset_password', kind: 'rate_limit', retryAfterS: 7 });
    const error = await providerFailure(provider.passwords!.reset('acme_scraper'), 'rate_limited');
    expect(error.retryAfterMs).toBe(7_000);
    expect(sent()).toHaveLength(1);
  });

  it('reports a change answered with an unreadable 200 as outcome_unknown, never bad_response', async () => {
    sim.server.fault({ route: 'POST /v2/customer/add_balance', kind: 'malformed', text: '<html>ok</html>' });
    await providerFailure(provider.balance!.add('acme_scraper', 10 * MB), 'outcome_unknown');
    sim.server.clearFaults();
    sim.server.fault({
      route: 'POST /v2/customer/add_balance',
      kind: 'malformed',
      text: '{"status":{"code":200,"message":"Successfully added balance"},"payload":{}}',
    });
    const error = await providerFailure(provider.balance!.add('acme_scraper', 10 * MB), 'outcome_unknown');
    expect(error.message).toContain('said the change succeeded');
  });

  it('keeps the API key out of errors even when the vendor echoes it', async () => {
    sim.server.fault({
      route: 'POST /v2/customer/reset_password',
      kind: 'malformed',
      text: JSON.stringify({ status: { code: 400, message: `Invalid Form Data. key ${sim.apiKey} is locked` } }),
    });
    const error = await providerFailure(provider.passwords!.reset('acme_scraper'), 'rejected');
    expect(inspect(error, { depth: 10 })).not.toContain(sim.apiKey);
    expect(error.vendorMessage).toContain('***');
  });

  it('pages the full customer list locally and filters by status', async () => {
    const all = await provider.customers!.listAll();
    expect(all.length).toBe(sim.state.customers.size);
    const page2 = await provider.customers!.list({ page: 2, perPage: 4 });
    expect(page2).toMatchObject({ page: 2, pages: Math.ceil(all.length / 4), total: all.length });
    expect(page2.customers.map((c) => c.username)).toEqual(all.slice(4, 8).map((c) => c.username));
    expect((await provider.customers!.list({ status: 'disabled' })).customers).toEqual([]);
    expect((await failure(provider.customers!.list({ page: 0 }))).code).toBe('invalid_input');
  });

  it('normalises usernames to lowercase and refuses names the rule forbids, before any request', async () => {
    expect(provider.usernameRule?.description).toContain('lowercase');
    for (const bad of ['-leading_dash', '.hidden', 'has space', 'x'.repeat(65)]) {
      expect((await failure(provider.customers!.get(bad))).code).toBe('invalid_input');
    }
    expect(sent()).toHaveLength(0);
  });

  it('builds an HTTP proxy string from the account name and proxy password on the default gateway', async () => {
    const proxies = await provider.proxyConfig!.proxies('Marlow_Retail');
    expect(proxies).toEqual([
      {
        host: 'resi.infiniteproxies.com',
        port: 1111,
        protocol: 'http',
        username: 'marlow_retail',
        password: sim.state.customers.get('marlow_retail')!.proxyPassword,
        label: 'residential gateway',
      },
    ]);
  });

  it('uses a configured gateway, SOCKS5 gateway and proxy user name format', async () => {
    const configured = providerFor(sim, {
      gateway: 'rp.infiniteproxies.com:2222',
      socks5Gateway: 'socks.example.net:1080',
      proxyUsername: 'infproxy_{username}',
    });
    const proxies = await configured.proxyConfig!.proxies('marlow_retail');
    expect(proxies.map((p) => `${p.protocol}://${p.username}@${p.host}:${p.port}`)).toEqual([
      'http://infproxy_marlow_retail@rp.infiniteproxies.com:2222',
      'socks5://infproxy_marlow_retail@socks.example.net:1080',
    ]);
  });
});

describe('the InfiniteProxies simulator', () => {
  let sim: InfiniteProxiesSimulator;
  beforeAll(async () => {
    sim = await startInfiniteProxiesSimulator({ now: fixedNow });
  });
  afterAll(() => sim.close());

  const get = (path: string, headers: Record<string, string>) => fetch(`${sim.baseUrl}${path}`, { headers });

  it('refuses an Accept other than application/json, as the docs demand', async () => {
    const response = await get('/@me', { 'X-INFINITE-KEY': sim.apiKey, Accept: 'text/html' });
    expect(response.status).toBe(406);
    expect(await response.json()).toMatchObject({ status: { code: 406 } });
  });

  it('answers a missing key with 401 and a wrong one with 403, in bodies with only status', async () => {
    const missing = await get('/@me', { Accept: 'application/json' });
    expect(missing.status).toBe(401);
    expect(await missing.json()).toEqual({ status: { code: 401, message: 'Unauthorized' } });
    const wrong = await get('/@me', { Accept: 'application/json', 'X-INFINITE-KEY': 'nope' });
    expect(await wrong.json()).toEqual({ status: { code: 403, message: 'API Key is invalid' } });
  });

  it('refuses a balance off the 10 MB step with the documented 400', async () => {
    const response = await fetch(`${sim.baseUrl}/customer/add_balance?username=acme_scraper&balance=15`, {
      method: 'POST',
      headers: { 'X-INFINITE-KEY': sim.apiKey, Accept: 'application/json' },
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      status: { code: 400, message: expect.stringMatching(/^Invalid Form Data\./) },
    });
  });

  it('seeds the same data for the same clock, and adds generated customers on request', async () => {
    const options: InfiniteProxiesSimulatorOptions = { now: fixedNow, extraCustomers: 250 };
    const [a, b] = await Promise.all([startInfiniteProxiesSimulator(options), startInfiniteProxiesSimulator(options)]);
    try {
      expect(a.state.customers.size).toBe(260);
      expect([...a.state.customers.values()].map((c) => c.proxyPassword)).toEqual(
        [...b.state.customers.values()].map((c) => c.proxyPassword),
      );
      const balances = [...a.state.customers.values()].slice(0, 10).map((c) => c.balanceMb);
      expect(balances).toContain(0);
      expect(a.state.reseller.balanceResidentialMb).toBeGreaterThan(100_000);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('starts empty of customers when seeding is off', async () => {
    const empty = await startInfiniteProxiesSimulator({ seed: false });
    try {
      const all = await providerFor(empty).customers!.listAll();
      expect(all).toEqual([]);
    } finally {
      await empty.close();
    }
  });

  it('reads the key from another header when told to', async () => {
    const other = await startInfiniteProxiesSimulator({ authHeader: 'INFINITE-KEY' });
    try {
      await expect(providerFor(other, { authHeader: 'INFINITE-KEY' }).ping()).resolves.toBeUndefined();
      await providerFailure(providerFor(other).ping(), 'auth');
    } finally {
      await other.close();
    }
  });
});

describe('the InfiniteProxies configuration', () => {
  it('is off without a key and treats empty values as unset', () => {
    expect(infiniteproxies.settingsFromEnv({})).toBeUndefined();
    expect(infiniteproxies.settingsFromEnv({ INFINITEPROXIES_API_KEY: '  ' })).toBeUndefined();
    expect(infiniteproxies.settingsFromEnv({ INFINITEPROXIES_API_KEY: 'k-123', INFINITEPROXIES_GATEWAY: '' })).toEqual({
      baseUrl: 'https://reseller.infiniteproxies.com/v2',
      apiKey: 'k-123',
      authHeader: 'X-INFINITE-KEY',
      gateway: 'resi.infiniteproxies.com:1111',
      socks5Gateway: undefined,
      proxyUsername: '{username}',
    });
  });

  it('documents every variable, with the key marked secret', () => {
    const names = infiniteproxies.env.map((v) => v.name);
    expect(names).toEqual(Object.keys(infiniteproxies.envSchema.shape));
    expect(infiniteproxies.env.find((v) => v.name === 'INFINITEPROXIES_API_KEY')?.secret).toBe(true);
    expect(infiniteproxies.vendorBaseUrl).toBe('https://reseller.infiniteproxies.com/v2');
  });

  it('names every bad variable at once', () => {
    const result = infiniteproxies.envSchema.safeParse({
      INFINITEPROXIES_API_KEY: 'k',
      INFINITEPROXIES_BASE_URL: 'ftp://x',
      INFINITEPROXIES_AUTH_HEADER: 'bad header',
      INFINITEPROXIES_GATEWAY: 'no-port.example.com',
      INFINITEPROXIES_SOCKS5_GATEWAY: 'host:99999',
      INFINITEPROXIES_PROXY_USERNAME: 'static_name',
    });
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((i) => i.path[0]).sort();
    expect(paths).toEqual([
      'INFINITEPROXIES_AUTH_HEADER',
      'INFINITEPROXIES_BASE_URL',
      'INFINITEPROXIES_GATEWAY',
      'INFINITEPROXIES_PROXY_USERNAME',
      'INFINITEPROXIES_SOCKS5_GATEWAY',
    ]);
  });
});
