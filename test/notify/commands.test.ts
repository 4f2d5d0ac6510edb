import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTrafficThresholds } from '../../src/notify/rules.js';
import { type Harness, startHarness } from './harness.js';

describe('/alerts', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('adds, lists and removes rules, numbering them r1, r2…', async () => {
    const added = await h.run('alerts rule add traffic-below threshold:"20%, 5%, 0"');
    expect(added.ok).toBe(true);
    expect(added.data.rule).toMatchObject({
      id: 'r1',
      type: 'traffic-below',
      provider: 'all',
      thresholds: [
        { kind: 'percent', value: 20 },
        { kind: 'percent', value: 5 },
        { kind: 'bytes', value: 0 },
      ],
    });
    await h.run('alerts rule add expires-within provider:vpnresellers days:7,3');
    await h.run('alerts rule add reseller-balance-below provider:proxylite amount:100000');
    await h.run('alerts rule add usage-spike factor:4 window:14 min:1GB');
    await h.run('alerts rule add provider-down sweeps:2');
    const list = await h.run('alerts rule list');
    expect(list.fields.map((f) => f.label)).toEqual(['r1', 'r2', 'r3', 'r4', 'r5', 'Channels']);
    expect(list.fields[3]?.value).toBe('A day above 4× the 14-day average, at least 1 GB (every provider)');
    expect((await h.run('alerts rule remove r2')).ok).toBe(true);
    const after = await h.run('alerts rule list');
    expect(after.fields.map((f) => f.label)).toEqual(['r1', 'r3', 'r4', 'r5', 'Channels']);
    expect((await h.run('alerts rule add provider-down')).data.rule).toMatchObject({ id: 'r6', sweeps: 3 });
  });

  it('refuses options that mean nothing for the rule type, and bad thresholds', async () => {
    const wrong = await h.run('alerts rule add expires-within threshold:20%');
    expect(wrong.error?.code).toBe('invalid_input');
    expect(wrong.text).toMatch(/threshold: does not apply to expires-within/);
    expect((await h.run('alerts rule add traffic-below threshold:20')).text).toMatch(/needs a unit/);
    expect((await h.run('alerts rule add traffic-below threshold:120%')).text).toMatch(/more than 100/);
    expect((await h.run('alerts rule add reseller-balance-below amount:5')).text).toMatch(/needs one provider/);
    expect((await h.run('alerts rule remove r99')).error?.code).toBe('invalid_input');
  });

  it('lets staff edit rules but only owners choose the channel', async () => {
    expect((await h.run('alerts rule add provider-down', 'staff')).ok).toBe(true);
    expect((await h.run('alerts rule list', 'viewer')).error?.code).toBe('forbidden');
    expect((await h.run('alerts channel set C1 platform:slack', 'staff')).error?.code).toBe('forbidden');
    const set = await h.run('alerts channel set <#C0123ABCD|alerts> platform:slack');
    expect(set.data).toEqual({ platform: 'slack', channel: 'C0123ABCD' });
    expect((await h.run('alerts channel set C1')).text).toMatch(/platform:discord or platform:slack/);
  });

  it('sends a test alert through the sinks to the configured channel', async () => {
    await h.run('alerts channel set 123456789012345678 platform:discord');
    const out = await h.run('alerts test', 'staff');
    expect(out.ok).toBe(true);
    expect(out.data).toMatchObject({ sent: 1, targets: ['discord:123456789012345678', 'slack:C0123ABCD'] });
    expect(h.sink.delivered.map((m) => m.title)).toEqual(['Test alert from resellerops']);
  });

  it('reads thresholds as percentages or decimal amounts', () => {
    expect(parseTrafficThresholds('500MB, 1.5GB,0')).toEqual([
      { kind: 'bytes', value: 500_000_000 },
      { kind: 'bytes', value: 1_500_000_000 },
      { kind: 'bytes', value: 0 },
    ]);
    expect(() => parseTrafficThresholds('20%,20%')).toThrow(/twice/);
  });
});
