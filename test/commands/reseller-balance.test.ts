import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { exitCodeOf } from '../../adapters/terminal/render.js';
import { providerIds } from '../../src/providers/registry.js';
import type { Fault } from '../../src/sandbox/server.js';
import { startTestApp, type TestApp } from '../helpers/app.js';

/** `/reseller balance` over real HTTP, with the simulators failing the way vendors do. */
describe('/reseller balance when providers fail', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterEach(() => {
    for (const id of providerIds) t.sim(id).clearFaults();
  });
  afterAll(() => t.close());

  const faults: Array<[string, Fault, string]> = [
    ['a wrong key', { route: '*', kind: 'status', status: 401 }, 'upstream_auth'],
    ['a malformed answer', { route: '*', kind: 'malformed', text: '<html>oops</html>' }, 'upstream_unavailable'],
    ['a rate limit', { route: '*', kind: 'rate_limit', retryAfterS: 120 }, 'rate_limited'],
    // Each attempt's deadline passes as soon as it has reached the hanging vendor.
    ['a hang', { route: '*', kind: 'hang', arrived: () => t.timers.expire() }, 'upstream_unavailable'],
  ];

  it.each(
    faults,
  )('is an error with the failure’s code when the one provider named has %s', async (_what, fault, code) => {
    t.sim('youproxy').fault(fault);
    const out = await t.run('reseller balance youproxy');
    expect(out.ok).toBe(false);
    expect(out.error?.code).toBe(code);
    expect(out.error?.message).toMatch(/youproxy/i);
    expect(out.data).toEqual({ balances: [], errors: [expect.objectContaining({ provider: 'youproxy', code })] });
    expect(exitCodeOf(out)).toBe(1);
  });

  it('is an error with the first failure’s code when every provider failed, listing them all', async () => {
    t.sim('infiniteproxies').fault({ route: '*', kind: 'status', status: 401 });
    for (const id of providerIds.slice(1)) t.sim(id).fault({ route: '*', kind: 'status', status: 503 });
    const out = await t.run('reseller balance');
    expect(out.ok).toBe(false);
    expect(out.error?.code).toBe('upstream_auth');
    const errors = out.data.errors as Array<{ provider: string; code: string; message: string }>;
    expect(errors.map((e) => e.provider)).toEqual([...providerIds]);
    for (const e of errors) expect(e.message).not.toBe('');
    expect(out.data.balances).toEqual([]);
  });

  it('answers ok when at least one provider answered, with the failures in data.errors', async () => {
    t.sim('proxylite').fault({ route: '*', kind: 'malformed' });
    const out = await t.run('reseller balance');
    expect(out.ok).toBe(true);
    expect(out.error).toBeNull();
    expect(out.data.errors).toEqual([
      { provider: 'proxylite', code: 'upstream_unavailable', message: expect.stringMatching(/proxylite/i) },
    ]);
    const balances = out.data.balances as Array<{ provider: string }>;
    expect(new Set(balances.map((b) => b.provider))).toEqual(new Set(providerIds.filter((id) => id !== 'proxylite')));
  });

  it('answers ok for the one provider named when it answers', async () => {
    const out = await t.run('reseller balance youproxy');
    expect(out.ok).toBe(true);
    expect(out.data.errors).toEqual([]);
    expect(exitCodeOf(out)).toBe(0);
  });
});
