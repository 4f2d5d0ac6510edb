import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { infiniteproxies } from '../../src/providers/infiniteproxies/index.js';
import { amountInUnit } from '../../src/providers/order-list.js';
import { proxyshard } from '../../src/providers/proxyshard/index.js';
import type { Provider } from '../../src/providers/types.js';
import { vpnresellers } from '../../src/providers/vpnresellers/index.js';
import {
  type InfiniteProxiesSimulator,
  startInfiniteProxiesSimulator,
} from '../../src/sandbox/infiniteproxies/index.js';
import { type ProxyShardSimulator, startProxyShardSimulator } from '../../src/sandbox/proxyshard/index.js';
import type { Simulator } from '../../src/sandbox/types.js';
import { startVpnResellersSimulator } from '../../src/sandbox/vpnresellers/index.js';
import { failure } from '../helpers/failures.js';

const MB = 1_000_000;
const GB = 1_000_000_000;
// Nothing here hangs: a long timeout keeps a loaded machine from retrying the reads the tests count.
const fast = { timeoutMs: 10_000, retry: { baseDelayMs: 5, maxDelayMs: 20 } };

/** "Money shown where it moves": what each paid change costs, read before it is made. */
describe('costs of paid changes', () => {
  let ip: InfiniteProxiesSimulator;
  let ps: ProxyShardSimulator;
  let vr: Simulator;
  let ipProvider: Provider;
  let psProvider: Provider;
  let vrProvider: Provider;

  beforeAll(async () => {
    [ip, ps, vr] = await Promise.all([
      startInfiniteProxiesSimulator({ now: () => new Date('2026-11-20T12:00:00Z') }),
      startProxyShardSimulator(),
      startVpnResellersSimulator(),
    ]);
    ipProvider = infiniteproxies.create({ baseUrl: ip.baseUrl, apiKey: ip.apiKey, ...fast });
    psProvider = proxyshard.create({ baseUrl: ps.baseUrl, apiKey: ps.apiKey, ...fast });
    vrProvider = vpnresellers.create({ baseUrl: vr.baseUrl, apiKey: vr.apiKey, ...fast });
  });
  afterAll(() => Promise.all([ip.close(), ps.close(), vr.close()]));

  it('InfiniteProxies balance add: the MB off the reseller residential balance (@me), now and after', async () => {
    const residential = ip.state.reseller.balanceResidentialMb;
    const before = ip.server.received.length;
    const cost = await ipProvider.balance!.cost!('northwind_ops', 50 * MB);
    expect(ip.server.received.slice(before).map((r) => r.route)).toEqual(['GET /v2/@me']);
    expect(cost).toMatchObject({
      known: true,
      amount: { kind: 'traffic', bytes: 50 * MB, displayUnit: 'MB' },
      balance: { kind: 'traffic', bytes: residential * MB },
      balanceAfter: { kind: 'traffic', bytes: (residential - 50) * MB },
      from: 'Residential balance',
    });
    expect(amountInUnit((cost as { amount: Parameters<typeof amountInUnit>[0] }).amount)).toEqual({
      amount: 50,
      unit: 'MB',
    });
    expect(ip.state.reseller.balanceResidentialMb).toBe(residential);
    const bad = await failure(ipProvider.balance!.cost!('northwind_ops', 15 * MB));
    expect(bad.code).toBe('invalid_input');
  });

  it('InfiniteProxies create: 100 MB per new customer', async () => {
    const cost = await ipProvider.customers!.createCost!();
    expect(cost).toMatchObject({ known: true, amount: { bytes: 100 * MB, displayUnit: 'MB' } });
    expect(cost.known && cost.note).toContain('100 MB for every new customer');
  });

  it('ProxyShard data add: GB from the residential traffic, no money', async () => {
    const cost = await psProvider.balance!.cost!('ahmed_k', 2 * GB);
    expect(cost).toMatchObject({
      known: true,
      amount: { kind: 'traffic', bytes: 2 * GB, displayUnit: 'GB' },
      from: 'Premium residential traffic',
    });
    expect(cost.known && cost.note).toContain('No money is charged');
    const before = ps.server.received.length;
    await failure(psProvider.balance!.cost!('ahmed_k', 1.5 * GB));
    expect(ps.server.received.length).toBe(before);
  });

  it('VPNresellers create: the API does not say, and the cost says so', async () => {
    const before = vr.server.received.length;
    const cost = await vrProvider.customers!.createCost!();
    expect(cost).toEqual({ known: false, reason: expect.stringContaining('does not say how much') });
    expect(vr.server.received.length).toBe(before);
  });

  it('shows money in its currency digits', () => {
    expect(amountInUnit({ kind: 'money', minor: 900, currency: 'USD' })).toEqual({ amount: 9, unit: 'USD' });
    expect(amountInUnit({ kind: 'money', minor: 1500, currency: 'JPY' })).toEqual({ amount: 1500, unit: 'JPY' });
    expect(amountInUnit({ kind: 'traffic', bytes: 5 * GB, displayUnit: 'GB' })).toEqual({ amount: 5, unit: 'GB' });
  });
});
