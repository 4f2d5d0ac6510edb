import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AppError, ProviderError } from '../../src/errors.js';
import type { ProviderDefinition } from '../../src/providers/define.js';
import type { ProviderId } from '../../src/providers/registry.js';
import type { CapabilityName, Provider } from '../../src/providers/types.js';
import type { ProxyLiteSimulator } from '../../src/sandbox/proxylite/index.js';
import { simulatorDefinition } from '../../src/sandbox/registry.js';
import type { Simulator } from '../../src/sandbox/types.js';
import type { YouproxySimulator } from '../../src/sandbox/youproxy/index.js';
import { providerFailure } from '../helpers/failures.js';
import { hangUntilDeadline } from '../helpers/hold.js';
import { type TestTimers, testTimers } from '../helpers/timers.js';
import { describeOrders, type OrderLine } from './order-contract.js';

/**
 * One contract for every provider in the registry, over real HTTP to each simulator. What each provider
 * must offer is listed below (the README's provider table says the same); the suite checks the provider offers exactly that, then exercises it.
 */

interface ContractSetup {
  /** Built against `sim` with `timers`. */
  provider: Provider;
  /** Same simulator, wrong key. */
  wrongKeyProvider: Provider;
  sim: Simulator;
  /** The provider's waits between retries (recorded, not spent) and its deadlines (passed on demand). */
  timers: TestTimers;
  existing: string;
}

type Offer =
  | CapabilityName
  | 'create'
  | 'enableDisable'
  | 'delete'
  | 'remove'
  /** With `passwords`: the vendor picks the new password (otherwise the bot does). */
  | 'vendorGeneratesPassword';

/** One line per provider: what it offers, and the seeded data and routes the contract uses. */
export interface ContractLine {
  /** What each operation means per provider (absent = not offered upstream). */
  offers: readonly Offer[];
  /** A seeded, active customer that has usage history and can take balance changes. */
  existing: string | ((sim: Simulator) => string);
  /** A username that does not exist yet and is valid for this provider. */
  newUsername(): string;
  /** A valid balance amount in the capability's unit (bytes or days). */
  balanceAmount: number;
  /** The route key (`METHOD /pattern`) of the GET that `provider.customers.get` ends with. */
  readRoute: string;
  /** `balance.add(existing, amount)`, and the route key of the request that makes it. */
  mutation: { route: string; amount: number };
  /** The simulator's clock, where the seed is pinned to a date. */
  now?: () => Date;
  /** With `orders` in `offers`: what the order contract buys and renews. */
  orders?: OrderLine;
}

const MB = 1_000_000;
const GB = 1_000_000_000;
let fresh = 0;
const next = () => ++fresh;

// biome-ignore format: one line per provider, like a row of a table
export const contractLines: Record<ProviderId, ContractLine> = {
  infiniteproxies: { offers: ['customers', 'create', 'balance', 'remove', 'passwords', 'vendorGeneratesPassword', 'proxyConfig', 'usage', 'resellerBalance'], existing: 'northwind_ops', newUsername: () => `contract_user_${next()}`, balanceAmount: 20 * MB, readRoute: 'GET /v2/customer/@:username', mutation: { route: 'POST /v2/customer/add_balance', amount: 10 * MB }, now: () => new Date('2026-11-20T12:00:00Z') },
  proxyshard: { offers: ['customers', 'create', 'delete', 'balance', 'remove', 'passwords', 'vendorGeneratesPassword', 'proxyConfig', 'usage', 'resellerBalance', 'orders'], existing: 'maria_kowalski', newUsername: () => `new_customer_${next()}`, balanceAmount: GB, readRoute: 'GET /user/api/proxies/sub-user/:user_id', mutation: { route: 'POST /user/api/proxies/sub-user/:user_id/data/add', amount: GB }, now: () => new Date('2026-11-23T12:00:00Z'), orders: { offers: ['buy', 'proxies', 'renew', 'autoRenew', 'bandwidth', 'changeCycle'], buy: { product: 'dc', country: 'US', period: 'monthly', quantity: 2 }, buyRoute: 'POST /user/api/orders/purchase', renewable: () => '46002' } },
  proxylite: { offers: ['customers', 'create', 'enableDisable', 'delete', 'balance', 'remove', 'passwords', 'proxyConfig', 'usage', 'resellerBalance', 'orders'], existing: 'emmaclark', newUsername: () => `newcust${Date.now() % 100_000}n${next()}`, balanceAmount: GB, readRoute: 'GET /end-point/whitelist-account/list', mutation: { route: 'POST /end-point/whitelist-account/change-limit', amount: GB }, orders: { offers: ['buy', 'renew'], buy: { product: '141', country: 'US', quantity: 1 }, buyRoute: 'POST /end-point/order/create', renewable: (sim) => (sim as ProxyLiteSimulator).state.orders.find((o) => o.product_type === 14)!.trade_no } },
  vpnresellers: { offers: ['customers', 'create', 'enableDisable', 'delete', 'balance', 'remove', 'passwords', 'vpnConfig', 'resellerBalance'], existing: 'maria.garcia', newUsername: () => `contract_${Date.now().toString(36)}_${next()}`, balanceAmount: 30, readRoute: 'GET /v4_1/accounts/:account', mutation: { route: 'PUT /v4_1/accounts/:account/expire', amount: 7 } },
  youproxy: { offers: ['customers', 'balance', 'proxyConfig', 'resellerBalance', 'orders'], existing: (sim) => (sim as YouproxySimulator).seeded.existing, newUsername: () => '1000000000000000001', balanceAmount: 30, readRoute: 'GET /client/api/v1/:key/ipAddress', mutation: { route: 'POST /client/api/v1/:key/extend/order', amount: 30 }, orders: { offers: ['buy', 'proxies', 'renew', 'autoRenew'], buy: { product: 'ipv4', country: 'USA', quantity: 1, period: '30' }, buyRoute: 'POST /client/api/v1/:key/order', renewable: (sim) => (sim as YouproxySimulator).seeded.existing } },
};

type Expected = Record<CapabilityName, boolean> & {
  create: boolean;
  enableDisable: boolean;
  delete: boolean;
  remove: boolean;
  vendorGeneratesPassword?: boolean;
};

const capabilityNames: readonly CapabilityName[] = [
  'customers',
  'balance',
  'passwords',
  'proxyConfig',
  'vpnConfig',
  'usage',
  'resellerBalance',
  'orders',
];

function expectedOf(offers: readonly Offer[]): Expected {
  const has = (offer: Offer) => offers.includes(offer);
  const expected = {
    ...Object.fromEntries(capabilityNames.map((name) => [name, has(name)])),
    create: has('create'),
    enableDisable: has('enableDisable'),
    delete: has('delete'),
    remove: has('remove'),
  } as Expected;
  if (expected.passwords) expected.vendorGeneratesPassword = has('vendorGeneratesPassword');
  return expected;
}

// A hung attempt ends when the test passes its deadline; the timeout is only the net under that.
const timeout = { timeoutMs: 5_000 };

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

function balanceOf(
  customer: { remainingBytes?: number; limitBytes?: number | null; expiresAt?: string | null },
  unit: 'bytes' | 'days',
): number {
  if (unit === 'days') return Date.parse(customer.expiresAt ?? '');
  return customer.remainingBytes ?? customer.limitBytes ?? Number.NaN;
}

/** The contract, run against the provider's own simulator from the sandbox registry. */
export function describeProviderContract(definition: ProviderDefinition<ProviderId>): void {
  const id = definition.id;
  const line = contractLines[id];
  const expected = expectedOf(line.offers);

  describe(`${id} provider contract`, () => {
    let s: ContractSetup;
    beforeAll(async () => {
      const simulator = simulatorDefinition(id);
      if (!simulator) throw new Error(`${id} has no simulator in src/sandbox/registry.ts.`);
      const sim = await simulator.start(line.now ? { now: line.now } : {});
      const timers = testTimers();
      const build = (apiKey: string) => definition.create({ baseUrl: sim.baseUrl, apiKey, timers, ...timeout });
      const existing = typeof line.existing === 'string' ? line.existing : line.existing(sim);
      s = { sim, provider: build(sim.apiKey), wrongKeyProvider: build('not-the-right-key'), timers, existing };
    });
    afterAll(async () => {
      await s?.sim.close();
    });
    afterEach(() => {
      s.sim.server.clearFaults();
    });

    it('offers exactly the operations listed for it', () => {
      const p = s.provider;
      expect(p.id).toBe(id);
      expect({
        customers: Boolean(p.customers),
        create: Boolean(p.customers?.create),
        enableDisable: Boolean(p.customers?.enable && p.customers?.disable),
        delete: Boolean(p.customers?.delete),
        balance: Boolean(p.balance),
        remove: Boolean(p.balance?.remove),
        passwords: Boolean(p.passwords),
        ...(p.passwords ? { vendorGeneratesPassword: p.passwords.vendorGenerates } : {}),
        proxyConfig: Boolean(p.proxyConfig),
        vpnConfig: Boolean(p.vpnConfig),
        usage: Boolean(p.usage),
        resellerBalance: Boolean(p.resellerBalance),
        orders: Boolean(p.orders),
      }).toEqual(expected);
    });

    it('pings with the right key and reports auth with the wrong one', async () => {
      await expect(s.provider.ping()).resolves.toBeUndefined();
      await providerFailure(s.wrongKeyProvider.ping(), 'auth');
    });

    it('reads a seeded customer', async () => {
      const customer = await s.provider.customers!.get(s.existing);
      expect(customer.username.toLowerCase()).toBe(s.existing.toLowerCase());
      expect(customer.status).toBe('active');
    });

    it('reports a customer that does not exist as not_found', async () => {
      await providerFailure(s.provider.customers!.get('nobody_here_42'), 'not_found');
    });

    it('lists customers, one page and all of them', async () => {
      const page = await s.provider.customers!.list({ page: 1 });
      expect(page.page).toBe(1);
      expect(page.pages).toBeGreaterThanOrEqual(1);
      expect(page.customers.length).toBeGreaterThan(0);
      for (const c of page.customers) expect(['active', 'disabled']).toContain(c.status);
      const all = await s.provider.customers!.listAll();
      expect(all.map((c) => c.username.toLowerCase())).toContain(s.existing.toLowerCase());
      expect(all.length).toBeGreaterThanOrEqual(page.customers.length);
    });

    it('filters the list by status', async () => {
      const active = await s.provider.customers!.list({ status: 'active' });
      for (const c of active.customers) expect(c.status).toBe('active');
    });

    it('refuses a username that could reach another endpoint, before any request', async () => {
      const before = s.sim.server.received.length;
      for (const bad of ['../@me', '..', 'a/b', 'x?y=1', '%2e%2e', '']) {
        const error = await s.provider.customers!.get(bad).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(AppError);
        expect((error as AppError).code).toBe('invalid_input');
      }
      expect(s.sim.server.received.length).toBe(before);
    });

    it('turns a malformed body on a read into bad_response, not a crash', async () => {
      s.sim.server.fault({ route: line.readRoute, kind: 'malformed', text: '{"truncated": ', times: 10 });
      await providerFailure(s.provider.customers!.get(s.existing), 'bad_response');
      s.sim.server.clearFaults();
      s.sim.server.fault({ route: line.readRoute, kind: 'malformed', text: '{"unexpected": true}', times: 10 });
      await providerFailure(s.provider.customers!.get(s.existing), 'bad_response');
    });

    it('retries a read after 429 with Retry-After, and succeeds', async () => {
      s.sim.server.fault({ route: line.readRoute, kind: 'rate_limit', retryAfterS: 1, times: 1 });
      const before = s.sim.server.received.filter((r) => r.route === line.readRoute).length;
      const waited = s.timers.waits.length;
      await expect(s.provider.customers!.get(s.existing)).resolves.toMatchObject({ status: 'active' });
      // Waited 1000 ms before the retry, as the Retry-After said.
      expect(s.timers.waits.slice(waited)).toEqual([1000]);
      const after = s.sim.server.received.filter((r) => r.route === line.readRoute).length;
      expect(after - before).toBe(2);
    });

    it('sends a change that gets a 500 exactly once', async () => {
      s.sim.server.fault({ route: line.mutation.route, kind: 'status', status: 500 });
      const before = s.sim.server.received.filter((r) => r.route === line.mutation.route).length;
      const error = await s.provider.balance!.add(s.existing, line.mutation.amount).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ProviderError);
      expect((error as ProviderError).kind).toBe('unavailable');
      const after = s.sim.server.received.filter((r) => r.route === line.mutation.route).length;
      expect(after - before).toBe(1);
    });

    it('reports a change that times out as outcome_unknown, sent once', async () => {
      hangUntilDeadline(s.sim.server, line.mutation.route, s.timers);
      const before = s.sim.server.received.filter((r) => r.route === line.mutation.route).length;
      await providerFailure(s.provider.balance!.add(s.existing, line.mutation.amount), 'outcome_unknown');
      const after = s.sim.server.received.filter((r) => r.route === line.mutation.route).length;
      expect(after - before).toBe(1);
    });

    it('reports an unreadable answer to a change as outcome_unknown, not bad_response', async () => {
      s.sim.server.fault({ route: line.mutation.route, kind: 'malformed', text: '{"truncated": ', times: 1 });
      await providerFailure(s.provider.balance!.add(s.existing, line.mutation.amount), 'outcome_unknown');
    });

    it('reports a change applied before the connection dropped as outcome_unknown', async () => {
      s.sim.server.fault({ route: line.mutation.route, kind: 'drop_after_apply', times: 1 });
      await providerFailure(s.provider.balance!.add(s.existing, line.mutation.amount), 'outcome_unknown');
    });

    if (expected.create) {
      it('creates a customer, returns its password once, and refuses a duplicate', async () => {
        const username = line.newUsername();
        const created = await s.provider.customers!.create!({ username });
        expect(created.password.length).toBeGreaterThanOrEqual(6);
        expect(created.customer.username.toLowerCase()).toBe(username.toLowerCase());
        expect(JSON.stringify(created.customer)).not.toContain(created.password);
        const read = await s.provider.customers!.get(username);
        expect(read.username.toLowerCase()).toBe(username.toLowerCase());
        const again = await s.provider.customers!.create!({ username }).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(again).toBeInstanceOf(ProviderError);
        expect(['rejected', 'conflict']).toContain((again as ProviderError).kind);
      });
    }

    it('refuses a bad name or amount for a balance change before any request', async () => {
      const cap = s.provider.balance!;
      const before = s.sim.server.received.length;
      const attempts = [
        () => cap.add('../@me', line.balanceAmount),
        () => cap.add(s.existing, 0),
        () => cap.add(s.existing, -line.balanceAmount),
        () => cap.add(s.existing, Number.NaN),
        ...(cap.remove ? [() => cap.remove!('a/b', line.balanceAmount), () => cap.remove!(s.existing, 0)] : []),
      ];
      for (const attempt of attempts) {
        const error = await attempt().then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(AppError);
        expect((error as AppError).code).toBe('invalid_input');
      }
      expect(s.sim.server.received.length).toBe(before);
    });

    it('reads a balance once and adds to it from that reading, with no second read before the write', async () => {
      const cap = s.provider.balance!;
      const sinceRead = s.sim.server.received.length;
      const reading = await cap.read(s.existing);
      const sinceWrite = s.sim.server.received.length;
      expect(reading.customer).toEqual(await s.provider.customers!.get(s.existing));
      const before = balanceOf(reading.customer, cap.unit);
      const after = await reading.add(line.balanceAmount);
      expect(balanceOf(after, cap.unit)).toBeGreaterThan(before);
      const routes = (from: number, to?: number) => s.sim.server.received.slice(from, to).map((r) => r.route);
      expect(routes(sinceRead, sinceWrite).filter((r) => r === line.readRoute)).toHaveLength(1);
      const written = routes(sinceWrite + routes(sinceWrite).indexOf(line.readRoute) + 1);
      expect(written.slice(0, written.indexOf(line.mutation.route))).not.toContain(line.readRoute);
    });

    it('adds balance and the balance shows', async () => {
      const cap = s.provider.balance!;
      const before = balanceOf(await s.provider.customers!.get(s.existing), cap.unit);
      const after = await cap.add(s.existing, line.balanceAmount);
      expect(balanceOf(after, cap.unit)).toBeGreaterThan(before);
      const reread = balanceOf(await s.provider.customers!.get(s.existing), cap.unit);
      expect(reread).toBe(balanceOf(after, cap.unit));
    });

    if (expected.remove) {
      it('removes balance and the balance shows', async () => {
        const cap = s.provider.balance!;
        await cap.add(s.existing, line.balanceAmount);
        const before = balanceOf(await s.provider.customers!.get(s.existing), cap.unit);
        const after = await cap.remove!(s.existing, line.balanceAmount);
        expect(balanceOf(after, cap.unit)).toBeLessThan(before);
      });
    }

    if (expected.passwords) {
      it('resets a password and returns the new one', async () => {
        const first = await s.provider.passwords!.reset(s.existing);
        const second = await s.provider.passwords!.reset(s.existing);
        expect(first.password.length).toBeGreaterThanOrEqual(6);
        expect(second.password).not.toBe(first.password);
      });
    }

    if (expected.passwords) {
      it('settles the new password before any request: one asked for is refused where the vendor picks it, checked and used where the bot does', async () => {
        const refused = async (password: string) => {
          const before = s.sim.server.received.length;
          const error = await s.provider.passwords!.reset(s.existing, password).then(
            () => undefined,
            (e: unknown) => e,
          );
          expect((error as AppError).code).toBe('invalid_input');
          expect(s.sim.server.received.length).toBe(before);
        };
        if (expected.vendorGeneratesPassword) {
          await refused('Chosen2345ab');
        } else {
          await refused('no spaces');
          expect((await s.provider.passwords!.reset(s.existing, 'Chosen2345ab')).password).toBe('Chosen2345ab');
        }
      });
    }

    if (expected.enableDisable) {
      it('disables and enables a customer', async () => {
        expect((await s.provider.customers!.disable!(s.existing)).status).toBe('disabled');
        expect((await s.provider.customers!.get(s.existing)).status).toBe('disabled');
        expect((await s.provider.customers!.enable!(s.existing)).status).toBe('active');
      });
    }

    if (expected.delete) {
      it('deletes a customer, after which it is not found', async () => {
        const username = line.newUsername();
        await s.provider.customers!.create!({ username });
        await s.provider.customers!.delete!(username);
        await providerFailure(s.provider.customers!.get(username), 'not_found');
      });
    }

    if (expected.usage) {
      it('reports usage by day in bytes', async () => {
        const report = await s.provider.usage!.report(s.existing, { days: 7 });
        for (const day of report.days) {
          expect(day.date).toMatch(isoDate);
          expect(Number.isFinite(day.bytes)).toBe(true);
        }
        const total = report.usedBytes ?? report.days.reduce((sum, d) => sum + d.bytes, 0);
        expect(total).toBeGreaterThan(0);
      });
    }

    it("reads the reseller's own balance", async () => {
      const balances = await s.provider.resellerBalance!.get();
      expect(balances.length).toBeGreaterThan(0);
      for (const b of balances) {
        const value = b.kind === 'money' ? b.minor : b.bytes;
        expect(Number.isFinite(value)).toBe(true);
      }
    });

    if (expected.proxyConfig) {
      it('builds proxy endpoints for a customer', async () => {
        const proxies = await s.provider.proxyConfig!.proxies(s.existing);
        expect(proxies.length).toBeGreaterThan(0);
        for (const p of proxies) {
          expect(p.host.length).toBeGreaterThan(0);
          expect(p.port).toBeGreaterThan(0);
          expect(['http', 'socks5']).toContain(p.protocol);
        }
      });
    }

    if (expected.vpnConfig) {
      it('lists servers and ports and builds OpenVPN and WireGuard configs', async () => {
        const servers = await s.provider.vpnConfig!.servers();
        const ports = await s.provider.vpnConfig!.ports();
        expect(servers.length).toBeGreaterThan(0);
        expect(ports.some((p) => p.isDefault)).toBe(true);
        const server = servers[0]!;
        const port = ports.find((p) => p.isDefault)!;
        const ovpn = await s.provider.vpnConfig!.openvpn(s.existing, { serverId: server.id, portId: port.id });
        expect(ovpn.name).toMatch(/\.ovpn$/);
        expect(ovpn.content).toContain('remote');
        const wg = await s.provider.vpnConfig!.wireguard(s.existing, { serverId: server.id });
        expect(wg.name).toMatch(/\.conf$/);
        expect(wg.content).toContain('[Interface]');
      });
    }

    if (expected.orders) describeOrders(() => s, line);
  });
}
