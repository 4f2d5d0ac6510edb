import { afterEach, describe, expect, it, vi } from 'vitest';
import { providerIds } from '../../src/providers/registry.js';
import { holdNext } from '../helpers/hold.js';
import { type Harness, startHarness } from './harness.js';

describe('a sweep', () => {
  let h: Harness;
  afterEach(() => h.close());

  const requests = () =>
    Object.fromEntries(providerIds.map((id) => [id, h.sandbox.simulators[id].server.received.length]));

  it('reads 300 extra customers per provider with list endpoints, not one request per account', async () => {
    h = await startHarness({ sim: { extraCustomers: 300 } });
    await h.run('alerts channel set C1 platform:discord');
    await h.run('alerts rule add traffic-below threshold:20%');
    await h.run('alerts rule add expires-within days:3');
    await h.run('alerts rule add reseller-balance-below provider:proxylite amount:1');
    const report = await h.notifier.runOnce();
    expect(report.providers.map((p) => [p.id, p.customers])).toEqual([
      ['infiniteproxies', 310],
      ['proxyshard', 310],
      ['proxylite', 310],
      ['vpnresellers', 310],
      ['youproxy', expect.any(Number)],
    ]);
    // InfiniteProxies, ProxyLite, Youproxy: one list; ProxyShard: a page of 100 per pool, plus orders;
    // VPNresellers: pages of 100; ProxyLite's balance: two summaries, and its orders: the order list
    // and the package list that holds their expiry.
    expect(requests()).toEqual({ infiniteproxies: 1, proxyshard: 6, proxylite: 5, vpnresellers: 4, youproxy: 1 });
  });

  it('keeps at most the configured number of requests in flight per provider', async () => {
    h = await startHarness({ concurrency: 3 });
    for (const id of providerIds) h.sandbox.simulators[id].server.setLatency(20);
    await h.run('alerts channel set C1 platform:discord');
    await h.run('alerts rule add usage-spike');
    const report = await h.notifier.runOnce();
    // One history per active customer on the providers that keep daily history.
    expect(report.providers.find((p) => p.id === 'infiniteproxies')?.usageRead).toBe(10);
    expect(h.maxInFlight.infiniteproxies).toBe(3);
    expect(h.maxInFlight.proxylite).toBeLessThanOrEqual(3);
  });

  it('sends the next request the moment an answer frees a slot, so the configured number stay in flight', async () => {
    h = await startHarness({ concurrency: 3 });
    await h.run('alerts channel set C1 platform:discord');
    await h.run('alerts rule add usage-spike provider:infiniteproxies');
    const sim = h.sandbox.simulators.infiniteproxies.server;
    const route = 'GET /v2/customer/@:username/transactions';
    // The ten seeded customers' histories, each answer held until the test lets it go.
    const releases = Array.from({ length: 10 }, () => holdNext(sim, route));
    const histories = () => sim.received.filter((r) => r.route === route).length;
    const sweep = h.notifier.runOnce();
    try {
      await vi.waitUntil(() => histories() >= 3, { timeout: 10_000 });
      expect(histories()).toBe(3);
      for (let answered = 1; answered <= 7; answered++) {
        releases[answered - 1]?.();
        // Each answer lets exactly one more request go, without waiting for the others held.
        await vi.waitUntil(() => histories() >= 3 + answered, { timeout: 10_000 });
        expect(histories()).toBe(3 + answered);
      }
    } finally {
      for (const release of releases) release();
    }
    const report = await sweep;
    expect(report.providers.find((p) => p.id === 'infiniteproxies')?.usageRead).toBe(10);
    expect(h.maxInFlight.infiniteproxies).toBe(3);
  });

  it('does not read a usage history again while nothing about the customer changed that day', async () => {
    h = await startHarness();
    await h.run('alerts channel set C1 platform:discord');
    await h.run('alerts rule add usage-spike provider:infiniteproxies');
    expect((await h.notifier.runOnce()).providers[0]?.usageRead).toBe(10);
    h.advance(15 * 60_000);
    expect((await h.notifier.runOnce()).providers[0]?.usageRead).toBe(0);
    const ip = h.sandbox.simulators.infiniteproxies as unknown as {
      state: { customers: Map<string, { balanceMb: number }> };
    };
    ip.state.customers.get('acme_scraper')!.balanceMb -= 50;
    h.advance(15 * 60_000);
    expect((await h.notifier.runOnce()).providers[0]?.usageRead).toBe(1);
    h.advance(24 * 3_600_000);
    expect((await h.notifier.runOnce()).providers[0]?.usageRead).toBe(10);
  });

  it('never overlaps: a second run while one is going shares it', async () => {
    h = await startHarness();
    await h.run('alerts rule add traffic-below');
    for (const id of providerIds) h.sandbox.simulators[id].server.setLatency(30);
    const [a, b] = await Promise.all([h.notifier.runOnce(), h.notifier.runOnce()]);
    expect(b).toBe(a);
    expect(h.sandbox.simulators.proxylite.server.received).toHaveLength(1);
  });

  it('sweeps at once when started, then on the interval, never two at a time', async () => {
    const ticks: Array<() => Promise<void>> = [];
    const intervals: number[] = [];
    h = await startHarness({
      intervalMs: 1_000,
      every: (ms, run) => {
        intervals.push(ms);
        ticks.push(run);
        return { stop: () => undefined };
      },
    });
    await h.run('alerts rule add traffic-below provider:proxylite');
    const server = h.sandbox.simulators.proxylite.server;
    // The first sweep waits on the provider until released: the interval comes round meanwhile.
    const release = holdNext(server, 'GET /end-point/whitelist-account/list');
    h.notifier.start();
    await vi.waitFor(() => expect(server.received).toHaveLength(1), { interval: 5 });
    const tick = ticks[0]!;
    const during = tick();
    release();
    await during;
    await tick();
    await h.notifier.stop();
    expect(intervals).toEqual([1_000]);
    const sweeps = server.received.length;
    expect(sweeps).toBeGreaterThanOrEqual(2);
    expect(sweeps).toBeLessThanOrEqual(3);
    expect(h.maxInFlight.proxylite).toBe(1);
  });
});
