import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppError, ProviderError } from '../../src/errors.js';
import { toMinorUnits } from '../../src/providers/money.js';
import type { VpnResellersSettings } from '../../src/providers/vpnresellers/client.js';
import { vendorError } from '../../src/providers/vpnresellers/client.js';
import { vpnresellers } from '../../src/providers/vpnresellers/index.js';
import { startVpnResellersSimulator, type VpnResellersSimulator } from '../../src/sandbox/vpnresellers/index.js';
import { testTimers } from '../helpers/timers.js';

// Waits between read attempts are recorded, not spent; the timeout is only a net (no test here hangs).
const fast = { timeoutMs: 5_000, timers: testTimers() };

const NOW = Date.parse('2026-03-10T12:00:00Z');
const day = (offset: number) => new Date(NOW + offset * 86_400_000).toISOString().slice(0, 10);

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );
}

describe('vpnresellers provider against its simulator', () => {
  let sim: VpnResellersSimulator;
  const make = (extra: Partial<VpnResellersSettings> = {}) =>
    vpnresellers.create({ baseUrl: sim.baseUrl, apiKey: sim.apiKey, now: () => NOW, ...fast, ...extra });
  const sent = (route: string) => sim.server.received.filter((r) => r.route === route);
  const countSince = (before: number) => sim.server.received.length - before;

  beforeAll(async () => {
    sim = await startVpnResellersSimulator({ now: () => new Date(NOW), extraCustomers: 240 });
  });
  afterAll(() => sim.close());

  it('sends the Bearer token and Accept: application/json, and JSON bodies', async () => {
    const before = sim.server.received.length;
    await make().passwords!.reset('lukas_becker', 'Secret99');
    const requests = sim.server.received.slice(before);
    expect(requests.length).toBeGreaterThan(1);
    for (const r of requests) {
      expect(r.headers.authorization).toBe(`Bearer ${sim.apiKey}`);
      expect(r.headers.accept).toContain('application/json');
    }
    const put = requests.find((r) => r.method === 'PUT')!;
    expect(put.headers['content-type']).toContain('application/json');
    expect(put.body).toEqual({ password: 'Secret99' });
  });

  it('creates an account with a generated letters-and-digits password and charges the reseller balance', async () => {
    const balanceBefore = sim.state.balanceCents;
    const created = await make().customers!.create!({ username: 'new.client' });
    expect(created.password).toMatch(/^[A-Za-z0-9]{16}$/);
    const stored = [...sim.state.accounts.values()].find((a) => a.username === 'new.client')!;
    expect(stored.password).toBe(created.password);
    expect(created.customer).toMatchObject({ username: 'new.client', id: String(stored.id), status: 'active' });
    expect(created.customer.expiresAt).toBe(`${day(30)}T00:00:00.000Z`);
    expect(sim.state.balanceCents).toBe(balanceBefore - sim.state.accountPriceCents);
  });

  it('never puts the WireGuard private key into a Customer', async () => {
    const stored = [...sim.state.accounts.values()].find((a) => a.username === 'maria.garcia')!;
    const customer = await make().customers!.get('maria.garcia');
    expect(JSON.stringify(customer)).not.toContain(stored.wgPrivateKey);
    expect(customer.extra).toMatchObject({ wireguardIp: stored.wgIp, autoRenewal: false });
  });

  it('refuses a short password, a traffic amount or a plan before any request', async () => {
    const before = sim.server.received.length;
    const p = make();
    for (const input of [
      { username: 'okname', password: 'abc12' },
      { username: 'okname', trafficBytes: 1_000_000_000 },
      { username: 'okname', plan: 'premium' },
    ]) {
      const error = await rejection(p.customers!.create!(input));
      expect((error as AppError).code).toBe('invalid_input');
    }
    expect(countSince(before)).toBe(0);
  });

  it('reports a taken username (in any case) as conflict with the vendor field message', async () => {
    const error = (await rejection(make().customers!.create!({ username: 'Maria.Garcia' }))) as ProviderError;
    expect(error.kind).toBe('conflict');
    expect(error.vendorMessage).toBe('The username has already been taken.');
    expect(error.message).toContain('Maria.Garcia');
  });

  it('takes a note without sending it upstream, since the vendor has no field for it', async () => {
    await make().customers!.create!({ username: 'noted.client', note: 'pays yearly', password: 'Noted123' });
    expect(sent('POST /v4_1/accounts').at(-1)!.body).toEqual({ username: 'noted.client', password: 'Noted123' });
  });

  it('still hands over the password when the created account comes back unreadable', async () => {
    sim.server.fault({ route: 'POST /v4_1/accounts', kind: 'malformed', text: '<html>oops', times: 1 });
    const created = await make().customers!.create!({ username: 'garbled.reply' });
    const stored = [...sim.state.accounts.values()].find((a) => a.username === 'garbled.reply')!;
    expect(created.password).toBe(stored.password);
    expect(created.customer).toMatchObject({ username: 'garbled.reply', id: String(stored.id) });
  });

  it('still hands over a new password when the change_password answer is unreadable', async () => {
    sim.server.fault({ route: 'PUT /v4_1/accounts/:account/change_password', kind: 'malformed', times: 1 });
    await expect(make().passwords!.reset('arjun.mehta', 'Fresh123')).resolves.toEqual({ password: 'Fresh123' });
    expect([...sim.state.accounts.values()].find((a) => a.username === 'arjun.mehta')!.password).toBe('Fresh123');
  });

  it('turns an unreadable config answer into bad_response', async () => {
    sim.server.fault({ route: 'GET /v4_1/configuration/wireguard', kind: 'malformed', text: '{"data":{}}', times: 5 });
    const error = (await rejection(make().vpnConfig!.wireguard('maria.garcia', { serverId: '1' }))) as ProviderError;
    expect(error.kind).toBe('bad_response');
    sim.server.clearFaults();
  });

  it('reports 402 Insufficient Balance on create as insufficient_funds and creates nothing', async () => {
    const saved = sim.state.balanceCents;
    sim.state.balanceCents = 100;
    try {
      const error = (await rejection(make().customers!.create!({ username: 'broke_client' }))) as ProviderError;
      expect(error.kind).toBe('insufficient_funds');
      expect(error.status).toBe(402);
      expect(error.vendorMessage).toBe('Insufficient Balance.');
      expect([...sim.state.accounts.values()].some((a) => a.username === 'broke_client')).toBe(false);
    } finally {
      sim.state.balanceCents = saved;
    }
  });

  it('answers not_found for a free username after one check_username call, without walking the list', async () => {
    const before = sim.server.received.length;
    const error = (await rejection(make().customers!.get('ghost_user'))) as ProviderError;
    expect(error.kind).toBe('not_found');
    const requests = sim.server.received.slice(before);
    expect(requests.map((r) => r.route)).toEqual(['GET /v4_1/accounts/check_username']);
    expect(requests[0]!.query).toEqual({ username: 'ghost_user' });
  });

  it('finds an account on a late page using per_page, then remembers its id', async () => {
    const p = make({ pageSize: 50 });
    const before = sim.server.received.length;
    const customer = await p.customers!.get('client00230');
    const pages = sim.server.received.slice(before).filter((r) => r.route === 'GET /v4_1/accounts');
    expect(pages.length).toBeGreaterThanOrEqual(5);
    for (const r of pages) expect(r.query.per_page).toBe('50');
    expect(customer.username).toBe('client00230');
    const again = sim.server.received.length;
    await p.customers!.get('client00230');
    expect(sim.server.received.slice(again).map((r) => r.route)).toEqual(['GET /v4_1/accounts/:account']);
  });

  it('matches a username regardless of case', async () => {
    const customer = await make().customers!.get('MARIA.GARCIA');
    expect(customer.username).toBe('maria.garcia');
  });

  it('notices a remembered id that now belongs to no one and looks the name up again', async () => {
    const p = make();
    const first = await p.customers!.get('emma.dubois');
    const old = sim.state.accounts.get(Number(first.id))!;
    sim.state.accounts.delete(old.id);
    const moved = { ...old, id: sim.state.nextId++ };
    sim.state.accounts.set(moved.id, moved);
    const second = await p.customers!.get('emma.dubois');
    expect(second.id).toBe(String(moved.id));
  });

  it('lists one page with the vendor status filter and walks every page for listAll', async () => {
    const p = make();
    const before = sim.server.received.length;
    const disabled = await p.customers!.list({ status: 'disabled', page: 1, perPage: 10 });
    expect(sim.server.received[before]!.query).toMatchObject({ status: 'Disabled', page: '1', per_page: '10' });
    expect(disabled.customers.every((c) => c.status === 'disabled')).toBe(true);
    expect(disabled.customers.map((c) => c.username)).toContain('james.oconnor');
    expect(disabled.total).toBe([...sim.state.accounts.values()].filter((a) => a.status === 'Disabled').length);
    const all = await make({ pageSize: 30 }).customers!.listAll();
    expect(all.length).toBe(sim.state.accounts.size);
    expect(new Set(all.map((c) => c.id)).size).toBe(all.length);
  });

  it('adds days from the current expiry when it is in the future, sending expire_at as Y-m-d', async () => {
    const after = await make().balance!.add('arjun.mehta', 30);
    expect(after.expiresAt).toBe(`${day(105)}T00:00:00.000Z`);
    expect(sent('PUT /v4_1/accounts/:account/expire').at(-1)!.body).toEqual({ expire_at: day(105) });
  });

  it('adds days from today when the account has already expired', async () => {
    const after = await make().balance!.add('pedro_alves', 10);
    expect(after.expiresAt).toBe(`${day(10)}T00:00:00.000Z`);
  });

  it('answers conflict for an auto-renewing account and sends no change', async () => {
    const p = make();
    const before = sent('PUT /v4_1/accounts/:account/expire').length;
    const aiko = await p.customers!.get('aiko.tanaka');
    expect(aiko.expiresAt).toBeNull();
    expect(aiko.extra?.autoRenewal).toBe(true);
    for (const run of [() => p.balance!.add('aiko.tanaka', 5), () => p.balance!.remove!('aiko.tanaka', 5)]) {
      const error = (await rejection(run())) as ProviderError;
      expect(error.kind).toBe('conflict');
      expect(error.message).toContain('renews automatically');
    }
    expect(sent('PUT /v4_1/accounts/:account/expire').length).toBe(before);
  });

  it('removes days down to today but refuses to move the expiry before today', async () => {
    const p = make();
    const sofia = await p.customers!.get('sofia-rossi');
    expect(sofia.expiresAt).toBe(`${day(2)}T00:00:00.000Z`);
    const before = sent('PUT /v4_1/accounts/:account/expire').length;
    const error = (await rejection(p.balance!.remove!('sofia-rossi', 3))) as AppError;
    expect(error.code).toBe('invalid_input');
    expect(error.message).toContain('at most 2 day(s)');
    expect(sent('PUT /v4_1/accounts/:account/expire').length).toBe(before);
    const after = await p.balance!.remove!('sofia-rossi', 2);
    expect(after.expiresAt).toBe(`${day(0)}T00:00:00.000Z`);
  });

  it('refuses day amounts that are not whole, positive or sane before any request', async () => {
    const before = sim.server.received.length;
    for (const amount of [0, -3, 1.5, Number.NaN, 3651]) {
      const error = (await rejection(make().balance!.add('maria.garcia', amount))) as AppError;
      expect(error.code).toBe('invalid_input');
    }
    expect(countSince(before)).toBe(0);
  });

  it('sets a chosen password and refuses one shorter than 6 before any request', async () => {
    const p = make();
    await expect(p.passwords!.reset('noah-kowalski', 'Chosen77')).resolves.toEqual({ password: 'Chosen77' });
    expect([...sim.state.accounts.values()].find((a) => a.username === 'noah-kowalski')!.password).toBe('Chosen77');
    const before = sim.server.received.length;
    const error = (await rejection(p.passwords!.reset('noah-kowalski', 'abc'))) as AppError;
    expect(error.code).toBe('invalid_input');
    expect(countSince(before)).toBe(0);
  });

  it('disables and enables through the account id routes', async () => {
    const p = make();
    expect((await p.customers!.disable!('lukas_becker')).status).toBe('disabled');
    expect([...sim.state.accounts.values()].find((a) => a.username === 'lukas_becker')!.status).toBe('Disabled');
    expect((await p.customers!.enable!('lukas_becker')).status).toBe('active');
  });

  it('forgets a deleted account so it is not found afterwards', async () => {
    const p = make();
    await p.customers!.create!({ username: 'short_lived' });
    await p.customers!.delete!('short_lived');
    expect(((await rejection(p.customers!.get('short_lived'))) as ProviderError).kind).toBe('not_found');
  });

  it('reads the reseller balance string as cents in the configured currency', async () => {
    sim.state.balanceCents = 25_370;
    expect(await make().resellerBalance!.get()).toEqual([
      { label: 'Reseller balance', kind: 'money', minor: 25_370, currency: 'USD' },
    ]);
    expect((await make({ currency: 'EUR' }).resellerBalance!.get())[0]).toMatchObject({ currency: 'EUR' });
  });

  it('builds an OpenVPN file for a server chosen by name and a port id', async () => {
    const p = make();
    const ports = await p.vpnConfig!.ports();
    expect(ports.find((x) => x.isDefault)).toEqual({ id: '1', protocol: 'udp', number: 1194, isDefault: true });
    const tcp = ports.find((x) => x.protocol === 'tcp' && x.number === 443)!;
    const file = await p.vpnConfig!.openvpn('maria.garcia', { serverId: 'FRA-S03.321inter.net', portId: tcp.id });
    expect(file.name).toBe('DE-443.ovpn');
    expect(file.content).toContain('remote 185.220.70.12 443');
    expect(file.content).toContain('proto tcp');
    expect(file.content).toContain('-----BEGIN CERTIFICATE-----');
    expect(sent('GET /v4_1/configuration/openvpn').at(-1)!.query).toEqual({ server_id: '5', port_id: tcp.id });
  });

  it("builds a WireGuard file with the account's key and address, asked by account id", async () => {
    const stored = [...sim.state.accounts.values()].find((a) => a.username === 'maria.garcia')!;
    const file = await make().vpnConfig!.wireguard('maria.garcia', { serverId: '3' });
    expect(file.name).toBe('wg0.conf');
    expect(file.content).toContain(`PrivateKey = ${stored.wgPrivateKey}`);
    expect(file.content).toContain(`Address = ${stored.wgIp}`);
    expect(file.content).toContain('Endpoint = 45.64.186.109:51820');
    expect(sent('GET /v4_1/configuration/wireguard').at(-1)!.query).toEqual({
      server_id: '3',
      account_id: String(stored.id),
    });
  });

  it('refuses an unknown server name and a non-numeric port id', async () => {
    const p = make();
    const noServer = (await rejection(p.vpnConfig!.wireguard('maria.garcia', { serverId: 'mars-s01' }))) as AppError;
    expect(noServer.code).toBe('invalid_input');
    const badPort = (await rejection(
      p.vpnConfig!.openvpn('maria.garcia', { serverId: '1', portId: 'udp' }),
    )) as AppError;
    expect(badPort.code).toBe('invalid_input');
  });

  it('surfaces the 422 field messages when the vendor rejects a config request', async () => {
    const error = (await rejection(
      make().vpnConfig!.openvpn('maria.garcia', { serverId: '999', portId: '1' }),
    )) as ProviderError;
    expect(error.kind).toBe('rejected');
    expect(error.vendorMessage).toBe('The selected server id is invalid.');
  });

  it('keeps the API token out of the error a wrong token produces', async () => {
    const token = 'wrong-token-abcdef';
    const error = (await rejection(make({ apiKey: token }).ping())) as ProviderError;
    expect(error.kind).toBe('auth');
    expect(error.vendorMessage).toBe('Unauthorized.');
    expect(`${error.message} ${error.hint ?? ''} ${JSON.stringify(error)}`).not.toContain(token);
  });
});

describe('vpnresellers error and unit mapping', () => {
  const response = (status: number, body: unknown) => ({
    status,
    headers: new Headers(),
    text: JSON.stringify(body),
    body,
  });

  it('maps each documented status to its error kind', () => {
    const cases: Array<[number, ProviderError['kind']]> = [
      [400, 'rejected'],
      [401, 'auth'],
      [402, 'insufficient_funds'],
      [403, 'auth'],
      [404, 'not_found'],
      [405, 'rejected'],
      [422, 'rejected'],
      [460, 'not_found'],
      [461, 'rejected'],
      [500, 'unavailable'],
    ];
    for (const [status, kind] of cases) {
      expect(vendorError(response(status, { message: 'x', code: status }), false).kind).toBe(kind);
    }
  });

  it('uses the 422 field messages, not the generic Laravel message, as the vendor message', () => {
    const error = vendorError(
      response(422, {
        message: 'The given data was invalid.',
        errors: { server_id: ['The server id field is required.'], port_id: ['The selected port id is invalid.'] },
        code: 422,
      }),
      true,
    );
    expect(error.vendorMessage).toBe('The server id field is required. The selected port id is invalid.');
  });

  it('reads a 502 on a change as outcome_unknown', () => {
    expect(vendorError(response(502, {}), true).kind).toBe('outcome_unknown');
  });

  it('converts decimal balance strings to cents without floating-point drift', () => {
    expect(toMinorUnits('253.70')).toBe(25_370);
    expect(toMinorUnits('0.1')).toBe(10);
    expect(toMinorUnits('12')).toBe(1_200);
    expect(toMinorUnits('-3.05')).toBe(-305);
    expect(toMinorUnits('19.999')).toBe(2_000);
    expect(toMinorUnits(1.15)).toBe(115);
  });
});

describe('vpnresellers module', () => {
  it('is disabled without a token and fills the documented defaults', () => {
    expect(vpnresellers.settingsFromEnv({})).toBeUndefined();
    expect(vpnresellers.settingsFromEnv({ VPNRESELLERS_API_TOKEN: '' })).toBeUndefined();
    expect(vpnresellers.settingsFromEnv({ VPNRESELLERS_API_TOKEN: 'tok-123', VPNRESELLERS_BASE_URL: '' })).toEqual({
      apiKey: 'tok-123',
      baseUrl: 'https://api.vpnresellers.com/v4_1',
      currency: 'USD',
      pageSize: 100,
    });
  });

  it('takes the overrides and refuses bad values', () => {
    expect(
      vpnresellers.settingsFromEnv({
        VPNRESELLERS_API_TOKEN: 'tok-123',
        VPNRESELLERS_BASE_URL: 'http://127.0.0.1:9/v4_1',
        VPNRESELLERS_CURRENCY: 'eur',
        VPNRESELLERS_PAGE_SIZE: '250',
      }),
    ).toMatchObject({ baseUrl: 'http://127.0.0.1:9/v4_1', currency: 'EUR', pageSize: 250 });
    expect(vpnresellers.envSchema.safeParse({ VPNRESELLERS_CURRENCY: 'dollars' }).success).toBe(false);
    expect(vpnresellers.envSchema.safeParse({ VPNRESELLERS_PAGE_SIZE: '0' }).success).toBe(false);
    expect(vpnresellers.envSchema.safeParse({ VPNRESELLERS_BASE_URL: 'ftp://x' }).success).toBe(false);
  });

  it('lists the token as the one secret variable', () => {
    expect(vpnresellers.env.filter((v) => v.secret).map((v) => v.name)).toEqual(['VPNRESELLERS_API_TOKEN']);
    expect(vpnresellers.env.map((v) => v.name)).toEqual([
      'VPNRESELLERS_API_TOKEN',
      'VPNRESELLERS_BASE_URL',
      'VPNRESELLERS_CURRENCY',
      'VPNRESELLERS_PAGE_SIZE',
    ]);
  });
});

describe('vpnresellers simulator', () => {
  let sim: VpnResellersSimulator;
  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${sim.baseUrl}${path}`, {
      headers: { Authorization: `Bearer ${sim.apiKey}`, Accept: 'application/json', ...headers },
    });

  beforeAll(async () => {
    sim = await startVpnResellersSimulator({ now: () => new Date(NOW) });
  });
  afterAll(() => sim.close());

  it('answers check_username with 200 when free and 422 when taken', async () => {
    const free = await get('/accounts/check_username?username=brand_new');
    expect(free.status).toBe(200);
    expect(await free.json()).toEqual({ message: 'The username checking was successfully.', code: 200 });
    const taken = await get('/accounts/check_username?username=maria.garcia');
    expect(taken.status).toBe(422);
    expect(await taken.json()).toMatchObject({
      errors: { username: ['The username has already been taken.'] },
      code: 422,
    });
  });

  it('pages accounts the Laravel way and validates per_page', async () => {
    const body = (await (await get('/accounts?per_page=4&page=2')).json()) as {
      data: unknown[];
      meta: { current_page: number; last_page: number; total: number; per_page: number };
      links: { prev: string | null };
    };
    expect(body.data).toHaveLength(4);
    expect(body.meta).toMatchObject({ current_page: 2, last_page: 3, total: 10, per_page: 4 });
    expect(body.links.prev).toContain('page=1');
    expect((await get('/accounts?per_page=abc')).status).toBe(422);
  });

  it('answers a wrong token with 401 Unauthorized.', async () => {
    const res = await get('/profile', { Authorization: 'Bearer nope' });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ message: 'Unauthorized.', code: 401 });
  });

  it('serves the balance as a string and the server list without a code, as documented', async () => {
    expect(await (await get('/profile')).json()).toEqual({ data: { balance: '253.70' }, code: 200 });
    const servers = (await (await get('/servers')).json()) as Record<string, unknown> & { data: unknown[] };
    expect(servers.code).toBeUndefined();
    expect(servers.data.length).toBeGreaterThanOrEqual(10);
  });

  it('downloads a config as a file when asked with text/html', async () => {
    const res = await get('/configuration/openvpn?server_id=1&port_id=1', { Accept: 'text/html; charset=UTF-8' });
    expect(res.headers.get('content-disposition')).toContain('NL-1194.ovpn');
    expect(await res.text()).toContain('remote 46.249.36.188 1194');
  });

  it('shows an account by username only with its own Basic credentials', async () => {
    const basic = (user: string, pass: string) => `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
    const okRes = await get('/un/accounts/show?username=maria.garcia', {
      Authorization: basic('maria.garcia', 'Vq7pLm2xRt'),
    });
    expect(okRes.status).toBe(200);
    const bad = await get('/un/accounts/show?username=maria.garcia', {
      Authorization: basic('maria.garcia', 'wrong1'),
    });
    expect(bad.status).toBe(401);
  });

  it('validates an account with 460 for an unknown name and 461 for a wrong password', async () => {
    const post = (body: unknown) =>
      fetch(`${sim.baseUrl}/accounts/1/validate`, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${sim.apiKey}`,
          Accept: 'application/json',
          'Content-Type': 'application/json',
        },
        body: JSON.stringify(body),
      });
    expect((await post({ username: 'nobody_x', password: 'whatever' })).status).toBe(460);
    expect((await post({ username: 'maria.garcia', password: 'whatever' })).status).toBe(461);
    expect(await (await post({ username: 'maria.garcia', password: 'Vq7pLm2xRt' })).json()).toMatchObject({
      success: true,
    });
  });

  it('refuses an expire_at that is not a Y-m-d date', async () => {
    const res = await fetch(`${sim.baseUrl}/accounts/10431/expire`, {
      method: 'PUT',
      headers: {
        Authorization: `Bearer ${sim.apiKey}`,
        Accept: 'application/json',
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({ expire_at: '2026-02-30' }),
    });
    expect(res.status).toBe(422);
  });

  it('seeds an active, a disabled, an auto-renewing and a soon-expiring account, and generates extras', async () => {
    const accounts = [...sim.state.accounts.values()];
    expect(accounts.some((a) => a.status === 'Disabled')).toBe(true);
    expect(accounts.some((a) => a.expiresOn === null)).toBe(true);
    expect(accounts.some((a) => a.expiresOn !== null && a.expiresOn > day(0) && a.expiresOn <= day(3))).toBe(true);
    const big = await startVpnResellersSimulator({ seed: false, extraCustomers: 10_000 });
    try {
      expect(big.state.accounts.size).toBe(10_000);
    } finally {
      await big.close();
    }
  });
});
