import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient } from '../../src/providers/http.js';
import { createSimServer, type SimServer } from '../../src/sandbox/server.js';
import { providerFailure } from '../helpers/failures.js';

describe('redirects in the shared HTTP client', () => {
  const key = 'sk-live-redirect-secret';
  let vendor: SimServer;
  let stranger: SimServer;
  let applied = 0;

  beforeAll(async () => {
    vendor = createSimServer();
    stranger = createSimServer({ notFound: () => ({ body: { ok: true, from: 'stranger' } }) });
    vendor.route('GET', '/thing', () => ({ body: { ok: true } }));
    vendor.route('POST', '/thing', () => {
      applied += 1;
      return { status: 201, body: { applied } };
    });
    vendor.route('GET', '/hop/:n', (req) => {
      const n = Number(req.params.n);
      return { status: 302, headers: { location: n > 0 ? `/hop/${n - 1}` : '/thing' } };
    });
    vendor.route('POST', '/change/:status', (req) => ({
      status: Number(req.params.status),
      headers: { location: '/thing' },
    }));
    vendor.route('GET', '/away/:status', (req) => ({
      status: Number(req.params.status),
      headers: { location: `${stranger.url}/${key}/thing?app_key=${key}` },
    }));
    vendor.route('GET', '/nowhere', () => ({ status: 302 }));
    await Promise.all([vendor.listen(), stranger.listen()]);
  });
  afterAll(async () => {
    await Promise.all([vendor.close(), stranger.close()]);
  });

  const client = () =>
    createHttpClient({
      provider: 'testvendor',
      baseUrl: vendor.url,
      headers: { 'X-Vendor-Key': key },
      secrets: [key],
      timeoutMs: 2000,
      retry: { baseDelayMs: 5, maxDelayMs: 20 },
    });
  const count = (route: string) => vendor.received.filter((r) => r.route === route).length;

  it('follows up to five redirects of a read within the vendor origin', async () => {
    const res = await client().request({ method: 'GET', path: '/hop/4' });
    expect(res.body).toEqual({ ok: true });
  });

  it('stops a read after five redirects, without retrying it', async () => {
    const before = vendor.received.length;
    const error = await providerFailure(client().request({ method: 'GET', path: '/hop/5' }), 'unavailable');
    expect(error.message).toBe('testvendor redirected us more than 5 times.');
    expect(vendor.received.length - before).toBe(6);
  });

  it.each([301, 302, 307, 308])('never follows a change answered %i: nothing is changed', async (status) => {
    const before = { post: count('POST /thing'), get: count('GET /thing'), applied };
    const error = await providerFailure(
      client().request({ method: 'POST', path: `/change/${status}`, body: { amount: 1 } }),
      'unavailable',
    );
    expect(error.message).toBe(
      `testvendor answered the change with a redirect (HTTP ${status} to another address) instead of making it; a redirect means it did not process the change, and we did not send it again, so nothing was changed.`,
    );
    expect({ post: count('POST /thing'), get: count('GET /thing'), applied }).toEqual(before);
  });

  it('reads a change answered 303 (see other) as outcome_unknown and does not follow it', async () => {
    const before = count('GET /thing');
    const error = await providerFailure(
      client().request({ method: 'POST', path: '/change/303', body: {} }),
      'outcome_unknown',
    );
    expect(error.message).toContain('may or may not have been applied');
    expect(count('GET /thing')).toBe(before);
  });

  it.each([
    301, 302, 303, 307, 308,
  ])('refuses a read redirected (%i) to another host: it gets nothing, the error names only its origin', async (status) => {
    const before = { stranger: stranger.received.length, vendor: count('GET /away/:status') };
    const error = await providerFailure(client().request({ method: 'GET', path: `/away/${status}` }), 'unavailable');
    expect(error.message).toBe(
      `testvendor redirected us to another host, ${stranger.url} (HTTP ${status}); we do not follow it, so neither the API key nor the request went there.`,
    );
    expect(error.hint).toBe('If testvendor really moved its API there, set TESTVENDOR_BASE_URL to the new address.');
    expect(inspect(error, { depth: 10 })).not.toContain(key);
    expect(stranger.received.length).toBe(before.stranger);
    expect(count('GET /away/:status') - before.vendor).toBe(1);
  });

  it('refuses a redirect with no address to follow', async () => {
    const error = await providerFailure(client().request({ method: 'GET', path: '/nowhere' }), 'unavailable');
    expect(error.message).toBe('testvendor answered HTTP 302 with no address to follow.');
  });
});
