import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ProviderId, providerIds } from '../../src/providers/registry.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { decodeQrPng } from '../images/qr-decode.js';

/** Each core command against the five simulators, through the same dispatcher every platform uses. */
describe('core commands against the simulators', () => {
  let t: TestApp;
  const seeded = {} as Record<ProviderId, string>;
  const fresh: Partial<Record<ProviderId, string>> = {
    infiniteproxies: 'newcust01',
    proxyshard: 'newcust01',
    proxylite: 'newcust01',
    vpnresellers: 'newcust01',
    youproxy: '1',
  };

  beforeAll(async () => {
    t = await startTestApp();
    for (const id of providerIds) {
      const listed = await t.run(`customer list ${id} status:active`);
      const customers = listed.data.customers as Array<{ username: string }>;
      seeded[id] = customers[0]!.username;
    }
  });
  afterAll(() => t.close());

  const totalRequests = () => providerIds.reduce((sum, id) => sum + t.sim(id).received.length, 0);

  it.each(providerIds)('lists customers on %s with page and pages', async (id) => {
    const out = await t.run(`customer list ${id}`);
    expect(out.ok).toBe(true);
    expect(out.data.provider).toBe(id);
    expect(out.data.page).toBe(1);
    expect(out.data.pages).toBeGreaterThanOrEqual(1);
    expect((out.data.customers as unknown[]).length).toBeGreaterThan(0);
  });

  it.each(providerIds)('shows a seeded customer on %s', async (id) => {
    const out = await t.run(`customer info ${id} ${seeded[id]}`);
    expect(out.ok).toBe(true);
    expect(out.data).toMatchObject({ provider: id, username: seeded[id], status: 'active' });
  });

  it.each([
    'infiniteproxies',
    'proxyshard',
    'proxylite',
    'vpnresellers',
  ] as const)('creates a customer on %s and shows the password privately', async (id) => {
    const out = await t.run(`customer create ${id} ${fresh[id]} confirm:yes`);
    expect(out.error).toBeNull();
    expect(out.visibility).toBe('private');
    expect(out.data.provider).toBe(id);
    expect(String(out.data.username).toLowerCase()).toBe(fresh[id]);
    expect(String(out.data.password).length).toBeGreaterThanOrEqual(6);
  });

  it('says clearly that Youproxy has no accounts to create', async () => {
    const before = totalRequests();
    const out = await t.run('customer create youproxy 123');
    expect(out.error?.code).toBe('unsupported');
    expect(totalRequests()).toBe(before);
  });

  it('asks for confirmation before a paid create, and sends nothing', async () => {
    // The question reads what it costs (docs/commands.md#confirmations); it changes nothing.
    const changes = () =>
      providerIds.reduce((sum, id) => sum + t.sim(id).received.filter((r) => r.method !== 'GET').length, 0);
    const before = changes();
    const out = await t.run('customer create infiniteproxies paidcheck');
    expect(out.ok).toBe(false);
    expect(out.error?.code).toBe('confirmation_required');
    expect(out.confirmation?.prompt).toMatch(/paidcheck/);
    expect(changes()).toBe(before);
  });

  it.each([
    ['proxylite', 'disable', 'disabled'],
    ['proxylite', 'enable', 'active'],
    ['vpnresellers', 'disable', 'disabled'],
    ['vpnresellers', 'enable', 'active'],
  ] as const)('%s: customer %s leaves the account %s', async (id, verb, status) => {
    const out = await t.run(`customer ${verb} ${id} ${seeded[id]}`);
    expect(out.error).toBeNull();
    expect(out.data).toMatchObject({ provider: id, status });
  });

  it.each(['infiniteproxies', 'proxyshard', 'youproxy'] as const)('%s: enable is unsupported', async (id) => {
    const out = await t.run(`customer enable ${id} ${seeded[id]}`);
    expect(out.error?.code).toBe('unsupported');
  });

  it.each([
    ['infiniteproxies', '100', 'MB'],
    ['proxyshard', '1', 'GB'],
    ['proxylite', '2', 'GB'],
    ['vpnresellers', '30', 'days'],
    ['youproxy', '30', 'days'],
  ] as const)('%s: balance add %s lands in %s', async (id, amount, unit) => {
    const out = await t.run(`balance add ${id} ${seeded[id]} ${amount} confirm:yes`);
    expect(out.error).toBeNull();
    expect(out.data).toMatchObject({ provider: id, amount: Number(amount), unit });
    expect(out.data.balance).toMatchObject({ unit });
  });

  it.each([
    ['infiniteproxies', '10'],
    ['proxyshard', '1'],
    ['proxylite', '1'],
    ['vpnresellers', '1'],
  ] as const)('%s: balance remove takes it back', async (id, amount) => {
    const before = (await t.run(`customer info ${id} ${seeded[id]}`)).data.balance as { amount: number };
    const out = await t.run(`balance remove ${id} ${seeded[id]} ${amount} confirm:yes`);
    expect(out.error).toBeNull();
    expect((out.data.balance as { amount: number }).amount).toBeLessThan(before.amount);
  });

  it('refuses balance remove on Youproxy, which can only extend', async () => {
    const out = await t.run(`balance remove youproxy ${seeded.youproxy} 30 confirm:yes`);
    expect(out.error?.code).toBe('unsupported');
  });

  it('refuses an InfiniteProxies amount off its 10 MB steps before any request', async () => {
    const before = totalRequests();
    const out = await t.run(`balance add infiniteproxies ${seeded.infiniteproxies} 15 confirm:yes`);
    expect(out.error?.code).toBe('invalid_input');
    expect(out.text).toMatch(/steps of 10 MB/);
    expect(totalRequests()).toBe(before);
  });

  it.each([
    'infiniteproxies',
    'proxyshard',
    'proxylite',
    'vpnresellers',
  ] as const)('%s: password reset returns a new password privately', async (id) => {
    const out = await t.run(`password reset ${id} ${seeded[id]}`);
    expect(out.error).toBeNull();
    expect(out.visibility).toBe('private');
    expect(String(out.data.password).length).toBeGreaterThanOrEqual(6);
  });

  it.each([
    'infiniteproxies',
    'proxyshard',
    'proxylite',
    'youproxy',
  ] as const)('%s: config get gives proxy strings and a .txt file, privately', async (id) => {
    const out = await t.run(`config get ${id} ${seeded[id]}`);
    expect(out.error).toBeNull();
    expect(out.visibility).toBe('private');
    const proxies = out.data.proxies as string[];
    expect(proxies.length).toBeGreaterThan(0);
    expect(proxies[0]).toMatch(/^(http|socks5):\/\/.+:\d+$/);
    expect(out.files[0]?.name).toMatch(/\.txt$/);
    expect(out.files[0]?.data.toString('utf8').trim().split('\n')).toEqual(proxies);
  });

  it.each([
    ['infiniteproxies', 'account credentials + gateway'],
    ['proxylite', 'account credentials + gateway'],
    ['youproxy', 'order'],
  ] as const)('%s: config get says where its proxies come from', async (id, source) => {
    const out = await t.run(`config get ${id} ${seeded[id]}`);
    const expected = source === 'order' ? `order ${seeded[id]}` : source;
    expect(out.fields?.find((f) => f.label === 'Source')?.value).toBe(expected);
  });

  it('formats proxy strings as host:port:user:pass on request', async () => {
    const out = await t.run(`config get proxylite ${seeded.proxylite} format:colon`);
    expect((out.data.proxies as string[])[0]).toMatch(/^[^:/]+:\d+:[^:]+:[^:]+$/);
  });

  it('gives an OpenVPN file for the default port, and WireGuard with a QR code', async () => {
    const ovpn = await t.run(`config get vpnresellers ${seeded.vpnresellers}`);
    expect(ovpn.error).toBeNull();
    expect(ovpn.files.map((f) => f.name)).toEqual([expect.stringMatching(/\.ovpn$/)]);
    expect(ovpn.files[0]!.data.toString()).toContain('remote ');
    const wg = await t.run(`config get vpnresellers ${seeded.vpnresellers} type:wireguard`);
    expect(wg.error).toBeNull();
    expect(wg.files.map((f) => f.contentType)).toEqual(['text/plain; charset=utf-8', 'image/png']);
    expect(wg.files[1]!.data.subarray(1, 4).toString()).toBe('PNG');
    // The QR code is the config itself: what the WireGuard app imports by scanning it.
    expect(decodeQrPng(wg.files[1]!.data)).toBe(wg.files[0]!.data.toString('utf8'));
  });

  it('picks a VPN server by name and a port by number', async () => {
    const servers = await t.app.services.providers.get('vpnresellers').vpnConfig!.servers();
    const ports = await t.app.services.providers.get('vpnresellers').vpnConfig!.ports();
    const server = servers[1]!;
    const port = ports.find((p) => !p.isDefault)!;
    const out = await t.run(
      `config get vpnresellers ${seeded.vpnresellers} server:"${server.name}" port:${port.number}`,
    );
    expect(out.error).toBeNull();
    expect(out.fields.find((f) => f.label === 'Server')?.value).toContain(server.name);
    expect(out.fields.find((f) => f.label === 'Port')?.value).toContain(String(port.number));
  });

  it('names the server it cannot find and lists some that exist', async () => {
    const out = await t.run(`config get vpnresellers ${seeded.vpnresellers} server:atlantis`);
    expect(out.error?.code).toBe('invalid_input');
    expect(out.text).toMatch(/no server "atlantis"/);
  });

  it.each([
    'infiniteproxies',
    'proxylite',
  ] as const)('%s: usage show gives days, a total and a PNG chart', async (id) => {
    const out = await t.run(`usage show ${id} ${seeded[id]} days:7`);
    expect(out.error).toBeNull();
    const days = out.data.days as Array<{ date: string; bytes: number }>;
    expect(days.length).toBeGreaterThan(0);
    expect(days.length).toBeLessThanOrEqual(7);
    for (const d of days) expect(d.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(out.data.totalBytes).toBe(days.reduce((s, d) => s + d.bytes, 0));
    expect(out.files[0]?.contentType).toBe('image/png');
  });

  it('shows ProxyShard usage as totals', async () => {
    const out = await t.run(`usage show proxyshard ${seeded.proxyshard}`);
    expect(out.error).toBeNull();
    expect(out.data.days).toEqual([]);
    expect(out.data.totalBytes).toBeGreaterThanOrEqual(0);
  });

  it.each(['vpnresellers', 'youproxy'] as const)('%s: usage is unsupported, said clearly', async (id) => {
    const out = await t.run(`usage show ${id} ${seeded[id]}`);
    expect(out.error?.code).toBe('unsupported');
    expect(out.text).toMatch(/does not offer usage history/);
  });

  it('reports every provider balance in one reply', async () => {
    const out = await t.run('reseller balance');
    expect(out.ok).toBe(true);
    const balances = out.data.balances as Array<{ provider: string; amount: number; unit: string }>;
    expect(new Set(balances.map((b) => b.provider))).toEqual(new Set(providerIds));
    for (const b of balances) expect(['MB', 'GB', 'KB', 'USD']).toContain(b.unit);
  });

  it('shows a failing provider as an error line without failing the command', async () => {
    t.sim('youproxy').fault({ route: '*', kind: 'status', status: 503 });
    try {
      const out = await t.run('reseller balance');
      expect(out.ok).toBe(true);
      expect(out.data.errors).toEqual([
        expect.objectContaining({ provider: 'youproxy', code: 'upstream_unavailable' }),
      ]);
      expect(out.fields.find((f) => f.label === 'Youproxy')?.value).toMatch(/⚠/);
    } finally {
      t.sim('youproxy').clearFaults();
    }
  });

  it('turns a malformed upstream body into an upstream error and keeps working', async () => {
    t.sim('proxylite').fault({ route: '*', kind: 'malformed', text: '<html>oops</html>' });
    const broken = await t.run(`customer info proxylite ${seeded.proxylite}`);
    t.sim('proxylite').clearFaults();
    expect(broken.ok).toBe(false);
    expect(broken.error?.code).toMatch(/^upstream_/);
    const fine = await t.run(`customer info proxylite ${seeded.proxylite}`);
    expect(fine.ok).toBe(true);
  });

  it.each([
    'customer info proxylite ../@me',
    'customer info infiniteproxies "a/b"',
    'balance add proxylite bob -5',
    'balance add proxylite bob 5 unit:days',
    'balance add vpnresellers bob 1.5',
    'customer create proxylite "bad name"',
    'usage show infiniteproxies bob days:99',
    'config get vpnresellers bob type:proxy',
    'config get proxylite bob type:openvpn',
  ])('refuses %j with zero upstream requests', async (line) => {
    const before = totalRequests();
    const out = await t.run(line);
    expect(out.ok).toBe(false);
    expect(['invalid_input', 'unsupported']).toContain(out.error?.code);
    expect(totalRequests()).toBe(before);
  });

  it('deletes only after confirmation', async () => {
    const asked = await t.run(`customer delete proxylite ${fresh.proxylite}`);
    expect(asked.error?.code).toBe('confirmation_required');
    const done = await t.run(`customer delete proxylite ${fresh.proxylite} confirm:yes`);
    expect(done.error).toBeNull();
    expect(done.data).toMatchObject({ provider: 'proxylite', deleted: true });
    const gone = await t.run(`customer info proxylite ${fresh.proxylite}`);
    expect(gone.error?.code).toBe('not_found');
  });

  it('marks every reply as sandbox', async () => {
    const out = await t.run('help');
    expect(out.footer).toMatch(/SANDBOX/);
  });
});
