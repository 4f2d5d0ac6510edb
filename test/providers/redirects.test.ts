import { inspect } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ProviderError } from '../../src/errors.js';
import { infiniteproxies } from '../../src/providers/infiniteproxies/index.js';
import { proxylite } from '../../src/providers/proxylite/index.js';
import { proxyshard } from '../../src/providers/proxyshard/index.js';
import type { ProviderId } from '../../src/providers/registry.js';
import type { ProviderSettings } from '../../src/providers/settings.js';
import type { Provider } from '../../src/providers/types.js';
import { vpnresellers } from '../../src/providers/vpnresellers/index.js';
import { youproxy } from '../../src/providers/youproxy/index.js';
import { startInfiniteProxiesSimulator } from '../../src/sandbox/infiniteproxies/index.js';
import { startProxyLiteSimulator } from '../../src/sandbox/proxylite/index.js';
import { startProxyShardSimulator } from '../../src/sandbox/proxyshard/index.js';
import type { Simulator, SimulatorOptions } from '../../src/sandbox/types.js';
import { startVpnResellersSimulator } from '../../src/sandbox/vpnresellers/index.js';
import { startYouproxySimulator } from '../../src/sandbox/youproxy/index.js';
import { providerFailure } from '../helpers/failures.js';
import { type Front, keyPlaces, movedPrefix, startFront } from '../helpers/redirecting-front.js';

/**
 * Every provider, over real HTTP: its simulator sits behind a front that answers with redirects, and
 * a second front (the "other host", also forwarding to the simulator, so its answers would be
 * believable) records whatever reaches it. Each provider carries its key its own way.
 */

interface Case {
  id: ProviderId;
  start(options: SimulatorOptions): Promise<Simulator>;
  create(settings: ProviderSettings): Provider;
  /** Where the vendor reads the key on a read and on a change. */
  keyOnRead: string[];
  keyOnChange: string[];
  existing(sim: Simulator): string;
  change(provider: Provider, username: string): Promise<unknown>;
}

const MB = 1_000_000;
const GB = 1_000_000_000;

const cases: Case[] = [
  {
    id: 'infiniteproxies',
    start: startInfiniteProxiesSimulator,
    create: infiniteproxies.create,
    keyOnRead: ['header x-infinite-key'],
    keyOnChange: ['header x-infinite-key'],
    existing: () => 'northwind_ops',
    change: (p, name) => p.balance!.add(name, 10 * MB),
  },
  {
    id: 'proxyshard',
    start: startProxyShardSimulator,
    create: proxyshard.create,
    keyOnRead: ['header authorization'],
    keyOnChange: ['header authorization'],
    existing: () => 'maria_kowalski',
    change: (p, name) => p.balance!.add(name, GB),
  },
  {
    id: 'vpnresellers',
    start: startVpnResellersSimulator,
    create: vpnresellers.create,
    keyOnRead: ['header authorization'],
    keyOnChange: ['header authorization'],
    existing: () => 'maria.garcia',
    change: (p, name) => p.balance!.add(name, 7),
  },
  {
    id: 'youproxy',
    start: startYouproxySimulator,
    create: youproxy.create,
    keyOnRead: ['path'],
    keyOnChange: ['path'],
    existing: (sim) => (sim as Awaited<ReturnType<typeof startYouproxySimulator>>).seeded.existing,
    change: (p, name) => p.balance!.add(name, 30),
  },
  {
    id: 'proxylite',
    start: startProxyLiteSimulator,
    create: proxylite.create,
    keyOnRead: ['query'],
    keyOnChange: ['query', 'body'],
    existing: () => 'emmaclark',
    change: (p, name) => p.balance!.add(name, GB),
  },
];

const isChange = (method: string) => method !== 'GET';
const changesIn = <T extends { method: string }>(seen: T[]) => seen.filter((r) => isChange(r.method));

describe.each(cases)('$id: redirects', (c) => {
  const key = `sk-${c.id}-Redirect/Key+7f3a9c`;
  let sim: Simulator;
  let vendor: Front;
  let stranger: Front;
  let provider: Provider;
  let direct: Provider;
  let username: string;
  let mark = { vendor: 0, stranger: 0, sim: 0 };
  const since = <T>(list: T[], from: number) => list.slice(from);
  const settings = (origin: string): ProviderSettings => ({
    baseUrl: origin + new URL(sim.baseUrl).pathname.replace(/\/$/, ''),
    apiKey: key,
    timeoutMs: 2000,
    retry: { attempts: 0 },
  });

  beforeAll(async () => {
    sim = await c.start({ apiKey: key });
    vendor = await startFront(sim.baseUrl);
    stranger = await startFront(sim.baseUrl);
    provider = c.create(settings(vendor.url));
    direct = c.create(settings(new URL(sim.baseUrl).origin));
    username = c.existing(sim);
  });
  afterAll(async () => {
    await Promise.all([vendor.close(), stranger.close()]);
    await sim.close();
  });
  afterEach(() => {
    vendor.redirect(undefined);
    mark = { vendor: vendor.seen.length, stranger: stranger.seen.length, sim: sim.server.received.length };
  });

  const expectClean = (error: ProviderError) => {
    expect(error.code).toBe('upstream_unavailable');
    expect(error.provider).toBe(c.id);
    expect(inspect(error, { depth: 10 })).not.toContain(key);
    expect(inspect(error, { depth: 10 })).not.toContain(encodeURIComponent(key));
  };

  it.each([302, 307, 308])('refuses a read redirected (%i) to another host; that host gets nothing', async (status) => {
    vendor.redirect(({ url }) => ({ status, location: stranger.url + url }));
    const error = await providerFailure(provider.customers!.get(username), 'unavailable');
    expectClean(error);
    expect(error.message).toContain(`redirected us to another host, ${stranger.url}`);
    expect(since(stranger.seen, mark.stranger)).toEqual([]);
    const asked = since(vendor.seen, mark.vendor);
    expect(asked).toHaveLength(1);
    expect(keyPlaces(asked[0]!, key)).toEqual(c.keyOnRead);
  });

  it.each([
    302, 307, 308,
  ])('refuses a change redirected (%i) to another host; nothing is changed or sent there', async (status) => {
    const before = await direct.customers!.get(username);
    const simMark = sim.server.received.length;
    vendor.redirect(({ method, url }) => (isChange(method) ? { status, location: stranger.url + url } : undefined));
    const error = await providerFailure(c.change(provider, username), 'unavailable');
    expectClean(error);
    expect(error.message).toContain('nothing was changed');
    expect(since(stranger.seen, mark.stranger)).toEqual([]);
    const changes = changesIn(since(vendor.seen, mark.vendor));
    expect(changes).toHaveLength(1);
    expect(keyPlaces(changes[0]!, key)).toEqual(c.keyOnChange);
    expect(changesIn(since(sim.server.received, simMark))).toEqual([]);
    expect(await direct.customers!.get(username)).toEqual(before);
  });

  it('follows a read redirected within the vendor origin, key and all', async () => {
    const expected = await direct.customers!.get(username);
    vendor.redirect(({ method, url }) => (isChange(method) ? undefined : { status: 302, location: movedPrefix + url }));
    expect(await provider.customers!.get(username)).toEqual(expected);
    const followed = since(vendor.seen, mark.vendor).filter((r) => r.url.startsWith(`${movedPrefix}/`));
    expect(followed.length).toBeGreaterThan(0);
    expect(keyPlaces(followed[0]!, key)).toEqual(c.keyOnRead);
  });

  it('does not re-send a change redirected (307) within the vendor origin, so nothing is applied', async () => {
    const before = await direct.customers!.get(username);
    const simMark = sim.server.received.length;
    vendor.redirect(({ method, url }) =>
      isChange(method) ? { status: 307, location: `${vendor.url}${movedPrefix}${url}` } : undefined,
    );
    const error = await providerFailure(c.change(provider, username), 'unavailable');
    expectClean(error);
    expect(error.message).toContain('did not send it again');
    expect(changesIn(since(vendor.seen, mark.vendor))).toHaveLength(1);
    expect(changesIn(since(sim.server.received, simMark))).toEqual([]);
    expect(await direct.customers!.get(username)).toEqual(before);
  });
});
