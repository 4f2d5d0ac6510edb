import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Sandbox, startSandbox } from '../../src/sandbox/index.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { cli, killWhen } from '../helpers/cli.js';

const addRoute = 'POST /v2/customer/add_balance';

/**
 * Issue: after kill -9 mid-change, `exec --idempotency-key` run again with the same key told the
 * script the change did not happen — it had read back before the killed request landed.
 */
describe('exec --idempotency-key after the first run was killed mid-change', () => {
  let sandbox: Sandbox;
  let cwd: string;
  let probe: TestApp;

  beforeAll(async () => {
    sandbox = await startSandbox();
    cwd = await mkdtemp(join(tmpdir(), 'ro-idem-'));
    probe = await startTestApp({}, { shared: { sandbox, dataDir: join(cwd, 'probe') } });
  });
  afterAll(async () => {
    await probe.close();
    await sandbox.close();
    await rm(cwd, { recursive: true, force: true });
  });

  it('says outcome_unknown and sends nothing while the request may land, then reports it done once it did', {
    timeout: 120_000,
  }, async () => {
    const sim = sandbox.simulators.infiniteproxies.server;
    const listed = await probe.run('customer list infiniteproxies');
    const user = (listed.data.customers as Array<{ username: string }>)[2]!.username;
    const remainingMb = async () =>
      ((await probe.run(`customer info infiniteproxies ${user}`)).data.balance as { amount: number }).amount;
    const before = await remainingMb();
    const since = sim.received.length;
    const sent = () => sim.received.slice(since).filter((r) => r.route === addRoute).length;
    let land!: () => void;
    sim.fault({ route: addRoute, kind: 'hold', until: new Promise<void>((r) => (land = r)), times: 1 });

    const env = { ...sandbox.env, DATA_DIR: join(cwd, 'data'), PROVIDER_TIMEOUT_MS: '60000', LOG_LEVEL: 'silent' };
    const args = [
      'exec',
      `balance add infiniteproxies ${user} 10 confirm:yes`,
      '--json',
      '--idempotency-key',
      'job-42',
    ];
    await killWhen(args, { cwd, env }, () => sent() === 1);

    const rerun = await cli(args, { cwd, env });
    expect(rerun.code).toBe(1);
    expect(JSON.parse(rerun.stdout)).toMatchObject({ ok: false, error: { code: 'outcome_unknown' } });
    expect(sent()).toBe(1);

    land();
    await vi.waitFor(async () => expect(await remainingMb()).toBe(before + 10), { interval: 20 });

    const again = await cli(args, { cwd, env });
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ ok: true, data: { replayed: true } });
    expect(sent()).toBe(1);
    expect(await remainingMb()).toBe(before + 10);
  });
});
