import { inspect } from 'node:util';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppError, ProviderError } from '../../src/errors.js';
import { createHttpClient, urlPath } from '../../src/providers/http.js';
import { createSimServer, type SimServer } from '../../src/sandbox/server.js';
import { hangUntilDeadline } from '../helpers/hold.js';
import { testTimers } from '../helpers/timers.js';

describe('the shared HTTP client', () => {
  let sim: SimServer;
  let counter = 0;
  beforeAll(async () => {
    sim = createSimServer();
    sim.route('GET', '/thing', () => ({ body: { ok: true } }));
    sim.route('POST', '/thing', () => {
      counter += 1;
      return { status: 201, body: { created: counter } };
    });
    await sim.listen();
  });
  afterAll(() => sim.close());
  afterEach(() => sim.clearFaults());

  // Waits between attempts are recorded, not spent; a hung attempt ends when the test passes its deadline.
  let timers = testTimers();
  beforeEach(() => {
    timers = testTimers();
  });
  const client = (secrets: string[] = []) =>
    createHttpClient({ provider: 'testvendor', baseUrl: sim.url, timeoutMs: 5_000, secrets, timers });
  const count = (route: string) => sim.received.filter((r) => r.route === route).length;

  it('returns status and parsed JSON', async () => {
    const res = await client().request({ method: 'GET', path: '/thing' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true });
  });

  it('reads an answer that arrives in pieces whole, a character split between pieces included', async () => {
    const bytes = new TextEncoder().encode(JSON.stringify({ name: 'Zoë ✓' }));
    const cut = bytes.indexOf(0xe2) + 1;
    const pieces = [bytes.slice(0, 3), bytes.slice(3, cut), bytes.slice(cut)];
    const fetch: typeof globalThis.fetch = async () =>
      new Response(
        new ReadableStream({
          start(controller) {
            for (const piece of pieces) controller.enqueue(piece);
            controller.close();
          },
        }),
        { status: 404, headers: { 'content-type': 'application/json' } },
      );
    const res = await createHttpClient({ provider: 'testvendor', baseUrl: sim.url, timers, fetch }).request({
      method: 'GET',
      path: '/thing',
    });
    expect(res.status).toBe(404);
    expect(res.text).toBe('{"name":"Zoë ✓"}');
    expect(res.body).toEqual({ name: 'Zoë ✓' });
  });

  it('retries a GET on 503 and then succeeds', async () => {
    sim.fault({ route: 'GET /thing', kind: 'status', status: 503, times: 2 });
    const before = count('GET /thing');
    const res = await client().request({ method: 'GET', path: '/thing' });
    expect(res.status).toBe(200);
    expect(count('GET /thing') - before).toBe(3);
    // The backoff doubles from its base between the attempts.
    expect(timers.waits).toEqual([300, 600]);
  });

  it('gives up a GET after its retries and hands back the last status', async () => {
    sim.fault({ route: 'GET /thing', kind: 'status', status: 502 });
    const before = count('GET /thing');
    const res = await client().request({ method: 'GET', path: '/thing' });
    expect(res.status).toBe(502);
    expect(count('GET /thing') - before).toBe(3);
  });

  it('never retries a POST, whatever the status', async () => {
    sim.fault({ route: 'POST /thing', kind: 'status', status: 503 });
    const before = count('POST /thing');
    const res = await client().request({ method: 'POST', path: '/thing', body: {} });
    expect(res.status).toBe(503);
    expect(count('POST /thing') - before).toBe(1);
  });

  it('ends a Retry-After longer than allowed as rate_limited without waiting', async () => {
    sim.fault({ route: 'GET /thing', kind: 'rate_limit', retryAfterS: 600 });
    const error = await client()
      .request({ method: 'GET', path: '/thing' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).kind).toBe('rate_limited');
    expect((error as ProviderError).retryAfterMs).toBe(600_000);
    expect(timers.waits).toEqual([]);
  });

  it('turns a hung GET into unavailable after its retries', async () => {
    hangUntilDeadline(sim, 'GET /thing', timers);
    const before = count('GET /thing');
    const error = await client()
      .request({ method: 'GET', path: '/thing' })
      .catch((e: unknown) => e);
    expect((error as ProviderError).kind).toBe('unavailable');
    expect(count('GET /thing') - before).toBe(3);
  });

  it('turns a hung POST into outcome_unknown, sent once', async () => {
    hangUntilDeadline(sim, 'POST /thing', timers);
    const before = count('POST /thing');
    const error = await client()
      .request({ method: 'POST', path: '/thing', body: {} })
      .catch((e: unknown) => e);
    expect((error as ProviderError).kind).toBe('outcome_unknown');
    expect(count('POST /thing') - before).toBe(1);
  });

  it('turns a dropped POST into outcome_unknown', async () => {
    sim.fault({ route: 'POST /thing', kind: 'drop_after_apply' });
    const error = await client()
      .request({ method: 'POST', path: '/thing', body: {} })
      .catch((e: unknown) => e);
    expect((error as ProviderError).kind).toBe('outcome_unknown');
  });

  it('knows a refused connection never reached the vendor', async () => {
    const closed = createSimServer();
    const closedUrl = await closed.listen();
    await closed.close();
    const dead = createHttpClient({ provider: 'testvendor', baseUrl: closedUrl, timeoutMs: 400 });
    const error = await dead.request({ method: 'POST', path: '/thing', body: {} }).catch((e: unknown) => e);
    expect((error as ProviderError).kind).toBe('unavailable');
  });

  it('keeps the key out of error messages and causes it names', async () => {
    const key = 'sk-live-very-secret-key';
    const dead = createHttpClient({
      provider: 'testvendor',
      baseUrl: `${sim.url}/${key}`,
      secrets: [key],
      timeoutMs: 5_000,
      retry: { attempts: 0 },
      timers,
    });
    hangUntilDeadline(sim, '*', timers);
    const error = (await dead.request({ method: 'GET', path: '/thing' }).catch((e: unknown) => e)) as ProviderError;
    expect(error).toBeInstanceOf(ProviderError);
    expect(inspect(error, { depth: 10 })).toContain('TimeoutError');
    expect(inspect(error, { depth: 10 })).not.toContain(key);
  });

  it('encodes path input as one segment and refuses path steps', () => {
    expect(urlPath`/customer/@${'a b/c'}`).toBe('/customer/@a%20b%2Fc');
    for (const bad of ['..', '.', '']) {
      expect(() => urlPath`/customer/${bad}`).toThrow(AppError);
    }
  });
});
