import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProxyLiteSimulator } from '../../src/sandbox/proxylite/index.js';
import type { VpnResellersSimulator } from '../../src/sandbox/vpnresellers/index.js';
import type { YouproxySimulator } from '../../src/sandbox/youproxy/index.js';
import { about, type Harness, startHarness } from './harness.js';

const GB_IN_KB = 1_000_000;

describe('the notifier against the five simulators, on a fixed clock', () => {
  let h: Harness;
  const proxylite = () => h.sandbox.simulators.proxylite as ProxyLiteSimulator;

  beforeEach(async () => {
    h = await startHarness();
    expect((await h.run('alerts channel set C100 platform:discord')).ok).toBe(true);
  });
  afterEach(() => h.close());

  it('fires once when a customer crosses a traffic threshold, and not again on the next sweeps', async () => {
    await h.run('alerts rule add traffic-below provider:proxylite threshold:20%');
    const first = await h.notifier.runOnce();
    // Seeded: liamwong has 8 of 50 GB (16 %), sofiaperez 0 of 20 GB.
    expect(first.messages.map((m) => m.subject).sort()).toEqual([
      'proxylite:customer:liamwong',
      'proxylite:customer:sofiaperez',
    ]);
    expect(h.sink.delivered).toHaveLength(2);

    // lucasmartin: 100 GB, 12 used; 75 more leaves 13 %.
    proxylite().consume('lucasmartin', 75 * GB_IN_KB);
    h.advance(15 * 60_000);
    const second = await h.notifier.runOnce();
    expect(second.messages.map((m) => m.subject)).toEqual(['proxylite:customer:lucasmartin']);
    expect(second.messages[0]?.lines[0]).toMatch(/13 % of 100 GB/);

    h.advance(15 * 60_000);
    const third = await h.notifier.runOnce();
    expect(third.messages).toEqual([]);
    expect(h.sink.delivered).toHaveLength(3);
  });

  it('re-arms after a top-up and fires again when the traffic falls below once more', async () => {
    await h.run('alerts rule add traffic-below provider:proxylite threshold:20%');
    await h.notifier.runOnce();
    const liam = proxylite().state.accounts.find((a) => a.username === 'liamwong')!;
    liam.limit_flow = 100; // top-up: 58 GB left of 100
    h.advance(15 * 60_000);
    expect(about((await h.notifier.runOnce()).messages, 'proxylite:customer:liamwong')).toEqual([]);
    proxylite().consume('liamwong', 45 * GB_IN_KB); // 13 GB of 100 left
    h.advance(15 * 60_000);
    const again = about((await h.notifier.runOnce()).messages, 'proxylite:customer:liamwong');
    expect(again).toHaveLength(1);
    expect(again[0]?.lines[0]).toMatch(/13 % of 100 GB/);
  });

  it("re-arms the reseller's balance alert after the reseller tops up at the provider", async () => {
    await h.run('alerts rule add reseller-balance-below provider:youproxy amount:500');
    const youproxy = h.sandbox.simulators.youproxy as YouproxySimulator;
    expect((await h.notifier.runOnce()).messages.map((m) => m.lines)).toEqual([
      ['Balance is 184.37 USD, below 500 USD'],
    ]);
    youproxy.state.balanceCents = 90_000;
    h.advance(15 * 60_000);
    expect((await h.notifier.runOnce()).messages).toEqual([]);
    youproxy.state.balanceCents = 42_000;
    h.advance(15 * 60_000);
    expect((await h.notifier.runOnce()).messages.map((m) => m.lines)).toEqual([
      ['Balance is 420.00 USD, below 500 USD'],
    ]);
  });

  it('never re-sends after a restart: the fired set lives in the data dir', async () => {
    await h.run('alerts rule add traffic-below threshold:20%,5%,0');
    await h.run('alerts rule add expires-within days:3');
    const first = await h.notifier.runOnce();
    expect(first.messages.length).toBeGreaterThan(5);
    const sent = h.sink.delivered.length;
    expect(sent).toBe(first.messages.length);

    await h.restart();
    h.advance(15 * 60_000);
    const after = await h.notifier.runOnce();
    expect(after.messages).toEqual([]);
    expect(h.sink.delivered).toHaveLength(sent);
  });

  it("groups one subject's alerts of one sweep into one message, most severe first", async () => {
    await h.run('alerts rule add traffic-below provider:proxylite threshold:20%,5%,0');
    await h.run('alerts rule add usage-spike provider:proxylite factor:3');
    // liamwong: ~4.2 GB a day for 10 days; 30 GB today is a spike and uses up the 8 GB left.
    proxylite().consume('liamwong', 30 * GB_IN_KB);
    const report = await h.notifier.runOnce();
    const liam = about(report.messages, 'proxylite:customer:liamwong');
    expect(liam).toHaveLength(1);
    expect(liam[0]?.lines).toHaveLength(2);
    expect(liam[0]?.lines[0]).toMatch(/^Traffic used up/);
    expect(liam[0]?.lines[1]).toMatch(
      /^Used 35\.\d+ GB on \d{4}-\d{2}-\d{2} \(so far\), \d+(\.\d)?× the 7-day average/,
    );
    expect(liam[0]?.tone).toBe('error');
    // Three thresholds crossed at once are one line, and all three are now fired.
    h.advance(15 * 60_000);
    expect(about((await h.notifier.runOnce()).messages, 'proxylite:customer:liamwong')).toEqual([]);
  });

  it('reports a provider down after N failed sweeps, once, and back up once it answers again', async () => {
    await h.run('alerts rule add provider-down provider:vpnresellers sweeps:2');
    const vpn = (h.sandbox.simulators.vpnresellers as VpnResellersSimulator).server;
    vpn.fault({ route: '*', kind: 'status', status: 503 });
    const sweep = async () => {
      h.advance(15 * 60_000);
      return (await h.notifier.runOnce()).messages.map((m) => `${m.title}: ${m.lines.join(' / ')}`);
    };
    expect(await sweep()).toEqual([]);
    expect(await sweep()).toEqual([
      expect.stringMatching(/^Alert: VPNresellers: VPNresellers has failed 2 sweeps in a row/),
    ]);
    expect(await sweep()).toEqual([]);
    vpn.clearFaults();
    expect(await sweep()).toEqual(['Recovered: VPNresellers: VPNresellers is back up']);
    expect(await sweep()).toEqual([]);
  });

  it('reports a rejected key as down at once', async () => {
    await h.run('alerts rule add provider-down provider:proxyshard sweeps:5');
    h.sandbox.simulators.proxyshard.server.fault({ route: '*', kind: 'status', status: 401 });
    const report = await h.notifier.runOnce();
    expect(report.messages.map((m) => m.lines[0])).toEqual([expect.stringMatching(/^ProxyShard rejected the API key/)]);
  });

  it('retries a failed delivery and sends it exactly once, with the same id', async () => {
    await h.run('alerts rule add reseller-balance-below provider:youproxy amount:500');
    h.sink.failNext(1);
    const report = await h.notifier.runOnce();
    expect(report.messages).toHaveLength(1);
    expect(report.delivery).toMatchObject({ sent: 0, pending: 1 });
    expect(h.sink.delivered).toEqual([]);

    // Not yet due: the backoff is 5 s.
    expect((await h.notifier.flush()).sent).toBe(0);
    h.advance(5_000);
    expect((await h.notifier.flush()).sent).toBe(1);
    h.advance(15 * 60_000);
    await h.notifier.runOnce();
    await h.notifier.flush();
    expect(h.sink.attempts.map((a) => [a.message.id, a.ok])).toEqual([
      [report.messages[0]?.id, false],
      [report.messages[0]?.id, true],
    ]);
  });

  it('keeps a failed delivery across a restart and sends it once afterwards', async () => {
    await h.run('alerts rule add reseller-balance-below provider:youproxy amount:500');
    h.sink.failNext(1);
    await h.notifier.runOnce();
    await h.restart();
    h.advance(60_000);
    const report = await h.notifier.runOnce();
    expect(report.messages).toEqual([]);
    expect(h.sink.delivered).toHaveLength(1);
  });

  it('fires for accounts and orders that expire within the window, and re-arms after a renewal', async () => {
    await h.run('alerts rule add expires-within days:3');
    const first = (await h.notifier.runOnce()).messages;
    const subjects = first.map((m) => m.subject).sort();
    // VPNresellers sofia-rossi (2 days), Youproxy's expiring order, ProxyShard's DC orders.
    expect(subjects).toContain('vpnresellers:customer:sofia-rossi');
    // Calendar days (noon now, the vendor's date two days on), with the hours left beside them.
    expect(first.find((m) => m.subject === 'vpnresellers:customer:sofia-rossi')?.lines).toEqual([
      expect.stringMatching(/^Account expires \d{4}-\d{2}-\d{2}, in 2 days, 36 hours from now \(within 3 days\)$/),
    ]);
    expect(subjects.some((s) => s.startsWith('youproxy:customer:'))).toBe(true);
    expect(subjects.some((s) => s.startsWith('proxyshard:order:'))).toBe(true);
    // Expired or auto-renewing accounts are not "expiring within 3 days".
    expect(subjects).not.toContain('vpnresellers:customer:pedro_alves');
    expect(subjects).not.toContain('vpnresellers:customer:aiko.tanaka');

    const vpn = h.sandbox.simulators.vpnresellers as VpnResellersSimulator;
    const sofia = [...vpn.state.accounts.values()].find((a) => a.username === 'sofia-rossi')!;
    const expiry = sofia.expiresOn;
    sofia.expiresOn = new Date(h.now().getTime() + 30 * 86_400_000).toISOString().slice(0, 10);
    h.advance(15 * 60_000);
    expect(about((await h.notifier.runOnce()).messages, 'vpnresellers:customer:sofia-rossi')).toEqual([]);
    sofia.expiresOn = expiry;
    h.advance(15 * 60_000);
    expect(about((await h.notifier.runOnce()).messages, 'vpnresellers:customer:sofia-rossi')).toHaveLength(1);
  });

  it('backs off a rate-limited provider and reports it instead of failing the sweep', async () => {
    await h.run('alerts rule add traffic-below threshold:20%');
    proxylite().server.fault({ route: '*', kind: 'rate_limit', retryAfterS: 120 });
    const report = await h.notifier.runOnce();
    const row = report.providers.find((p) => p.id === 'proxylite');
    expect(row).toMatchObject({ ok: false, rateLimited: expect.stringMatching(/rate limit/) });
    expect(report.messages.some((m) => m.provider === 'infiniteproxies')).toBe(true);

    const before = proxylite().server.received.length;
    h.advance(60_000);
    const paused = await h.notifier.runOnce();
    expect(paused.providers.find((p) => p.id === 'proxylite')).toMatchObject({ skipped: 'backoff' });
    expect(proxylite().server.received.length).toBe(before);

    proxylite().server.clearFaults();
    h.advance(61_000);
    const resumed = await h.notifier.runOnce();
    expect(resumed.providers.find((p) => p.id === 'proxylite')).toMatchObject({ ok: true });
    expect(about(resumed.messages, 'proxylite:customer:liamwong')).toHaveLength(1);
  });

  it('records nothing while no channel is set, so alerts fire once one is', async () => {
    await h.run('alerts channel set none platform:discord');
    await h.run('alerts rule add reseller-balance-below provider:youproxy amount:500');
    const dry = await h.notifier.runOnce();
    expect(dry.targets).toEqual([]);
    expect(dry.messages).toHaveLength(1);
    await h.run('alerts channel set C200 platform:discord');
    h.advance(15 * 60_000);
    expect((await h.notifier.runOnce()).messages).toHaveLength(1);
    expect(h.sink.attempts.map((a) => a.channelId)).toEqual(['C200']);
  });

  it('sends the daily digest once a day, after its hour', async () => {
    await h.run('alerts rule add daily-digest hour:11');
    const first = await h.notifier.runOnce();
    expect(first.messages.map((m) => m.subject)).toEqual(['digest']);
    expect(first.messages[0]?.fields.map((f) => f.label)).toEqual([
      'InfiniteProxies',
      'ProxyShard',
      'ProxyLite',
      'VPNresellers',
      'Youproxy',
    ]);
    h.advance(15 * 60_000);
    expect((await h.notifier.runOnce()).messages).toEqual([]);
    await h.restart();
    h.advance(24 * 3_600_000);
    expect((await h.notifier.runOnce()).messages.map((m) => m.subject)).toEqual(['digest']);
  });

  it('plans a daily usage chart for a usage alert, keeps it as data in the outbox, and draws it for the sink', async () => {
    await h.close();
    h = await startHarness({ charts: true });
    await h.run('alerts channel set C100 platform:discord');
    await h.run('alerts rule add usage-spike provider:proxylite factor:3');
    proxylite().consume('emmaclark', 40 * GB_IN_KB);
    const [message] = (await h.notifier.runOnce()).messages;
    expect(message?.subject).toBe('proxylite:customer:emmaclark');
    expect(message?.chartPlan?.name).toBe('proxylite-emmaclark-usage.png');
    expect(message?.chartPlan?.series.values.length).toBeGreaterThan(0);
    const stateFile = await readFile(join(h.store.location, 'notify.jsonl'), 'utf8');
    expect(stateFile).toContain('proxylite-emmaclark-usage.png');
    expect(stateFile).not.toContain('iVBORw0KGgo');
    expect(h.sink.delivered[0]?.chart?.name).toBe('proxylite-emmaclark-usage.png');
    expect(h.sink.delivered[0]?.chart?.png.subarray(1, 4).toString()).toBe('PNG');
  });
});
