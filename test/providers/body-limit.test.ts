import type { IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient } from '../../src/providers/http.js';
import { infiniteproxies } from '../../src/providers/infiniteproxies/index.js';
import { providerFailure } from '../helpers/failures.js';
import { type Answer, filler, type StreamingServer, startStreamingServer } from '../helpers/streaming-server.js';

const MB = 1_000_000;
const total = 64 * MB;

/** A valid InfiniteProxies customer list of `count` users, written in batches. */
function* customerList(count: number): Generator<string> {
  yield '{"status":{"code":200,"message":"OK"},"payload":{"users":[';
  for (let i = 0; i < count; i += 1000) {
    const batch: string[] = [];
    for (let j = i; j < Math.min(count, i + 1000); j += 1) {
      batch.push(`{"username":"customer_${j}","proxy_password":"pw${j}xyzABC123","balance":1000}`);
    }
    yield (i > 0 ? ',' : '') + batch.join(',');
  }
  yield ']}}';
}

function answer(req: IncomingMessage): Answer {
  const url = new URL(req.url ?? '/', 'http://streamer');
  if (url.pathname.endsWith('/customers'))
    return { pieces: customerList(Number(url.searchParams.get('count') ?? 70_000)) };
  const size = Number(url.searchParams.get('bytes') ?? total);
  const headers = url.searchParams.has('declared') ? { 'content-length': String(size) } : undefined;
  return { headers, pieces: filler(size) };
}

describe('the response size cap', () => {
  let server: StreamingServer;
  beforeAll(async () => {
    server = await startStreamingServer(answer);
  });
  afterAll(() => server.close());

  const client = (maxResponseBytes?: number) =>
    createHttpClient({ provider: 'testvendor', baseUrl: server.url, timeoutMs: 30_000, maxResponseBytes });
  const lastServed = () => server.served.at(-1)!;

  it('stops reading a read as soon as it passes the cap, and says which provider and what cap', async () => {
    const before = server.served.length;
    const error = await providerFailure(client(MB).request({ method: 'GET', path: '/big' }), 'unavailable');
    expect(error.code).toBe('upstream_unavailable');
    expect(error.message).toContain('testvendor');
    expect(error.message).toContain('1 MB');
    const served = await lastServed();
    expect(served.complete).toBe(false);
    expect(served.written).toBeLessThan(total / 4);
    expect(server.served.length - before).toBe(1);
  });

  it('refuses an answer whose declared length passes the cap', async () => {
    const error = await providerFailure(
      client(MB).request({ method: 'GET', path: '/big', query: { declared: 1 } }),
      'unavailable',
    );
    expect(error.message).toContain('1 MB');
    const served = await lastServed();
    expect(served.complete).toBe(false);
    expect(served.written).toBeLessThan(total / 4);
  });

  it('treats a change whose answer passes the cap as outcome_unknown, sent once', async () => {
    const before = server.served.length;
    const error = await providerFailure(
      client(MB).request({ method: 'POST', path: '/big', body: {} }),
      'outcome_unknown',
    );
    expect(error.message).toContain('cannot tell whether the change was applied');
    expect((await lastServed()).complete).toBe(false);
    expect(server.served.length - before).toBe(1);
  });

  it('reads an answer of exactly the cap, and refuses one byte more', async () => {
    const exact = await client(100_000).request({ method: 'GET', path: '/small', query: { bytes: 100_000 } });
    expect(exact.text).toHaveLength(100_000);
    const error = await providerFailure(
      client(100_000).request({ method: 'GET', path: '/small', query: { bytes: 100_001 } }),
      'unavailable',
    );
    expect(error.message).toContain('0.1 MB');
  });

  it('caps at 4 MB unless the provider sets its own', async () => {
    const error = await providerFailure(client().request({ method: 'GET', path: '/big' }), 'unavailable');
    expect(error.message).toContain('4 MB');
    expect((await lastServed()).written).toBeLessThan(total / 4);
  });

  it('lets InfiniteProxies read a customer list over the default cap: its list is unpaginated', async () => {
    const provider = infiniteproxies.create({
      baseUrl: `${server.url}/v2`,
      apiKey: 'key-1234',
      timeoutMs: 30_000,
    });
    const customers = await provider.customers!.listAll();
    expect(customers).toHaveLength(70_000);
    expect((await lastServed()).written).toBeGreaterThan(4 * MB);
  });

  it('takes a provider cap from its settings', async () => {
    const provider = infiniteproxies.create({
      baseUrl: `${server.url}/v2`,
      apiKey: 'key-1234',
      timeoutMs: 30_000,
      maxResponseBytes: 10_000,
    });
    const error = await providerFailure(provider.customers!.listAll(), 'unavailable');
    expect(error.message).toBe(
      'infiniteproxies sent an answer larger than 0.01 MB, the most we read from it; we stopped reading it.',
    );
    expect((await lastServed()).complete).toBe(false);
  });
});
