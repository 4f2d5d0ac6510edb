import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ProviderError } from '../../src/errors.js';
import type { ProxyLiteSettings } from '../../src/providers/proxylite/client.js';
import { defaultHttpGateway, propagationNotices, proxylite } from '../../src/providers/proxylite/index.js';
import type { Provider, ResellerBalance } from '../../src/providers/types.js';
import { type ProxyLiteSimulator, startProxyLiteSimulator } from '../../src/sandbox/proxylite/index.js';
import { formatTime } from '../../src/sandbox/proxylite/state.js';
import { failure } from '../helpers/failures.js';
import { hangUntilDeadline } from '../helpers/hold.js';
import { testTimers } from '../helpers/timers.js';

const GB = 1_000_000_000;
// Waits between read attempts are recorded, not spent; a hung attempt ends when the test passes its deadline.
const timers = testTimers();
const fast = { timeoutMs: 5_000, timers };

function build(sim: ProxyLiteSimulator, extra: Partial<ProxyLiteSettings> = {}): Provider {
  return proxylite.create({ baseUrl: sim.baseUrl, apiKey: sim.apiKey, ...fast, ...extra });
}

let counter = 0;
const newUsername = () => `newcust${Date.now() % 100_000}n${++counter}`;

describe('proxylite specifics', () => {
  const key = 'pa$$word-Secret/Key+4711';
  let sim: ProxyLiteSimulator;
  let provider: Provider;
  const sent = (route: string) => sim.server.received.filter((r) => r.route === route);
  const changeLimit = 'POST /end-point/whitelist-account/change-limit';
  const list = 'GET /end-point/whitelist-account/list';

  beforeAll(async () => {
    sim = await startProxyLiteSimulator({ apiKey: key, extraCustomers: 60 });
    provider = build(sim);
  });
  afterAll(() => sim.close());
  afterEach(() => {
    sim.server.clearFaults();
    sim.state.realNameVerified = true;
  });

  it('sends app_key in the query of a GET and in both the query and the JSON body of a POST', async () => {
    await provider.customers!.enable!('lucasmartin');
    const get = sent(list).at(-1)!;
    expect(get.query.app_key).toBe(key);
    const post = sent('POST /end-point/whitelist-account/enable').at(-1)!;
    expect(post.query.app_key).toBe(key);
    expect(post.body).toEqual({ app_key: key, accounts: 'lucasmartin' });
  });

  it('converts KB of usage and GB of limit to bytes, and leaves an unlimited account without a cap', async () => {
    const liam = await provider.customers!.get('liamwong');
    expect(liam).toMatchObject({
      usedBytes: 42 * GB,
      limitBytes: 50 * GB,
      remainingBytes: 8 * GB,
      note: 'Below 20 % left',
    });
    const olivia = await provider.customers!.get('oliviachen');
    expect(olivia.limitBytes).toBeNull();
    expect(olivia.remainingBytes).toBeUndefined();
    expect(olivia.usedBytes).toBe(75 * GB);
    expect((await provider.customers!.get('noahsmith')).status).toBe('disabled');
  });

  it('never puts the vendor-listed password into a customer', async () => {
    const all = await provider.customers!.listAll();
    const passwords = sim.state.accounts.map((a) => a.password);
    const text = JSON.stringify(all);
    for (const p of passwords.slice(0, 10)) expect(text).not.toContain(p);
  });

  it('accepts the code-0 envelope with `message` as success, as the order endpoints answer', async () => {
    const body = { code: 0, message: 'Operation successful', data: { list: sim.state.accounts.slice(0, 3) } };
    sim.server.fault({ route: list, kind: 'malformed', text: JSON.stringify(body), times: 1 });
    expect((await provider.customers!.get('emmaclark')).username).toBe('emmaclark');
  });

  it('scrubs the key from a vendor message that echoes it', async () => {
    const body = { code: 400, msg: `bad request for app_key=${key} (${key})`, data: null };
    sim.server.fault({ route: changeLimit, kind: 'malformed', text: JSON.stringify(body), times: 1 });
    const error = (await failure(provider.balance!.add('lucasmartin', GB))) as ProviderError;
    expect(error.kind).toBe('rejected');
    expect(error.message).toContain('bad request for app_key=');
    expect(`${error.message} ${error.vendorMessage}`).not.toContain(key);
  });

  it('reads an HTTP-200 code 3 as an auth error that does not contain the key', async () => {
    const wrong = build(sim, { apiKey: 'wrong-key-123456' });
    const error = (await failure(wrong.customers!.get('emmaclark'))) as ProviderError;
    expect(error.kind).toBe('auth');
    expect(error.message).toContain('app_key invalid');
    expect(JSON.stringify({ ...error, message: error.message })).not.toContain('wrong-key-123456');
  });

  it('explains code 156 (reseller account not verified) as a rejection with a hint', async () => {
    sim.state.realNameVerified = false;
    const error = (await failure(provider.balance!.add('lucasmartin', GB))) as ProviderError;
    expect(error.kind).toBe('rejected');
    expect(error.status).toBe(156);
    expect(error.hint).toContain('verification');
  });

  it('passes the ErrorResponse message and its field errors on as a rejection', async () => {
    const body = { code: 400, message: 'Parameter error', errors: { limit: ['The limit must be an integer.'] } };
    sim.server.fault({ route: changeLimit, kind: 'malformed', text: JSON.stringify(body), times: 1 });
    const error = (await failure(provider.balance!.add('lucasmartin', GB))) as ProviderError;
    expect(error.kind).toBe('rejected');
    expect(error.message).toBe('ProxyLite refused the request: Parameter error (limit: The limit must be an integer.)');
  });

  it('reports an unreadable answer to a change as outcome_unknown, not as a failure', async () => {
    sim.server.fault({ route: changeLimit, kind: 'malformed', text: '<html>oops</html>', times: 1 });
    const error = (await failure(provider.balance!.add('lucasmartin', GB))) as ProviderError;
    expect(error.kind).toBe('outcome_unknown');
  });

  it('writes the current limit plus the amount in whole GB, one read then one write', async () => {
    const before = sim.state.accounts.find((a) => a.username === 'avakim')!.limit_flow;
    const reads = sent(list).length;
    const writes = sent(changeLimit).length;
    const after = await provider.balance!.add('avakim', 25 * GB);
    expect(sent(list).length - reads).toBe(1);
    expect(sent(changeLimit).length - writes).toBe(1);
    expect(sent(changeLimit).at(-1)!.body).toEqual({ app_key: key, account: 'avakim', limit: before + 25 });
    expect(after.limitBytes).toBe((before + 25) * GB);
    expect(after.extra?.notice).toBe(propagationNotices.limit);
  });

  it('refuses amounts that are not whole GB, zero or negative, before any request', async () => {
    const count = sim.server.received.length;
    for (const amount of [1.5 * GB, 500_000_000, 0, -GB, Number.NaN]) {
      expect((await failure(provider.balance!.add('avakim', amount))).code).toBe('invalid_input');
    }
    const error = await failure(provider.balance!.add('avakim', 2.5 * GB));
    expect(error.message).toContain('try 2 GB or 3 GB');
    expect(sim.server.received.length).toBe(count);
  });

  it('refuses to remove down to 0 GB, which ProxyLite reads as unlimited, without writing', async () => {
    const writes = sent(changeLimit).length;
    const error = await failure(provider.balance!.remove!('jamesreed', 10 * GB));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toContain('at most 9 GB');
    expect(error.message).toContain('unlimited');
    expect((await failure(provider.balance!.remove!('jamesreed', 11 * GB))).code).toBe('invalid_input');
    expect(sent(changeLimit).length).toBe(writes);
    expect((await provider.balance!.remove!('jamesreed', 9 * GB)).limitBytes).toBe(GB);
  });

  it('answers conflict for balance changes on an unlimited account, without writing', async () => {
    const writes = sent(changeLimit).length;
    for (const run of [provider.balance!.add, provider.balance!.remove!]) {
      const error = (await failure(run('oliviachen', GB))) as ProviderError;
      expect(error.kind).toBe('conflict');
      expect(error.message).toContain('unlimited');
    }
    expect(sent(changeLimit).length).toBe(writes);
  });

  it('refuses a limit above the documented 102400 GB', async () => {
    const error = await failure(provider.balance!.add('avakim', 102_400 * GB));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toContain('102400');
  });

  it('refuses new usernames with anything but letters and digits, and finds no such existing one, without a request', async () => {
    const count = sim.server.received.length;
    for (const name of ['john_doe', 'jane-doe', 'a.b']) {
      const error = await failure(provider.customers!.create!({ username: name }));
      expect(error.code).toBe('invalid_input');
      expect(error.message).toContain('letters and digits only');
      const missing = (await failure(provider.customers!.get(name))) as ProviderError;
      expect(missing.kind).toBe('not_found');
      expect(missing.hint).toContain('letters and digits only');
    }
    expect(sim.server.received.length).toBe(count);
  });

  it('creates with accounts "user:pass", the plan as product_type (9 by default) and the note as remark', async () => {
    const username = newUsername();
    const created = await provider.customers!.create!({ username, password: 'Secret123', note: 'Shop order 17' });
    expect(sent('POST /end-point/whitelist-account/add').at(-1)!.body).toEqual({
      app_key: key,
      accounts: `${username}:Secret123`,
      remark: 'Shop order 17',
      product_type: 9,
    });
    expect(created.password).toBe('Secret123');
    const other = newUsername();
    await provider.customers!.create!({ username: other, plan: '14' });
    expect(sim.state.accounts.find((a) => a.username === other)!.product_type).toBe(14);
  });

  it('generates a 12-character letters-and-digits password when none is given', async () => {
    const username = newUsername();
    const { password } = await provider.customers!.create!({ username });
    expect(password).toMatch(/^[A-Za-z0-9]{12}$/);
    expect(sim.state.accounts.find((a) => a.username === username)!.password).toBe(password);
    const reset = await provider.passwords!.reset(username);
    expect(reset.password).toMatch(/^[A-Za-z0-9]{12}$/);
    expect(sent('POST /end-point/whitelist-account/change-password').at(-1)!.body).toEqual({
      app_key: key,
      account: username,
      password: reset.password,
    });
  });

  it('refuses chosen passwords, plans and notes ProxyLite would not take, before any request', async () => {
    const count = sim.server.received.length;
    const username = newUsername();
    for (const input of [
      { username, password: 'with space1' },
      { username, password: 'sym$bol12' },
      { username, password: 'short' },
      { username, password: 'a'.repeat(17) },
      { username, plan: 'premium' },
      { username, note: 'x'.repeat(65) },
      { username, note: '备'.repeat(33) },
      { username, trafficBytes: 1.5 * GB },
    ]) {
      expect((await failure(provider.customers!.create!(input))).code).toBe('invalid_input');
    }
    expect((await failure(provider.passwords!.reset('emmaclark', 'bad:pass'))).code).toBe('invalid_input');
    expect(sim.server.received.length).toBe(count);
  });

  it('sets the starting traffic with change-limit right after creating', async () => {
    const username = newUsername();
    expect(provider.customers!.createTakesTraffic).toBe(true);
    const created = await provider.customers!.create!({ username, trafficBytes: 5 * GB });
    expect(created.customer.limitBytes).toBe(5 * GB);
    expect(sim.state.accounts.find((a) => a.username === username)!.limit_flow).toBe(5);
  });

  it('still returns the password when the starting traffic could not be set, and says so', async () => {
    sim.server.fault({ route: changeLimit, kind: 'status', status: 500, times: 1 });
    const username = newUsername();
    const created = await provider.customers!.create!({ username, trafficBytes: 5 * GB });
    expect(created.password).toMatch(/^[A-Za-z0-9]{12}$/);
    expect(created.customer.limitBytes).toBeNull();
    expect(String(created.customer.extra?.notice)).toContain('NOT set');
  });

  it('says the limit may or may not be set when the change-limit after a create times out', async () => {
    hangUntilDeadline(sim.server, changeLimit, timers, 1);
    const created = await provider.customers!.create!({ username: newUsername(), trafficBytes: 5 * GB });
    expect(created.password).toMatch(/^[A-Za-z0-9]{12}$/);
    expect(String(created.customer.extra?.notice)).toContain('may or may not have been set');
  });

  it('refuses a duplicate name as conflict without sending the add', async () => {
    const adds = sent('POST /end-point/whitelist-account/add').length;
    const error = (await failure(provider.customers!.create!({ username: 'EmmaClark' }))) as ProviderError;
    expect(error.kind).toBe('conflict');
    expect(sent('POST /end-point/whitelist-account/add').length).toBe(adds);
  });

  it('reports a missing account as not_found before sending any change', async () => {
    const before = sim.server.received.filter((r) => r.method === 'POST').length;
    for (const run of [
      () => provider.customers!.disable!('ghost42'),
      () => provider.customers!.delete!('ghost42'),
      () => provider.passwords!.reset('ghost42'),
      () => provider.balance!.add('ghost42', GB),
    ]) {
      expect(((await failure(run())) as ProviderError).kind).toBe('not_found');
    }
    expect(sim.server.received.filter((r) => r.method === 'POST').length).toBe(before);
  });

  it('carries the 5-minute notice on a disabled customer', async () => {
    const disabled = await provider.customers!.disable!('ethanbrown');
    expect(disabled.extra?.notice).toBe(propagationNotices.disable);
    await provider.customers!.enable!('ethanbrown');
  });

  it('pages the unpaginated list locally with one request per page and filters by status', async () => {
    const reads = sent(list).length;
    const page2 = await provider.customers!.list({ page: 2, perPage: 25 });
    expect(sent(list).length - reads).toBe(1);
    const total = sim.state.accounts.length;
    expect(page2).toMatchObject({ page: 2, pages: Math.ceil(total / 25), total });
    expect(page2.customers.map((c) => c.username)).toEqual(sim.state.accounts.slice(25, 50).map((a) => a.username));
    const disabled = await provider.customers!.list({ status: 'disabled', perPage: 100 });
    expect(disabled.customers.length).toBe(sim.state.accounts.filter((a) => a.status === 0).length);
    expect((await failure(provider.customers!.list({ page: 0 }))).code).toBe('invalid_input');
  });

  it('asks for usage with Y-m-d H:i:s times and the username, and converts KB per day to bytes', async () => {
    const now = new Date('2026-11-23T10:30:00Z');
    const pinned = build(sim, { now: () => now });
    const report = await pinned.usage!.report('emmaclark', { days: 7 });
    const query = sent('GET /end-point/user-usage-flow/total').at(-1)!.query;
    expect(query).toMatchObject({
      start_time: '2026-11-17 00:00:00',
      end_time: '2026-11-23 10:30:00',
      username: 'emmaclark',
    });
    const seeded = sim.state.usage.filter(
      (u) => u.username === 'emmaclark' && u.day >= '2026-11-17' && u.day <= '2026-11-23',
    );
    expect(report.days).toEqual(seeded.map((u) => ({ date: u.day, bytes: u.flow * 1000 })));
    expect((await failure(pinned.usage!.report('emmaclark', { days: 31 }))).code).toBe('invalid_input');
  });

  it("reads the reseller's remaining traffic as `effective` KB, per package type", async () => {
    const bytesOf = (list: ResellerBalance[]) => list.map((b) => (b.kind === 'traffic' ? b.bytes : Number.NaN));
    const before = bytesOf(await provider.resellerBalance!.get());
    sim.consume('emmaclark', 1_000_000);
    const balances = await provider.resellerBalance!.get();
    const after = bytesOf(balances);
    const nowText = formatTime(new Date());
    const live9 = sim.state.packages.filter((p) => p.product_type === 9 && p.expired_at > nowText);
    const remainingKb = live9.reduce((sum, p) => sum + p.total - p.used, 0);
    expect(after[0]).toBe(remainingKb * 1000);
    expect(before[0]! - after[0]!).toBe(GB);
    expect(balances.map((b) => b.label)).toEqual([
      'Dynamic residential traffic (type 9)',
      'Long-term IDC traffic (type 12)',
    ]);
    expect(balances[1]).toEqual({
      label: 'Long-term IDC traffic (type 12)',
      kind: 'traffic',
      bytes: 260 * GB,
      displayUnit: 'KB',
    });
  });

  it('builds HTTP and SOCKS5 proxy strings from the configured gateways and the account password', async () => {
    const custom = build(sim, { httpGateway: 'gw.example.net:9000', socks5Gateway: 'gw.example.net:9001' });
    const password = sim.state.accounts.find((a) => a.username === 'avakim')!.password;
    expect(await custom.proxyConfig!.proxies('avakim')).toEqual([
      { host: 'gw.example.net', port: 9000, protocol: 'http', username: 'avakim', password, label: 'gateway' },
      { host: 'gw.example.net', port: 9001, protocol: 'socks5', username: 'avakim', password, label: 'gateway' },
    ]);
    const defaults = await provider.proxyConfig!.proxies('avakim');
    expect(`${defaults[0]!.host}:${defaults[0]!.port}`).toBe(defaultHttpGateway);
  });

  it('keeps the key out of errors, their causes and the logs when the vendor hangs or drops', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logged = build(sim, { logger: pino({ level: 'debug' }, sink) });
    hangUntilDeadline(sim.server, list, timers);
    const hung = await failure(logged.customers!.get('emmaclark'));
    sim.server.clearFaults();
    sim.server.fault({ route: changeLimit, kind: 'drop_after_apply', times: 1 });
    const dropped = await failure(logged.balance!.add('lucasmartin', GB));
    const chain = (e: unknown): string[] => (e ? [String((e as Error).message), ...chain((e as Error).cause)] : []);
    const everything = [...chain(hung), ...chain(dropped), ...lines].join('\n');
    expect(lines.length).toBeGreaterThan(0);
    for (const form of [key, encodeURIComponent(key), 'Secret/Key']) expect(everything).not.toContain(form);
  });
});

describe('the proxylite simulator', () => {
  let sim: ProxyLiteSimulator;
  beforeAll(async () => {
    sim = await startProxyLiteSimulator();
  });
  afterAll(() => sim.close());
  const call = async (method: 'GET' | 'POST', path: string, query: string, body?: unknown) => {
    const res = await fetch(`${sim.baseUrl}${path}${query}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  it('takes app_key from a POST body alone or from the query alone, and answers code 3 over HTTP 200 without it', async () => {
    const inBody = await call('POST', '/end-point/whitelist-account/enable', '', {
      app_key: sim.apiKey,
      accounts: 'jamesreed',
    });
    expect(inBody.body).toEqual({ code: 200, msg: 'success', data: null });
    const inQuery = await call('GET', '/end-point/whitelist-account/list', `?app_key=${sim.apiKey}`);
    expect(inQuery.body.code).toBe(200);
    const none = await call('GET', '/end-point/whitelist-account/list', '');
    expect(none).toEqual({ status: 200, body: { code: 3, msg: 'app_key invalid', data: null } });
  });

  it('answers malformed parameters with the documented ErrorResponse', async () => {
    const res = await call('POST', '/end-point/whitelist-account/change-limit', '', {
      app_key: sim.apiKey,
      account: 'jamesreed',
      limit: 102_401,
    });
    expect(res.body).toMatchObject({ code: 400, message: 'Parameter error', errors: { limit: expect.any(Array) } });
    const symbols = await call('POST', '/end-point/whitelist-account/add', '', {
      app_key: sim.apiKey,
      accounts: 'a_b:pass1',
    });
    expect(symbols.body).toMatchObject({ code: 400, message: 'Parameter error' });
  });

  it('seeds a month of usage for emmaclark with one spike day near five times the typical day', () => {
    const days = sim.state.usage.filter((u) => u.username === 'emmaclark').map((u) => u.flow);
    expect(days.length).toBe(30);
    const sorted = [...days].sort((a, b) => a - b);
    const median = sorted[15]!;
    expect(sorted[29]! / median).toBeGreaterThan(3.5);
    expect(sorted[29]! / median).toBeLessThan(7);
    expect(sorted[28]! / median).toBeLessThan(2);
    const emma = sim.state.accounts.find((a) => a.username === 'emmaclark')!;
    expect(days.reduce((a, b) => a + b, 0)).toBe(emma.usage_flow);
  });

  it('adds generated customers on request, all in the one unpaginated list', async () => {
    const big = await startProxyLiteSimulator({ extraCustomers: 500 });
    try {
      const res = await fetch(`${big.baseUrl}/end-point/whitelist-account/list?app_key=${big.apiKey}`);
      const list = ((await res.json()) as { data: { list: Array<{ username: string }> } }).data.list;
      expect(list.length).toBe(510);
      expect(list.at(-1)!.username).toBe('customer00500');
    } finally {
      await big.close();
    }
  });
});

describe('proxylite configuration', () => {
  it('is disabled without PROXYLITE_APP_KEY and defaults the base URL and gateways', () => {
    expect(proxylite.settingsFromEnv({})).toBeUndefined();
    expect(proxylite.settingsFromEnv({ PROXYLITE_APP_KEY: '' })).toBeUndefined();
    expect(proxylite.settingsFromEnv({ PROXYLITE_APP_KEY: 'k-1234', PROXYLITE_GATEWAY: '' })).toEqual({
      apiKey: 'k-1234',
      baseUrl: 'https://api.proxylite.com',
      httpGateway: 'gate.proxylite.com:8000',
      socks5Gateway: 'gate.proxylite.com:1080',
    });
    expect(proxylite.env.find((v) => v.name === 'PROXYLITE_APP_KEY')?.secret).toBe(true);
  });

  it('rejects a gateway that is not host:port and a base URL that is not a URL', () => {
    const result = proxylite.envSchema.safeParse({
      PROXYLITE_APP_KEY: 'k',
      PROXYLITE_GATEWAY: 'gate.example.com',
      PROXYLITE_SOCKS5_GATEWAY: 'gate.example.com:70000',
      PROXYLITE_BASE_URL: 'not a url',
    });
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((i) => i.path.join('.')).sort();
    expect(paths).toEqual(['PROXYLITE_BASE_URL', 'PROXYLITE_GATEWAY', 'PROXYLITE_SOCKS5_GATEWAY']);
  });
});
