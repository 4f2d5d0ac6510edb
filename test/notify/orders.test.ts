import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNotifier, type Notifier } from '../../src/notify/notifier.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { type FakeSink, fakeSink } from './harness.js';

/** Orders in the alerts channel: every purchase, the day's spend in the digest, and renewals due. */
describe('order alerts', () => {
  let t: TestApp;
  let sink: FakeSink;
  let notifier: Notifier;

  beforeAll(async () => {
    t = await startTestApp();
    sink = fakeSink('discord');
    notifier = createNotifier({
      services: t.app.services,
      sinks: [sink],
      pacingMs: { discord: 0, slack: 0, webhook: 0 },
      charts: false,
      sleep: async () => undefined,
    });
    expect((await t.run('alerts channel set 123456789012345678 platform:discord')).error).toBeNull();
  });
  afterAll(async () => {
    await notifier.stop();
    await t.close();
  });

  it('posts each purchase and renewal to the alerts channel: what, price, who', async () => {
    const bought = await t.run('order buy youproxy ipv4 country:USA quantity:2 period:30 confirm:yes');
    expect(bought.error).toBeNull();
    await notifier.flush();
    const posted = sink.delivered.find((m) => m.subject === `youproxy:order:${bought.data.orderId}`);
    expect(posted?.title).toBe('Order placed at Youproxy');
    expect(posted?.lines).toEqual(['2 × IPv4, USA, 30 days for 3.60 USD, by tester (terminal)']);
    expect(posted?.fields).toContainEqual({ label: 'Order', value: bought.data.orderId, inline: true });

    const renewed = await t.run(`order renew youproxy ${bought.data.orderId} period:30 confirm:yes`);
    expect(renewed.error).toBeNull();
    await notifier.flush();
    const again = sink.delivered.filter((m) => m.subject === `youproxy:order:${bought.data.orderId}`);
    expect(again.map((m) => m.title)).toEqual(['Order placed at Youproxy', 'Order renewed at Youproxy']);
    expect(again[1]!.lines[0]).toMatch(/^order \d+ for 30 days for \d+\.\d\d USD, by tester \(terminal\)$/);
  });

  it('posts nothing for a purchase that was refused', async () => {
    const before = sink.delivered.length;
    const refused = await t.run('order buy youproxy ipv4 country:USA quantity:1000 period:360 confirm:yes');
    expect(refused.error?.code).toBe('insufficient_funds');
    await notifier.flush();
    expect(sink.delivered.length).toBe(before);
  });

  it('sums the day’s spend per provider in the daily digest', async () => {
    await t.run('order buy proxyshard dc country:US period:monthly quantity:2 confirm:yes');
    await t.run('order buy proxyshard dc country:US period:monthly quantity:2 confirm:yes');
    expect((await t.run('alerts rule add daily-digest hour:0')).error).toBeNull();
    const report = await notifier.runOnce();
    const digest = report.messages.find((m) => m.subject === 'digest')!;
    const field = (label: string) => digest.fields.find((f) => f.label === label)?.value;
    expect(field('ProxyShard')).toMatch(/spent 10\.00 USD on orders in 24 h/);
    expect(field('Youproxy')).toMatch(/spent \d+\.\d\d USD on orders in 24 h/);
    expect(field('InfiniteProxies')).not.toMatch(/spent/);
  });

  it('says in an expires-within alert that the order’s auto-renew is off', async () => {
    expect((await t.run('alerts rule add expires-within days:7')).error).toBeNull();
    const report = await notifier.runOnce();
    // Youproxy's orders are its accounts; ProxyShard's are orders of their own.
    const orders = report.messages.filter(
      (m) => m.subject.startsWith('youproxy:customer:') || m.subject.startsWith('proxyshard:order:'),
    );
    expect(new Set(orders.map((m) => m.provider))).toEqual(new Set(['youproxy', 'proxyshard']));
    for (const m of orders) {
      const id = m.subject.split(':').at(-1);
      expect(m.lines.join('\n')).toContain(`auto-renew is off: renew it with /order renew ${m.provider} ${id}`);
    }
  });
});
