import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { commands } from '../../commands/index.js';
import { createDispatcher } from '../../src/runtime/dispatch.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { holdNext } from '../helpers/hold.js';

/** Every command answers within 60 s whatever the provider does (here scaled down to 300 ms). */
describe('the answer deadline', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ PROVIDER_TIMEOUT_MS: '5000' });
  });
  afterAll(() => t.close());

  const ctx = (interactionId = `deadline-${Math.random()}`) => ({
    actor: { platform: 'terminal' as const, userId: 'op', role: 'owner' as const },
    interactionId,
    confirmed: false,
    sandbox: true,
    services: t.app.services,
    now: () => new Date(),
  });

  it('answers a read that outlasts it with upstream_unavailable, on time', async () => {
    const dispatcher = createDispatcher(t.app.services, commands, { deadlineMs: 300 });
    const release = holdNext(t.sim('vpnresellers'), 'GET /v4_1/profile');
    try {
      const started = Date.now();
      const out = await dispatcher.runText('reseller balance vpnresellers', ctx());
      expect(Date.now() - started).toBeLessThan(1_500);
      expect(out.error?.code).toBe('upstream_unavailable');
    } finally {
      release();
    }
  });

  it('answers a change that outlasts it with outcome_unknown, and the change still completes', async () => {
    const dispatcher = createDispatcher(t.app.services, commands, { deadlineMs: 300 });
    const release = holdNext(t.sim('proxylite'), 'POST /end-point/whitelist-account/add');
    const id = `deadline-change-${Math.random()}`;
    const out = await dispatcher.runText('customer create proxylite latecomer1', ctx(id));
    expect(out.error?.code).toBe('outcome_unknown');
    release();
    // The change carried on after the answer: the journal records how it ended.
    await vi.waitFor(
      async () => expect((await t.app.services.store.journal.findByInteraction(id))?.status).toBe('succeeded'),
      { timeout: 10_000, interval: 10 },
    );
    const later = await t.run('customer info proxylite latecomer1');
    expect(later.error).toBeNull();
  });
});
