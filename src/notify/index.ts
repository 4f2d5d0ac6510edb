import type { Logger } from '../logger.js';
import type { Services } from '../services/types.js';
import type { AlertSink } from './message.js';
import { createNotifier, type Notifier } from './notifier.js';
import { buildRule } from './rule-input.js';
import { openAlertsConfig, type Rule } from './rules.js';
import { type NotifySettings, notifySettingsFrom } from './settings.js';
import { createWebhookSink } from './webhook.js';

export type { AlertField, AlertMessage, AlertSink, AlertTone, SinkPlatform } from './message.js';
export { messageText, SinkError } from './message.js';
export type { Notifier, SweepReport } from './notifier.js';
export { createNotifier } from './notifier.js';
export { notifierFor } from './running.js';
export { type NotifySettings, notifyEnvVars, notifySettingsFrom } from './settings.js';
export { createWebhookSink, verifySignature } from './webhook.js';

/**
 * The notifier as `resellerops start` and `notify run-once` build it: settings from the environment,
 * the chat sinks the adapters provide, plus the webhook sink when ALERT_WEBHOOK_URL is set.
 */
export function createConfiguredNotifier(options: {
  services: Services;
  /** Raw variables (NOTIFY_*, ALERT_WEBHOOK_*). */
  env: Record<string, unknown>;
  /** The Discord / Slack sinks of the adapters running in this process. */
  sinks?: readonly AlertSink[];
  logger?: Logger;
  clock?: () => Date;
}): { notifier: Notifier; settings: NotifySettings } {
  const settings = notifySettingsFrom(options.env);
  const sinks = [...(options.sinks ?? [])];
  if (settings.webhook) sinks.push(createWebhookSink(settings.webhook));
  const notifier = createNotifier({
    services: options.services,
    sinks,
    intervalMs: settings.intervalMs,
    concurrency: settings.concurrency,
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
  });
  return { notifier, settings };
}

/**
 * The sandbox starts with no rules; these show every kind of alert on the simulators' seed data.
 * `balances` are the reseller balances each simulator's seed is below (in the provider's own unit).
 */
export function demoRuleArgs(balances: ReadonlyArray<{ provider: string; amount: number }>) {
  return [
    { type: 'traffic-below', threshold: '20%,5%,0' },
    { type: 'expires-within', days: '7,3' },
    ...balances.map(({ provider, amount }) => ({ type: 'reseller-balance-below', provider, amount })),
    { type: 'usage-spike', factor: 3 },
    { type: 'provider-down', sweeps: 3 },
  ];
}

/** Adds the demo rules when there are none; returns the rules now in force. */
export async function ensureDemoRules(
  services: Services,
  now: Date,
  balances: ReadonlyArray<{ provider: string; amount: number }>,
): Promise<readonly Rule[]> {
  const doc = await openAlertsConfig(services.store);
  return (await doc.update((draft) => {
    if (draft.rules.length > 0) return draft.rules;
    for (const args of demoRuleArgs(balances)) {
      draft.rules.push(
        buildRule(args, { id: `r${draft.nextRule}`, createdAt: now.toISOString(), createdBy: 'sandbox:demo' }),
      );
      draft.nextRule += 1;
    }
    return draft.rules;
  })) as Rule[];
}
