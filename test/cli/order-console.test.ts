import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { spawnCli } from '../helpers/cli.js';

/** What a reseller does from a fresh clone in `npm run sandbox`: catalog to autorenew off, with no keys. */
describe('orders in the sandbox console', () => {
  let cwd: string;
  beforeAll(async () => {
    cwd = await mkdtemp(join(tmpdir(), 'ro-order-console-'));
  });
  afterAll(() => rm(cwd, { recursive: true, force: true }));

  it('catalog → quote → buy (price in the question) → list → info → config get → renew → autorenew off', {
    timeout: 90_000,
  }, async () => {
    const { child, done } = spawnCli(['console', '--sandbox'], { cwd, input: null, killAfterMs: 80_000 });
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
    });
    const say = (line: string) => child.stdin?.write(`${line}\n`);
    /** Sends a line and waits until what it printed matches. */
    const step = async (line: string, printed: RegExp) => {
      const from = out.length;
      say(line);
      await vi.waitFor(() => expect(out.slice(from)).toMatch(printed), { timeout: 30_000, interval: 50 });
      return out.slice(from);
    };

    await step('order catalog youproxy', /ipv4 — IPv4[\s\S]*country: USA/);
    await step(
      'order quote youproxy ipv4 country:USA quantity:2 period:30',
      /Price: 3\.60 USD[\s\S]*balance: \d+\.\d\d USD now, \d+\.\d\d USD after/,
    );
    await step('order buy youproxy ipv4 country:USA quantity:2 period:30', /Price: 3\.60 USD[\s\S]*confirm:yes/);
    const bought = await step('order buy youproxy ipv4 country:USA quantity:2 period:30 confirm:yes', /Order (\d+)\./);
    const id = /Order (\d+)\./.exec(bought)![1]!;
    expect(bought).toContain(`/config get youproxy ${id}`);
    await step('order list youproxy status:active', new RegExp(`${id} — IPv4 × 2, active`));
    await step(`order info youproxy ${id}`, /http:\/\/[^\s]+@[\d.]+:\d+/);
    await step(`config get youproxy ${id}`, /[\d.]+:\d+/);
    await step(`order renew youproxy ${id} period:30`, /Renew order \d+ at Youproxy[\s\S]*Price: \d+\.\d\d USD/);
    await step(`order renew youproxy ${id} period:30 confirm:yes`, /Renewed\. Order \d+\./);
    await step(`order autorenew youproxy ${id} off`, /no longer renews on its own/);
    say('exit');
    const run = await done;
    expect(run.code).toBe(0);
    expect(out).toContain('SANDBOX');
  });
});
