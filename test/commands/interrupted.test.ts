import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Sandbox, startSandbox } from '../../src/sandbox/index.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { killWhen } from '../helpers/cli.js';

const addRoute = 'POST /v2/customer/add_balance';
const limitRoute = 'POST /end-point/whitelist-account/change-limit';
/** The killed process's request timeout: its request may land this long after it was sent. */
const childTimeoutMs = 60_000;

/**
 * Issue: kill -9 mid-change, then a rerun, applied the change twice — the rerun read back before the
 * killed request landed, concluded not_applied and sent again. A read taken while the request may
 * still land cannot decide not_applied; `applied` is proof at any time.
 */
describe('a change interrupted by kill -9, then run again', () => {
  let sandbox: Sandbox;
  let cwd: string;
  /** Reads only, on a data directory of its own. */
  let probe: TestApp;
  let users: string[];

  beforeAll(async () => {
    sandbox = await startSandbox();
    cwd = await mkdtemp(join(tmpdir(), 'ro-interrupted-'));
    probe = await startTestApp({}, { shared: { sandbox, dataDir: join(cwd, 'probe') } });
    const listed = await probe.run('customer list infiniteproxies');
    users = (listed.data.customers as Array<{ username: string }>).map((c) => c.username);
  });
  afterAll(async () => {
    await probe.close();
    await sandbox.close();
    await rm(cwd, { recursive: true, force: true });
  });

  const sim = () => sandbox.simulators.infiniteproxies.server;
  const sent = (since: number) =>
    sim()
      .received.slice(since)
      .filter((r) => r.route === addRoute).length;
  const remainingMb = async (user: string) =>
    ((await probe.run(`customer info infiniteproxies ${user}`)).data.balance as { amount: number }).amount;

  /** Runs `line` in a real resellerops process and kills it with SIGKILL once its change reached the vendor. */
  async function killMidChange(dataDir: string, line: string, since: number): Promise<void> {
    const env = { ...sandbox.env, DATA_DIR: dataDir, PROVIDER_TIMEOUT_MS: String(childTimeoutMs), LOG_LEVEL: 'silent' };
    await killWhen(['exec', line, '--json'], { cwd, env }, () => sent(since) === 1);
  }

  // Each test starts a real process, hence the longer timeouts.
  it('stays outcome_unknown and sends nothing while the killed request may land; it lands, and the rerun says so', {
    timeout: 60_000,
  }, async () => {
    const user = users[0]!;
    const dataDir = join(cwd, 'lands-late');
    const before = await remainingMb(user);
    let land!: () => void;
    sim().fault({ route: addRoute, kind: 'hold', until: new Promise<void>((r) => (land = r)), times: 1 });
    const since = sim().received.length;
    await killMidChange(dataDir, `balance add infiniteproxies ${user} 10 confirm:yes`, since);

    const t = await startTestApp({}, { shared: { sandbox, dataDir } });
    try {
      const rerun = await t.run(`balance add infiniteproxies ${user} 10 confirm:yes`);
      expect(rerun.error?.code).toBe('outcome_unknown');
      expect(rerun.error?.message).toMatch(/may still be landing/);
      expect(rerun.error?.hint).toMatch(/\/journal resolve \w+ applied\|not-applied/);
      expect(sent(since)).toBe(1);

      land(); // the killed process's request takes effect only now, after that read-back
      await vi.waitFor(async () => expect(await remainingMb(user)).toBe(before + 10), { interval: 20 });

      const again = await t.run(`balance add infiniteproxies ${user} 10 confirm:yes`);
      expect(again.error?.code).toBe('conflict');
      expect(again.text).toMatch(/did go through after all/);
      expect(sent(since)).toBe(1);
      expect(await remainingMb(user)).toBe(before + 10);

      // Settled by the read-back: audited under the person who asked, in the killed process.
      const [settled] = await t.app.services.store.audit.recent({ target: user, limit: 1 });
      expect(settled).toMatchObject({
        actor: { platform: 'terminal', userId: userInfo().username },
        command: 'balance add',
        provider: 'infiniteproxies',
        result: 'ok',
        details: { settled: 'applied', settledBy: 'read-back' },
      });
    } finally {
      await t.close();
    }
  });

  it('once the request can no longer land, a read-back showing no change settles not_applied and the rerun sends once', {
    timeout: 60_000,
  }, async () => {
    const user = users[1]!;
    const dataDir = join(cwd, 'never-lands');
    const before = await remainingMb(user);
    sim().fault({ route: addRoute, kind: 'hang', times: 1 });
    const since = sim().received.length;
    await killMidChange(dataDir, `balance add infiniteproxies ${user} 10 confirm:yes`, since);

    let aheadMs = 0;
    const t = await startTestApp({}, { shared: { sandbox, dataDir }, now: () => new Date(Date.now() + aheadMs) });
    try {
      const early = await t.run(`balance add infiniteproxies ${user} 10 confirm:yes`);
      expect(early.error?.code).toBe('outcome_unknown');
      expect(sent(since)).toBe(1);
      expect(await remainingMb(user)).toBe(before);

      aheadMs = childTimeoutMs + 1_000;
      const later = await t.run(`balance add infiniteproxies ${user} 10 confirm:yes`);
      expect(later.error).toBeNull();
      expect(sent(since)).toBe(2);
      expect(await remainingMb(user)).toBe(before + 10);

      const [rerun, settled] = await t.app.services.store.audit.recent({ target: user, limit: 2 });
      expect(rerun).toMatchObject({ actor: { userId: 'tester' }, result: 'ok' });
      expect(settled).toMatchObject({
        actor: { platform: 'terminal', userId: userInfo().username },
        command: 'balance add',
        result: 'not_applied',
        details: { settled: 'not_applied', settledBy: 'read-back' },
      });
    } finally {
      await t.close();
    }
  });
});

describe('a vendor that applies changes late', () => {
  it('keeps "unchanged" from counting until ProxyLite\'s documented 5 minutes have passed', async () => {
    let aheadMs = 0;
    const t = await startTestApp({}, { now: () => new Date(Date.now() + aheadMs) });
    try {
      const listed = await t.run('customer list proxylite status:active');
      const target = (listed.data.customers as Array<{ username: string }>)[0]!.username;
      const limitGb = async () =>
        ((await t.run(`customer info proxylite ${target}`)).data.balance as { amount: number }).amount;
      const before = await limitGb();
      t.sim('proxylite').fault({ route: limitRoute, kind: 'drop', times: 1 });
      const since = t.sim('proxylite').received.length;
      const dropped = await t.run(`balance add proxylite ${target} 1 confirm:yes`);
      expect(dropped.error?.code).toBe('outcome_unknown');

      aheadMs = 60_000; // well past the 1.5 s request timeout, inside ProxyLite's delay
      const early = await t.run(`balance add proxylite ${target} 1 confirm:yes`);
      expect(early.error?.code).toBe('outcome_unknown');
      expect(t.count('proxylite', limitRoute, since)).toBe(1);

      aheadMs = 5 * 60_000 + 5_000;
      const later = await t.run(`balance add proxylite ${target} 1 confirm:yes`);
      expect(later.error).toBeNull();
      expect(t.count('proxylite', limitRoute, since)).toBe(2);
      expect(await limitGb()).toBe(before + 1);
    } finally {
      await t.close();
    }
  });
});
