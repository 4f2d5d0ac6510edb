import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError, ProviderError } from '../../src/errors.js';
import type { ProxyShardSettings } from '../../src/providers/proxyshard/client.js';
import { toCustomer } from '../../src/providers/proxyshard/context.js';
import { proxyshard } from '../../src/providers/proxyshard/index.js';
import type { Provider } from '../../src/providers/types.js';
import { type ProxyShardSimulator, startProxyShardSimulator } from '../../src/sandbox/proxyshard/index.js';
import { hangUntilDeadline } from '../helpers/hold.js';
import { testTimers } from '../helpers/timers.js';

const GB = 1_000_000_000;
const fixedNow = () => new Date('2026-11-23T12:00:00Z');
// Waits between read attempts are recorded, not spent; a hung attempt ends when the test passes its deadline.
const timers = testTimers();
const fast = { timeoutMs: 5_000, timers };

function providerFor(sim: ProxyShardSimulator, extra: Partial<ProxyShardSettings> = {}): Provider {
  return proxyshard.create({ baseUrl: sim.baseUrl, apiKey: sim.apiKey, ...fast, ...extra });
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (e: unknown) => e,
  );
}

async function providerError(promise: Promise<unknown>, kind: ProviderError['kind']): Promise<ProviderError> {
  const error = await failure(promise);
  expect(error).toBeInstanceOf(ProviderError);
  expect((error as ProviderError).kind).toBe(kind);
  return error as ProviderError;
}

async function inputError(promise: Promise<unknown>): Promise<AppError> {
  const error = await failure(promise);
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe('invalid_input');
  return error as AppError;
}

describe('proxyshard specifics', () => {
  let sim: ProxyShardSimulator;
  let provider: Provider;
  const received = (route: string) => sim.server.received.filter((r) => r.route === route);
  const userNamed = (name: string) => [...sim.state.subUsers.values()].find((u) => u.first_name === name)!;

  beforeAll(async () => {
    sim = await startProxyShardSimulator({ now: fixedNow });
    provider = providerFor(sim);
  });
  afterAll(() => sim.close());

  it('sends the key as Authorization: Bearer on every request', async () => {
    await provider.customers!.get('jonas.weber');
    const requests = sim.server.received.slice(-2);
    expect(requests.length).toBe(2);
    for (const r of requests) expect(r.headers.authorization).toBe(`Bearer ${sim.apiKey}`);
  });

  it('reports a wrong key as auth, from the vendor 401 envelope', async () => {
    const wrong = proxyshard.create({ baseUrl: sim.baseUrl, apiKey: 'not-the-key', ...fast });
    const error = await providerError(wrong.customers!.get('tom_h'), 'auth');
    expect(error.status).toBe(401);
    expect(error.vendorMessage).toBe('Unauthorized');
  });

  it('reads sub-user traffic in bytes: limit, spent and remaining', async () => {
    const customer = await provider.customers!.get('maria_kowalski');
    expect(customer).toMatchObject({
      username: 'maria_kowalski',
      id: userNamed('maria_kowalski').user_id,
      status: 'active',
      limitBytes: 50 * GB,
      usedBytes: 12.4 * GB,
      remainingBytes: 37.6 * GB,
      extra: { pool: 'standart' },
    });
  });

  it('keeps the 19-digit user_id a string', async () => {
    const customer = await provider.customers!.get('sofia-r');
    expect(customer.id).toMatch(/^\d{19}$/);
    expect(customer.id).toBe(userNamed('sofia-r').user_id);
  });

  it('reads GB-counted sub-user fields when configured so', () => {
    const customer = toCustomer(
      { user: { user_id: '1', first_name: 'a', proxy_password: 'p', data: 5, data_spent: 2 }, pool: 'premium' },
      GB,
    );
    expect(customer).toMatchObject({ limitBytes: 5 * GB, usedBytes: 2 * GB, remainingBytes: 3 * GB });
  });

  it('finds a premium sub-user by looking in both pools', async () => {
    const customer = await provider.customers!.get('ahmed_k');
    expect(customer.extra).toEqual({ pool: 'premium' });
    const last = received('GET /user/api/proxies/sub-user/:user_id').at(-1)!;
    expect(last.query.proxy_type).toBe('premium');
  });

  it('refuses traffic that is not whole GB, with zero requests sent', async () => {
    const before = sim.server.received.length;
    for (const amount of [1.5 * GB, 500_000_000, 0, -GB, Number.NaN]) {
      await inputError(provider.balance!.add('tom_h', amount));
      await inputError(provider.balance!.remove!('tom_h', amount));
    }
    await inputError(provider.customers!.create!({ username: 'half_gig', trafficBytes: GB / 2 }));
    const error = await inputError(provider.balance!.add('tom_h', 2.5 * GB));
    expect(error.message).toContain('2 GB or 3 GB');
    expect(sim.server.received.length).toBe(before);
  });

  it('states a step and minimum of 1 GB in bytes, and that create takes the starting traffic', () => {
    expect(provider.balance).toMatchObject({ unit: 'bytes', displayUnit: 'GB', step: GB, minimum: GB });
    expect(provider.customers!.createTakesTraffic).toBe(true);
  });

  it('adds traffic as a GB integer in the JSON body, drawn from the reseller pool', async () => {
    const poolBefore = sim.state.poolBytes.standart;
    const before = await provider.customers!.get('diego_m');
    const after = await provider.balance!.add('diego_m', 3 * GB);
    const sent = received('POST /user/api/proxies/sub-user/:user_id/data/add').at(-1)!;
    expect(sent.body).toEqual({ data: 3 });
    expect(sent.query.proxy_type).toBe('standart');
    expect(after.remainingBytes).toBe(before.remainingBytes! + 3 * GB);
    expect(sim.state.poolBytes.standart).toBe(poolBefore - 3 * GB);
  });

  it('subtracts traffic and refuses to go below what is left, with the vendor words', async () => {
    const after = await provider.balance!.remove!('diego_m', GB);
    expect(received('POST /user/api/proxies/sub-user/:user_id/data/subtract').at(-1)!.body).toEqual({ data: 1 });
    expect(after.limitBytes).toBe(4 * GB);
    const error = await providerError(provider.balance!.remove!('li_wei', GB), 'rejected');
    expect(error.vendorMessage).toContain('remaining traffic');
  });

  it('reports an empty reseller pool as insufficient_funds', async () => {
    const saved = sim.state.poolBytes.premium;
    sim.state.poolBytes.premium = 0;
    try {
      await providerError(provider.balance!.add('emma.larsen', GB), 'insufficient_funds');
      await providerError(
        provider.customers!.create!({ username: 'prem_x', plan: 'premium', trafficBytes: GB }),
        'insufficient_funds',
      );
    } finally {
      sim.state.poolBytes.premium = saved;
    }
  });

  it('creates in the pool that plan: names, with name and GB in the body', async () => {
    const created = await provider.customers!.create!({
      username: 'premium_buyer',
      plan: 'premium',
      trafficBytes: 2 * GB,
    });
    const sent = received('POST /user/api/proxies/sub-user').at(-1)!;
    expect(sent.query.proxy_type).toBe('premium');
    expect(sent.body).toEqual({ name: 'premium_buyer', data: 2 });
    expect(created.customer).toMatchObject({
      username: 'premium_buyer',
      remainingBytes: 2 * GB,
      extra: { pool: 'premium' },
    });
    expect(created.password).toBe(userNamed('premium_buyer').proxy_password);
  });

  it('creates in the standart pool by default and refuses an unknown plan or a chosen password before sending', async () => {
    await provider.customers!.create!({ username: 'plain_buyer' });
    expect(received('POST /user/api/proxies/sub-user').at(-1)!.query.proxy_type).toBe('standart');
    const before = sim.server.received.length;
    await inputError(provider.customers!.create!({ username: 'gold_buyer', plan: 'gold' }));
    await inputError(provider.customers!.create!({ username: 'pw_buyer', password: 'Secret123' }));
    expect(sim.server.received.length).toBe(before);
  });

  it('refuses a duplicate name as conflict without creating it, in either pool', async () => {
    const creates = received('POST /user/api/proxies/sub-user').length;
    await providerError(provider.customers!.create!({ username: 'ahmed_k' }), 'conflict');
    expect(received('POST /user/api/proxies/sub-user').length).toBe(creates);
  });

  it('refuses to guess between two sub-users with the same name', async () => {
    const fresh = await startProxyShardSimulator({ now: fixedNow });
    try {
      const original = [...fresh.state.subUsers.values()].find((u) => u.first_name === 'tom_h')!;
      fresh.state.subUsers.set('7301245587120999999', { ...original, user_id: '7301245587120999999', pool: 'premium' });
      await providerError(providerFor(fresh).customers!.get('tom_h'), 'conflict');
    } finally {
      await fresh.close();
    }
  });

  it('regenerates the password with a body-less POST that carries {}', async () => {
    const { password } = await provider.passwords!.reset('kenji.sato');
    const sent = received('POST /user/api/proxies/sub-user/:user_id/password').at(-1)!;
    expect(sent.body).toEqual({});
    expect(sent.headers['content-length']).toBe('2');
    expect(password).toBe(userNamed('kenji.sato').proxy_password);
    await inputError(provider.passwords!.reset('kenji.sato', 'Chosen123'));
  });

  it('reads the new password back when the vendor answer does not carry it', async () => {
    sim.server.fault({
      route: 'POST /user/api/proxies/sub-user/:user_id/password',
      kind: 'malformed',
      text: '{"success":true,"data":{}}',
      times: 1,
    });
    const { password } = await provider.passwords!.reset('kenji.sato');
    expect(password).toBe(userNamed('kenji.sato').proxy_password);
  });

  it('has the simulator refuse a POST without Content-Length, like the vendor', async () => {
    const url = new URL('/user/api/proxies/sub-user?proxy_type=standart', sim.baseUrl);
    const answer = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = httpRequest(
        url,
        { method: 'POST', headers: { authorization: `Bearer ${sim.apiKey}`, 'transfer-encoding': 'chunked' } },
        (res) => {
          let text = '';
          res.on('data', (c) => {
            text += c;
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        },
      );
      req.on('error', reject);
      req.end('{"name":"chunky","data":1}');
    });
    expect(answer.status).toBe(400);
    expect(answer.text).toContain('Content-Length');
    expect([...sim.state.subUsers.values()].some((u) => u.first_name === 'chunky')).toBe(false);
  });

  it('deletes with DELETE and no proxy_type, and unspent traffic returns to the pool', async () => {
    await provider.customers!.create!({ username: 'short_lived', trafficBytes: 4 * GB });
    const pool = sim.state.poolBytes.standart;
    await provider.customers!.delete!('short_lived');
    const sent = received('DELETE /user/api/proxies/sub-user/:user_id').at(-1)!;
    expect(sent.query).toEqual({});
    expect(sim.state.poolBytes.standart).toBe(pool + 4 * GB);
    await providerError(provider.customers!.get('short_lived'), 'not_found');
  });

  it('notices a remembered user_id that went stale and looks the name up again', async () => {
    await provider.customers!.get('nina_p');
    const old = userNamed('nina_p');
    sim.state.subUsers.delete(old.user_id);
    const replacement = { ...old, user_id: '7301245587120888888' };
    sim.state.subUsers.set(replacement.user_id, replacement);
    expect((await provider.customers!.get('nina_p')).id).toBe('7301245587120888888');
  });

  it('reports usage as totals in bytes with no daily history', async () => {
    const report = await provider.usage!.report('tom_h', { days: 7 });
    expect(report).toEqual({ days: [], usedBytes: 8.7 * GB, remainingBytes: 1.3 * GB });
    expect(provider.usage!.maxDays).toBe(0);
  });

  it('builds relay proxy strings from user_id, plan and proxy_password', async () => {
    const user = userNamed('emma.larsen');
    const proxies = await provider.proxyConfig!.proxies('emma.larsen');
    expect(proxies).toEqual([
      {
        host: 'relay-eu.proxyshard.com',
        port: 8080,
        protocol: 'http',
        username: `${user.user_id}-plan-premium-country-any`,
        password: user.proxy_password,
        label: 'gateway',
      },
      {
        host: 'relay-eu.proxyshard.com',
        port: 1080,
        protocol: 'socks5',
        username: `${user.user_id}-plan-premium-country-any`,
        password: user.proxy_password,
        label: 'gateway',
      },
    ]);
    const custom = providerFor(sim, {
      gatewayHost: 'relay-ua.proxyshard.com',
      httpPort: 18080,
      proxyUsernameTemplate: '{name}-plan-{plan}',
    });
    const [http] = await custom.proxyConfig!.proxies('jonas.weber');
    expect(http).toMatchObject({ host: 'relay-ua.proxyshard.com', port: 18080, username: 'jonas.weber-plan-limited' });
  });

  it('reads the wallet in cents as USD money', async () => {
    expect(await provider.resellerBalance!.get()).toEqual([
      { label: 'Wallet', kind: 'money', minor: 184_250, currency: 'USD' },
    ]);
  });

  it('treats an HTTP-200 body with success:false as a rejection with the vendor message', async () => {
    sim.server.fault({
      route: 'GET /user/api/me',
      kind: 'malformed',
      text: '{"success":false,"message":"Account locked"}',
      times: 3,
    });
    const error = await providerError(provider.resellerBalance!.get(), 'rejected');
    expect(error.vendorMessage).toBe('Account locked');
    sim.server.clearFaults();
  });

  it('never puts the key in an error, even when the vendor hangs', async () => {
    hangUntilDeadline(sim.server, 'GET /user/api/me', timers);
    const error = await providerError(provider.ping(), 'unavailable');
    sim.server.clearFaults();
    expect(`${error.message} ${String((error.cause as Error)?.message)}`).not.toContain(sim.apiKey);
  });
});

describe('proxyshard lists and orders', () => {
  let sim: ProxyShardSimulator;
  let provider: Provider;
  const received = (route: string) => sim.server.received.filter((r) => r.route === route);

  beforeAll(async () => {
    sim = await startProxyShardSimulator({ now: fixedNow, extraCustomers: 250 });
    provider = providerFor(sim);
  });
  afterAll(() => sim.close());

  it('pages the sub-user list 100 at a time to resolve a name', async () => {
    const before = received('GET /user/api/proxies/sub-users').length;
    await provider.customers!.get('customer_00250');
    const pages = received('GET /user/api/proxies/sub-users').slice(before);
    expect(pages.map((r) => [r.query.proxy_type, r.query.offset, r.query.limit])).toEqual([
      ['standart', '0', '100'],
      ['standart', '100', '100'],
      ['standart', '200', '100'],
      ['premium', '0', '100'],
    ]);
  });

  it('lists every sub-user of both pools', async () => {
    const all = await provider.customers!.listAll();
    expect(all.length).toBe(260);
    expect(all.filter((c) => c.extra?.pool === 'premium').map((c) => c.username)).toEqual(['ahmed_k', 'emma.larsen']);
  });

  it('reads one page across the two pools, standart first', async () => {
    const last = await provider.customers!.list({ page: 6, perPage: 50 });
    expect(last).toMatchObject({ page: 6, pages: 6, total: 260 });
    const standartTail = Array.from({ length: 8 }, (_, i) => `customer_00${243 + i}`);
    expect(last.customers.map((c) => c.username)).toEqual([...standartTail, 'ahmed_k', 'emma.larsen']);
    const premiumAsked = received('GET /user/api/proxies/sub-users').at(-1)!;
    expect(premiumAsked.query).toEqual({ proxy_type: 'premium', offset: '0', limit: '42' });
  });

  it('answers an empty list for status disabled, without asking upstream', async () => {
    const before = sim.server.received.length;
    expect(await provider.customers!.list({ status: 'disabled' })).toMatchObject({ customers: [], pages: 1 });
    expect(sim.server.received.length).toBe(before);
  });

  it('lists a DC order with proxies first, and orders that expire within 3 days', async () => {
    const { orders } = await provider.orders!.list();
    expect(received('GET /user/api/orders').find((r) => r.query.status === 'all')!.query).toEqual({
      status: 'all',
      offset: '0',
      limit: '100',
    });
    expect(orders[0]).toMatchObject({ id: '48213', product: 'Datacenter Proxy' });
    const soon = orders.filter(
      (o) =>
        o.expiresAt &&
        Date.parse(o.expiresAt) - fixedNow().getTime() < 3 * 86_400_000 &&
        Date.parse(o.expiresAt) > fixedNow().getTime(),
    );
    expect(soon.map((o) => o.id)).toEqual(['48213', '48250']);
    const active = (await provider.orders!.list({ status: 'active' })).orders;
    expect(active[0]!.id).toBe('48213');
    expect(active.every((o) => o.status === 'active')).toBe(true);
  });

  it('follows next through more than 100 orders', async () => {
    const fresh = await startProxyShardSimulator({ now: fixedNow });
    try {
      const template = fresh.state.orders[0]!;
      for (let i = 0; i < 150; i++) fresh.state.orders.push({ ...template, order_id: 60_000 + i, proxies: [] });
      const orders = await providerFor(fresh).orders!.listAll({ status: 'all' });
      expect(orders.length).toBe(157);
      expect(
        fresh.server.received
          .filter((r) => r.route === 'GET /user/api/orders' && r.query.status === 'all')
          .map((r) => r.query.offset),
      ).toEqual(['0', '100']);
    } finally {
      await fresh.close();
    }
  });

  it('reads one order with its status', async () => {
    expect(await provider.orders!.get('46002')).toMatchObject({
      id: '46002',
      status: 'on-hold',
      quantity: 10,
      autoRenewal: false,
    });
    await providerError(provider.orders!.get('99999'), 'not_found');
  });

  it('gives an HTTP and a SOCKS5 endpoint per proxy of a DC order', async () => {
    const proxies = await provider.orders!.proxies!('48213');
    const item = sim.state.orders[0]!.proxies[0]!;
    expect(proxies.length).toBe(10);
    expect(proxies.slice(0, 2)).toEqual([
      {
        host: item.ip,
        port: 50100,
        protocol: 'http',
        username: item.username,
        password: item.password,
        label: 'order 48213',
      },
      {
        host: item.ip,
        port: 50101,
        protocol: 'socks5',
        username: item.username,
        password: item.password,
        label: 'order 48213',
      },
    ]);
    expect(received('GET /user/api/proxies/active').at(-1)!.query).toEqual({ order_id: '48213' });
  });

  it('reports the 403 on a residential order as a rejection, not an auth failure', async () => {
    const error = await providerError(provider.orders!.proxies!('47760'), 'rejected');
    expect(error.status).toBe(403);
    expect(error.vendorMessage).toBe('Method is unavailable for this order');
  });

  it('refuses an order id or status that is not the vendor’s, before any request', async () => {
    const before = sim.server.received.length;
    await inputError(provider.orders!.get('../me'));
    await inputError(provider.orders!.proxies!('12a'));
    await inputError(provider.orders!.list({ status: 'on-hold' as 'expired' }));
    expect(sim.server.received.length).toBe(before);
  });
});

describe('proxyshard configuration', () => {
  it('is disabled without a key, and an empty string counts as unset', () => {
    expect(proxyshard.settingsFromEnv({})).toBeUndefined();
    expect(proxyshard.settingsFromEnv({ PROXYSHARD_API_KEY: '' })).toBeUndefined();
  });

  it('uses the vendor base URL by default and reads every knob', () => {
    expect(proxyshard.settingsFromEnv({ PROXYSHARD_API_KEY: 'k-123', PROXYSHARD_BASE_URL: '' })).toMatchObject({
      apiKey: 'k-123',
      baseUrl: 'https://user-api.proxyshard.com',
    });
    expect(
      proxyshard.settingsFromEnv({
        PROXYSHARD_API_KEY: 'k-123',
        PROXYSHARD_GATEWAY: 'relay-ru.proxyshard.net',
        PROXYSHARD_HTTP_PORT: '18080',
        PROXYSHARD_SOCKS_PORT: '11080',
        PROXYSHARD_POOL: 'premium',
        PROXYSHARD_SUBUSER_DATA_UNIT: 'GB',
        PROXYSHARD_PROXY_USERNAME: '{name}',
      }),
    ).toMatchObject({
      gatewayHost: 'relay-ru.proxyshard.net',
      httpPort: 18080,
      socksPort: 11080,
      defaultPool: 'premium',
      subUserDataUnit: 'GB',
      proxyUsernameTemplate: '{name}',
    });
  });

  it('refuses a bad port, pool or unit', () => {
    expect(proxyshard.envSchema.safeParse({ PROXYSHARD_HTTP_PORT: 'eighty' }).success).toBe(false);
    expect(proxyshard.envSchema.safeParse({ PROXYSHARD_POOL: 'standard' }).success).toBe(false);
    expect(proxyshard.envSchema.safeParse({ PROXYSHARD_SUBUSER_DATA_UNIT: 'MB' }).success).toBe(false);
  });

  it('lists its variables with the key marked secret', () => {
    const names = proxyshard.env.map((v) => v.name);
    expect(names).toEqual([
      'PROXYSHARD_API_KEY',
      'PROXYSHARD_BASE_URL',
      'PROXYSHARD_GATEWAY',
      'PROXYSHARD_HTTP_PORT',
      'PROXYSHARD_SOCKS_PORT',
      'PROXYSHARD_PROXY_USERNAME',
      'PROXYSHARD_POOL',
      'PROXYSHARD_SUBUSER_DATA_UNIT',
    ]);
    expect(proxyshard.env.find((v) => v.name === 'PROXYSHARD_API_KEY')?.secret).toBe(true);
    expect(Object.keys(proxyshard.envSchema.shape)).toEqual(names);
  });
});
