import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { createDispatcher } from '../../src/runtime/dispatch.js';
import { startTestApp, type TestApp } from '../helpers/app.js';

/** SPEC: every command answers within 60 s whatever the provider does (here scaled down to 300 ms). */
describe('the answer deadline', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ PROVIDER_TIMEOUT_MS: '5000' });
  });
  afterAll(() => t.close());

  const ctx = () => ({
    actor: { platform: 'terminal' as const, userId: 'op', role: 'owner' as const },
    interactionId: `deadline-${Math.random()}`,
    confirmed: false,
    sandbox: true,
    services: t.app.services,
    now: () => new Date(),
  });

  it('answers a read that outlasts it with upstream_unavailable, on time', async () => {
    const dispatcher = createDispatcher(t.app.services, commands, { deadlineMs: 300 });
    t.sim('vpnresellers').setLatency(2_000);
    try {
      const started = Date.now();
      const out = await dispatcher.runText('reseller balance vpnresellers', ctx());
      expect(Date.now() - started).toBeLessThan(1_500);
      expect(out.error?.code).toBe('upstream_unavailable');
    } finally {
      t.sim('vpnresellers').setLatency(0);
    }
  });

  it('answers a change that outlasts it with outcome_unknown, and the change still completes', async () => {
    const dispatcher = createDispatcher(t.app.services, commands, { deadlineMs: 300 });
    t.sim('proxylite').fault({ route: 'POST /end-point/whitelist-account/add', kind: 'latency', ms: 1_000, times: 1 });
    const out = await dispatcher.runText('customer create proxylite latecomer1', ctx());
    expect(out.error?.code).toBe('outcome_unknown');
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const later = await t.run('customer info proxylite latecomer1');
    expect(later.error).toBeNull();
  });
});
