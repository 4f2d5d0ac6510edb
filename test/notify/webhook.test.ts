import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AlertMessage } from '../../src/notify/message.js';
import { createWebhookSink, verifySignature } from '../../src/notify/webhook.js';
import { type Harness, startHarness } from './harness.js';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A local receiver answering the statuses it is given, in turn (then 200). */
async function startReceiver(
  statuses: number[] = [],
): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const status = statuses.shift() ?? 200;
      res.writeHead(status, status === 429 ? { 'retry-after': '30' } : {});
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/alerts`,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const secret = 'test-webhook-secret-0123456789';
const sample: AlertMessage = {
  id: 'al_0123456789abcdef01234567',
  title: 'Alert: liamwong on ProxyLite',
  lines: ['Traffic left 8.00 GB (16 % of 50.00 GB): at or below 20 %'],
  fields: [{ label: 'Provider', value: 'ProxyLite', inline: true }],
  tone: 'warning',
  subject: 'proxylite:customer:liamwong',
  provider: 'proxylite',
  createdAt: '2026-11-23T12:00:00.000Z',
};

describe('the webhook sink', () => {
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  afterEach(() => receiver.close());

  it('signs the raw body with HMAC-SHA256 and sends the timestamp and the message id', async () => {
    receiver = await startReceiver();
    const sink = createWebhookSink({ url: receiver.url, secret, now: () => Date.parse('2026-11-23T12:00:05Z') });
    await sink.send('default', sample);
    const [got] = receiver.received;
    const expected = `sha256=${createHmac('sha256', secret).update(got!.body).digest('hex')}`;
    expect(got!.headers['x-resellerops-signature']).toBe(expected);
    expect(got!.headers['x-resellerops-timestamp']).toBe('1795435205');
    expect(got!.headers['x-resellerops-delivery']).toBe(sample.id);
    expect(JSON.parse(got!.body)).toEqual({ ...sample, timestamp: 1795435205 });
    expect(verifySignature(secret, got!.body, got!.headers['x-resellerops-signature'] as string)).toBe(true);
  });

  it('produces a signature that fails for a changed body or another secret', async () => {
    receiver = await startReceiver();
    await createWebhookSink({ url: receiver.url, secret }).send('default', sample);
    const [got] = receiver.received;
    const signature = got!.headers['x-resellerops-signature'] as string;
    expect(verifySignature(secret, got!.body.replace('liamwong', 'someoneelse'), signature)).toBe(false);
    expect(verifySignature('another-secret-0123456789', got!.body, signature)).toBe(false);
    expect(verifySignature(secret, got!.body, undefined)).toBe(false);
  });

  it('reports a rate limit with its Retry-After, for the outbox to wait', async () => {
    receiver = await startReceiver([429]);
    const sink = createWebhookSink({ url: receiver.url, secret });
    await expect(sink.send('default', sample)).rejects.toMatchObject({ name: 'SinkError', retryAfterMs: 30_000 });
  });
});

describe('the notifier delivering through the webhook', () => {
  let h: Harness;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  beforeEach(async () => {
    receiver = await startReceiver([503]);
    h = await startHarness({ sinks: [createWebhookSink({ url: receiver.url, secret })] });
  });
  afterEach(async () => {
    await h.close();
    await receiver.close();
  });

  it('retries a refused delivery with the same id and signature scheme, and stops once accepted', async () => {
    await h.run('alerts rule add reseller-balance-below provider:youproxy amount:500');
    const report = await h.notifier.runOnce();
    expect(report.targets).toEqual([{ platform: 'webhook', channelId: 'default' }]);
    expect(report.delivery).toMatchObject({ sent: 0, pending: 1 });
    h.advance(5_000);
    expect((await h.notifier.flush()).sent).toBe(1);
    h.advance(15 * 60_000);
    await h.notifier.runOnce();
    expect(receiver.received.map((r) => r.headers['x-resellerops-delivery'])).toEqual([
      report.messages[0]?.id,
      report.messages[0]?.id,
    ]);
    for (const r of receiver.received) {
      expect(verifySignature(secret, r.body, r.headers['x-resellerops-signature'] as string)).toBe(true);
      // Alerts carry no secrets: no API key of any simulator appears in what was sent.
      for (const sim of Object.values(h.sandbox.simulators)) expect(r.body).not.toContain(sim.apiKey);
    }
  });
});
