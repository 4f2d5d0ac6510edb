import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Sandbox, startSandbox } from '../../src/sandbox/index.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { killWhen } from '../helpers/cli.js';

const buyRoute = 'POST /client/api/v1/:key/order';
const purchase = 'order buy youproxy ipv4 country:GBR quantity:3 period:60 confirm:yes';

/** A purchase whose process was killed with SIGKILL mid-request is never bought twice by a rerun. */
describe('a purchase interrupted by kill -9, then run again', () => {
  let sandbox: Sandbox;
  let cwd: string;
  let probe: TestApp;

  beforeAll(async () => {
    sandbox = await startSandbox();
    cwd = await mkdtemp(join(tmpdir(), 'ro-order-interrupted-'));
    probe = await startTestApp({}, { shared: { sandbox, dataDir: join(cwd, 'probe') } });
  });
  afterAll(async () => {
    await probe.close();
    await sandbox.close();
    await rm(cwd, { recursive: true, force: true });
  });

  const sim = () => sandbox.simulators.youproxy.server;
  const sent = (since: number) =>
    sim()
      .received.slice(since)
      .filter((r) => r.route === buyRoute).length;
  const activeOrders = async () =>
    ((await probe.run('order list youproxy status:active')).data.orders as Array<{ id: string }>).length;

  it('stays outcome_unknown while the killed purchase may land; once it landed, the rerun reads the order list and buys nothing', {
    timeout: 90_000,
  }, async () => {
    const dataDir = join(cwd, 'data');
    const before = await activeOrders();
    let land!: () => void;
    sim().fault({ route: buyRoute, kind: 'hold', until: new Promise<void>((r) => (land = r)), times: 1 });
    const since = sim().received.length;
    const env = { ...sandbox.env, DATA_DIR: dataDir, PROVIDER_TIMEOUT_MS: '60000', LOG_LEVEL: 'silent' };
    await killWhen(['exec', purchase, '--json'], { cwd, env }, () => sent(since) === 1);

    const t = await startTestApp({}, { shared: { sandbox, dataDir } });
    try {
      const rerun = await t.run(purchase);
      expect(rerun.error?.code).toBe('outcome_unknown');
      expect(rerun.error?.message).toMatch(/order buy .*may still be landing/);
      expect(sent(since)).toBe(1);

      land(); // the killed process's purchase takes effect only now
      await vi.waitFor(async () => expect(await activeOrders()).toBe(before + 1), { interval: 20 });

      const again = await t.run(purchase);
      expect(again.error?.code).toBe('conflict');
      expect(again.text).toMatch(/did go through after all/);
      expect(again.text).toMatch(/\/order list/);
      expect(sent(since)).toBe(1);
      expect(await activeOrders()).toBe(before + 1);
    } finally {
      await t.close();
    }
  });
});
