import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { createDispatcher } from '../../src/runtime/dispatch.js';
import { type Sandbox, startSandbox } from '../../src/sandbox/index.js';
import { openStore } from '../../src/storage/open.js';
import { startTestApp } from '../helpers/app.js';
import { holdNext } from '../helpers/hold.js';

/**
 * Issue: closing the app while a change carried on after its answer deadline closed the store under
 * it: the change landed upstream, but its journal and audit lines were never written (and the
 * sandbox's data directory could not be removed, ENOTEMPTY).
 */
describe('closing the app', () => {
  let sandbox: Sandbox;
  let dir: string;
  beforeAll(async () => {
    sandbox = await startSandbox();
    dir = await mkdtemp(join(tmpdir(), 'ro-close-'));
  });
  afterAll(async () => {
    await sandbox.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('waits for a change still in flight, so its journal and audit lines are written', async () => {
    const t = await startTestApp({}, { shared: { sandbox, dataDir: dir } });
    const dispatcher = createDispatcher(t.app.services, commands, { deadlineMs: 200 });
    const release = holdNext(sandbox.simulators.proxylite.server, 'POST /end-point/whitelist-account/add');
    const out = await dispatcher.runText('customer create proxylite closecheck1', {
      actor: { platform: 'terminal', userId: 'op', role: 'owner' },
      interactionId: 'close-check-1',
      confirmed: false,
      sandbox: true,
      services: t.app.services,
      now: () => new Date(),
    });
    expect(out.error?.code).toBe('outcome_unknown');
    const closing = t.close();
    release();
    await closing;

    const store = await openStore(dir);
    try {
      expect((await store.journal.findByInteraction('close-check-1'))?.status).toBe('succeeded');
      const audit = await store.audit.recent({ limit: 5 });
      expect(audit.find((a) => a.command === 'customer create' && a.target === 'closecheck1')?.result).toBe('ok');
    } finally {
      await store.close();
    }
  });
});
