import { createHmac, timingSafeEqual } from 'node:crypto';
import { type AlertMessage, type AlertSink, SinkError } from './message.js';

/**
 * The outgoing webhook, for resellers who route alerts elsewhere. POST, JSON body:
 *   { id, timestamp, title, lines, fields, tone, subject, provider, createdAt, chart?: { name, pngBase64 } }
 * Headers:
 *   X-Resellerops-Signature: sha256=<hex HMAC-SHA256 of the raw body, keyed with ALERT_WEBHOOK_SECRET>
 *   X-Resellerops-Timestamp: <unix seconds>, also in the signed body, so a receiver can refuse replays
 *   X-Resellerops-Delivery:  <message id>, the same on every retry: deduplicate on it
 * A 2xx answer is success; anything else is retried with backoff (Retry-After honoured).
 */

export const signatureHeader = 'x-resellerops-signature';
export const timestampHeader = 'x-resellerops-timestamp';
export const deliveryHeader = 'x-resellerops-delivery';

export function signBody(secret: string, rawBody: string): string {
  return `sha256=${createHmac('sha256', secret).update(rawBody, 'utf8').digest('hex')}`;
}

/** For receivers (and tests): constant-time check of a signature header against the raw body. */
export function verifySignature(secret: string, rawBody: string, header: string | undefined): boolean {
  if (!header) return false;
  const expected = Buffer.from(signBody(secret, rawBody));
  const given = Buffer.from(header);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export function webhookBody(message: AlertMessage, timestamp: number): string {
  const { chart, ...rest } = message;
  return JSON.stringify({
    ...rest,
    timestamp,
    ...(chart ? { chart: { name: chart.name, pngBase64: chart.png.toString('base64') } } : {}),
  });
}

function retryAfterMs(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

export function createWebhookSink(options: {
  url: string;
  secret: string;
  fetch?: typeof globalThis.fetch;
  timeoutMs?: number;
  /** Unix seconds for the timestamp (tests pin it). */
  now?: () => number;
}): AlertSink {
  const doFetch = options.fetch ?? globalThis.fetch;
  const now = options.now ?? (() => Date.now());
  return {
    platform: 'webhook',
    async send(_channelId, message) {
      const timestamp = Math.floor(now() / 1000);
      const body = webhookBody(message, timestamp);
      let response: Response;
      try {
        response = await doFetch(options.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'user-agent': 'resellerops-notifier',
            [signatureHeader]: signBody(options.secret, body),
            [timestampHeader]: String(timestamp),
            [deliveryHeader]: message.id,
          },
          body,
          signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
        });
      } catch (error) {
        // The URL is the reseller's own; it may carry a token in its query, so it is not repeated here.
        throw new SinkError(`webhook unreachable: ${error instanceof Error ? error.name : 'error'}`, { cause: error });
      }
      await response.arrayBuffer().catch(() => undefined);
      if (response.ok) return;
      // Every failure is retried with backoff (a 4xx is usually a receiver being fixed): never lost.
      const wait = retryAfterMs(response.headers.get('retry-after'));
      throw new SinkError(`webhook answered ${response.status}`, wait === undefined ? {} : { retryAfterMs: wait });
    },
  };
}
