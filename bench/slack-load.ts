import { createHmac } from 'node:crypto';
import { performance } from 'node:perf_hooks';

/**
 * The load generator for bench/slack.ts, in its own process so that its CPU does not slow the
 * servers it measures. It lives for the whole benchmark (its connections as warm for one side as for
 * the other). Each `{ url, secret, bodies }` sends every body at once, signed as Slack signs, and
 * answers with each request's time from sending to its complete response (the ack), in ms;
 * `{ close: true }` ends it.
 */
interface Job {
  url: string;
  secret: string;
  bodies: string[];
}

async function send(job: Job, body: string): Promise<{ ms: number; status: number }> {
  const ts = Math.floor(Date.now() / 1000);
  const sig = `v0=${createHmac('sha256', job.secret).update(`v0:${ts}:${body}`).digest('hex')}`;
  const started = performance.now();
  const res = await fetch(job.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(ts),
      'x-slack-signature': sig,
    },
    body,
  });
  await res.arrayBuffer();
  return { ms: performance.now() - started, status: res.status };
}

process.on('message', async (job: Job | { close: true }) => {
  if ('close' in job) process.exit(0);
  const results = await Promise.all(job.bodies.map((b) => send(job, b)));
  process.send?.(results);
});
