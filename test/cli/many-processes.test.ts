import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Sandbox, startSandbox } from '../../src/sandbox/index.js';
import { openStore } from '../../src/storage/open.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { cli, spawnCli } from '../helpers/cli.js';

const limitRoute = 'POST /end-point/whitelist-account/change-limit';
const addRoute = 'POST /v2/customer/add_balance';

/**
 * Issue: while `resellerops start` ran, `exec`, `doctor` and `notify run-once` on the same DATA_DIR
 * exited 2 ("in use by another resellerops process"). Now any number of processes share it: each
 * change lands once, changes to one account are serialised across processes (ProxyLite's limit is
 * read-then-write upstream), and the audit log and journal hold every change.
 */
describe('20 exec processes beside a running start on one data directory', () => {
  let sandbox: Sandbox;
  let cwd: string;
  let probe: TestApp;

  beforeAll(async () => {
    sandbox = await startSandbox();
    cwd = await mkdtemp(join(tmpdir(), 'ro-many-'));
    probe = await startTestApp({}, { shared: { sandbox, dataDir: join(cwd, 'probe') } });
  });
  afterAll(async () => {
    await probe?.close();
    await sandbox?.close();
    await rm(cwd, { recursive: true, force: true });
  });

  it('carries out every change once, one at a time per account, and records each in the audit log and journal', {
    timeout: 240_000,
  }, async () => {
    const dataDir = join(cwd, 'data');
    const env = { ...sandbox.env, DATA_DIR: dataDir, LOG_LEVEL: 'info', PROVIDER_TIMEOUT_MS: '20000' };
    const lite = (
      (await probe.run('customer list proxylite status:active')).data.customers as Array<{ username: string }>
    )[0]!.username;
    const infinite = (
      (await probe.run('customer list infiniteproxies')).data.customers as Array<{ username: string }>
    ).map((c) => c.username);
    const limitGb = async () =>
      ((await probe.run(`customer info proxylite ${lite}`)).data.balance as { amount: number }).amount;
    const before = await limitGb();
    const lite0 = sandbox.simulators.proxylite.server.received.length;
    const inf0 = sandbox.simulators.infiniteproxies.server.received.length;

    const bot = spawnCli(['start'], { cwd, env, input: null });
    let botErr = '';
    bot.child.stderr?.on('data', (d: Buffer) => {
      botErr += d.toString();
    });
    await vi.waitFor(() => expect(botErr).toContain('opening the console'), { timeout: 60_000, interval: 50 });

    const execs = Array.from({ length: 20 }, (_, n) =>
      cli(
        [
          'exec',
          n % 2 === 0
            ? `balance add proxylite ${lite} 1 confirm:yes`
            : `balance add infiniteproxies ${infinite[n % infinite.length]} 10 confirm:yes`,
          '--json',
        ],
        { cwd, env: { ...env, LOG_LEVEL: 'warn' } },
      ),
    );
    // The running bot takes changes to the same account from its console meanwhile.
    for (let n = 0; n < 5; n++) bot.child.stdin?.write(`balance add proxylite ${lite} 1 confirm:yes\n`);
    bot.child.stdin?.end('exit\n');
    const runs = await Promise.all(execs);
    const botRun = await bot.done;

    for (const run of runs) expect({ code: run.code, out: JSON.parse(run.stdout).ok }).toEqual({ code: 0, out: true });
    expect(botRun.code).toBe(0);
    expect(botRun.stdout.match(/Balance/gi)?.length ?? 0).toBeGreaterThanOrEqual(5);
    const received = (sim: 'proxylite' | 'infiniteproxies', since: number, route: string) =>
      sandbox.simulators[sim].server.received.slice(since).filter((r) => r.route === route).length;
    expect(received('proxylite', lite0, limitRoute)).toBe(15);
    expect(received('infiniteproxies', inf0, addRoute)).toBe(10);
    expect(await limitGb()).toBe(before + 15);

    const store = await openStore(dataDir);
    try {
      const audited = (await store.audit.recent({ limit: 1000 })).filter((e) => e.command === 'balance add');
      expect(audited.filter((e) => e.result === 'ok')).toHaveLength(25);
      const journal = (await readFile(join(dataDir, 'journal.jsonl'), 'utf8'))
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      const started = journal.filter((r) => r.t === 'started');
      expect(started).toHaveLength(25);
      expect(new Set(started.map((r) => r.interactionId)).size).toBe(25);
      expect(new Set(started.map((r) => r.owner.pid)).size).toBe(21);
      expect(journal.filter((r) => r.t === 'succeeded')).toHaveLength(25);
      expect(await store.journal.unresolved()).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
