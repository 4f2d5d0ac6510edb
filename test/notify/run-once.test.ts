import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNotifyOnce } from '../../adapters/terminal/notify.js';
import { startTestApp, type TestApp } from '../helpers/app.js';

describe('resellerops notify run-once --sandbox', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it("prints the alerts the demo rules raise on the simulators' data, as a dry run", async () => {
    const out: string[] = [];
    const code = await runNotifyOnce(t.app, { env: {}, write: (line) => out.push(line) });
    const text = out.join('\n');
    expect(code).toBe(0);
    expect(text).toMatch(/^SANDBOX — simulated providers\. Rules in force:/);
    expect(text).toContain('Alert: liamwong on ProxyLite');
    expect(text).toContain('Alert: sofia-rossi on VPNresellers');
    expect(text).toContain('Balance is 184.37 USD, below 500 USD');
    expect(text).toMatch(/proxylite\s+ok, \d+ calls, 10 customers/);
    expect(text).toContain('nothing was recorded or sent (a dry run)');
  });

  it('prints one JSON report with --json', async () => {
    const out: string[] = [];
    await runNotifyOnce(t.app, { env: {}, json: true, write: (line) => out.push(line) });
    expect(out).toHaveLength(1);
    const report = JSON.parse(out[0] as string);
    expect(report.providers.map((p: { id: string }) => p.id)).toEqual([
      'infiniteproxies',
      'proxyshard',
      'proxylite',
      'vpnresellers',
      'youproxy',
    ]);
    expect(report.messages.length).toBeGreaterThan(5);
  });

  it('refuses a webhook URL without its secret, naming the variable', async () => {
    await expect(
      runNotifyOnce(t.app, { env: { ALERT_WEBHOOK_URL: 'https://example.test/hook' } }),
    ).rejects.toMatchObject({
      name: 'ConfigError',
      problems: ['ALERT_WEBHOOK_SECRET is required when ALERT_WEBHOOK_URL is set (the receiver checks the signature)'],
    });
  });
});
