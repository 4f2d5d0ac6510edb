import { setImmediate as nextTurn } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertSink } from '../../src/notify/message.js';
import { createNotifier } from '../../src/notify/notifier.js';
import { startTestApp, type TestApp } from '../helpers/app.js';

/**
 * Regression: stop() returned while a delivery (started by a purchase alert or an approval request)
 * was still being sent, and the store closed under it (ENOTEMPTY removing the data directory).
 */
describe('notifier stop', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await t.run('alerts channel set 900000000000000003 platform:discord');
  });
  afterAll(() => t.close());

  it('waits for a delivery in progress to finish', async () => {
    const events: string[] = [];
    let entered!: () => void;
    const inSink = new Promise<void>((resolve) => {
      entered = resolve;
    });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const sink: AlertSink = {
      platform: 'discord',
      async send() {
        entered();
        await gate;
        events.push('sent');
      },
    };
    const notifier = createNotifier({ services: t.app.services, sinks: [sink], pacingMs: { discord: 0 } });
    const delivered = notifier.sendTest('tester');
    await inSink;
    const stopped = notifier.stop().then(() => events.push('stopped'));
    await nextTurn();
    release();
    await Promise.all([delivered, stopped]);
    expect(events).toEqual(['sent', 'stopped']);
  });
});
