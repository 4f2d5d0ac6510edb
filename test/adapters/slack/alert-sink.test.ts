import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackAlertSink } from '../../../adapters/slack/alert-sink.js';
import type { AlertMessage } from '../../../src/notify/message.js';
import { SinkError } from '../../../src/notify/message.js';
import { type SlackFake, startSlackFake } from '../../helpers/slack-fake/server.js';

const message: AlertMessage = {
  id: 'msg-1',
  title: 'Low traffic',
  lines: ['emmaclark on ProxyLite has 0.4 GB left <!channel>'],
  fields: [{ label: 'Remaining', value: '0.4 GB' }],
  tone: 'warning',
  subject: 'proxylite:customer:emmaclark',
  provider: 'proxylite',
  createdAt: '2026-11-23T03:00:00.000Z',
};

describe('Slack alert sink', () => {
  let fake: SlackFake;
  beforeAll(async () => {
    fake = await startSlackFake();
  });
  afterAll(() => fake.close());

  it('posts Block Kit to the alert channel and uploads the chart to the same channel, under the alert', async () => {
    const sink = createSlackAlertSink({ token: 'xoxb-sink', apiUrl: fake.apiUrl });
    const before = fake.calls.length;
    await sink.send('C0ALERTS01', { ...message, chart: { name: 'usage.png', png: Buffer.from('PNGDATA') } });
    const calls = fake.calls.slice(before);
    const post = calls.find((c) => c.method === 'chat.postMessage');
    expect(post?.token).toBe('xoxb-sink');
    expect(post?.params.channel).toBe('C0ALERTS01');
    expect(JSON.stringify(post?.params.blocks)).toContain('&lt;!channel&gt;');
    expect((post?.params.blocks as Array<{ type: string }>)[0]?.type).toBe('header');
    const complete = calls.find((c) => c.method === 'files.completeUploadExternal');
    expect(complete?.params.channel_id).toBe('C0ALERTS01');
    expect(complete?.params.thread_ts).toBeTruthy();
    expect(fake.uploads.at(-1)?.raw.toString('latin1')).toContain('PNGDATA');
  });

  it('passes Slack’s Retry-After on to the outbox', async () => {
    const sink = createSlackAlertSink({ token: 'xoxb-sink', apiUrl: fake.apiUrl });
    fake.failNext('chat.postMessage', {
      status: 429,
      headers: { 'retry-after': '7' },
      body: { ok: false, error: 'ratelimited' },
    });
    const error = await sink.send('C0ALERTS01', message).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SinkError);
    expect((error as SinkError).retryAfterMs).toBe(7000);
    expect((error as SinkError).permanent).toBe(false);
  });

  it('marks an unknown channel as permanent, and a server error as worth retrying', async () => {
    const sink = createSlackAlertSink({ token: 'xoxb-sink', apiUrl: fake.apiUrl });
    fake.failNext('chat.postMessage', { body: { ok: false, error: 'channel_not_found' } });
    const gone = (await sink.send('C0GONE', message).catch((e: unknown) => e)) as SinkError;
    expect(gone.permanent).toBe(true);
    fake.failNext('chat.postMessage', { status: 503, body: { ok: false } });
    const down = (await sink.send('C0ALERTS01', message).catch((e: unknown) => e)) as SinkError;
    expect(down).toBeInstanceOf(SinkError);
    expect(down.permanent).toBe(false);
  });
});
