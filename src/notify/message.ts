import type { BarSeries } from '../images/chart.js';
/**
 * What the notifier delivers, platform-neutral. The Discord adapter renders an AlertMessage as an
 * embed, the Slack adapter as Block Kit, the webhook sink as JSON. Nothing in it is secret: alerts
 * name customers, amounts and dates, never passwords, keys or proxy credentials.
 */

export type AlertTone = 'info' | 'warning' | 'error' | 'success';

export interface AlertField {
  label: string;
  value: string;
  inline?: boolean;
}

/** A chart to draw: kept as data in the outbox and drawn only when the message is sent. */
export interface ChartPlan {
  name: string;
  series: BarSeries;
}

export interface AlertChart {
  /** A file name, e.g. `proxylite-emmaclark-usage.png`. */
  name: string;
  png: Buffer;
}

/** A button under a message (Approve/Deny): `id` is what the chat adapter routes a press by. */
export interface AlertAction {
  id: string;
  label: string;
  style: 'primary' | 'danger';
}

export interface AlertMessage {
  /**
   * Stable for the life of the message, retries included: a sink that can deduplicate (the webhook's
   * receiver) uses it to drop a redelivery after a crash between sending and recording.
   */
  id: string;
  title: string;
  /** One line per alert, most severe first. */
  lines: string[];
  fields: AlertField[];
  tone: AlertTone;
  /** The drawn chart, present when a sink receives the message. */
  chart?: AlertChart;
  /** The chart to draw at delivery, so sweeps and the outbox stay light. */
  chartPlan?: ChartPlan;
  /** Whom it is about: `proxylite:customer:liamwong`, `youproxy:provider`, `digest`, `test`. */
  subject: string;
  provider?: string;
  /** ISO time the sweep that produced it started. */
  createdAt: string;
  /** Buttons under the message on Discord and Slack (approval requests go to those only). */
  actions?: AlertAction[];
}

export type SinkPlatform = 'discord' | 'slack' | 'webhook';

/** Implemented by the Discord and Slack adapters (embed / Block Kit) and by the webhook sink. */
export interface AlertSink {
  platform: SinkPlatform;
  /** Resolves once the platform accepted the message; throws otherwise (see SinkError). */
  send(channelId: string, message: AlertMessage): Promise<void>;
  /** A direct message to one user (a linked customer's own alerts); chat platforms only. */
  sendDirect?(userId: string, message: AlertMessage): Promise<void>;
}

/**
 * What a sink throws to steer the retry: `retryAfterMs` from the platform's rate limit (Discord's
 * `retry_after`, Slack's `Retry-After`), `permanent` when retrying cannot help (unknown channel,
 * missing permission) — the message is then kept as `failed` for an operator to see, never dropped
 * silently. Any other error is retried with backoff.
 */
export class SinkError extends Error {
  readonly retryAfterMs?: number;
  readonly permanent: boolean;
  constructor(message: string, options: { retryAfterMs?: number; permanent?: boolean; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SinkError';
    this.retryAfterMs = options.retryAfterMs;
    this.permanent = options.permanent ?? false;
  }
}

/** Plain text, for the terminal and logs. */
export function messageText(message: AlertMessage): string {
  const out = [message.title, ...message.lines.map((l) => `  • ${l}`)];
  for (const f of message.fields) out.push(`  ${f.label}: ${f.value}`);
  if (message.chart) out.push(`  [chart: ${message.chart.name}]`);
  return out.join('\n');
}

/** What /alerts test sends: a sample that looks like a real alert. */
export function sampleAlert(actor: string, at: number): AlertMessage {
  return {
    id: `al_test_${at.toString(36)}`,
    title: 'Test alert from resellerops',
    lines: [
      `Sent with /alerts test by ${actor}. Real alerts look like this.`,
      'Traffic left 1.2 GB (8 % of 15 GB): at or below 10 %',
    ],
    fields: [{ label: 'Provider', value: 'Example', inline: true }],
    tone: 'info',
    subject: 'test',
    createdAt: new Date(at).toISOString(),
  };
}
