import * as z from 'zod';
import { UserInputError } from '../errors.js';
import { echo } from '../kit/echo.js';
import { providerIds } from '../providers/registry.js';
import { formatBytes } from '../services/units.js';
import type { DeepReadonly, DocumentHandle, Store } from '../storage/store.js';

// The schemas below are built when first used (z.lazy): a command that reads none of these records
// (a terminal `/help`) does not build them at start-up.

/** The alert rules and where alerts go: the store's `alerts` document, edited with /alerts. */

export const ruleTypes = [
  'traffic-below',
  'expires-within',
  'reseller-balance-below',
  'usage-spike',
  'provider-down',
  'daily-digest',
] as const;
export type RuleType = (typeof ruleTypes)[number];

const providerScope = z.lazy(() => z.union([z.literal('all'), z.enum(providerIds)]));
const trafficThreshold = z.lazy(() =>
  z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('percent'), value: z.number().min(0).max(100) }),
    z.object({ kind: z.literal('bytes'), value: z.number().int().min(0) }),
  ]),
);
export type TrafficThreshold = z.infer<typeof trafficThreshold>;

const common = { id: z.string().regex(/^r\d+$/), createdAt: z.string(), createdBy: z.string() };
/** Who hears of a customer's own traffic and expiry: the alerts channels (default), the customer by DM, or both. */
export const notifyAudiences = ['staff', 'customer', 'both'] as const;
const notify = z.lazy(() => z.enum(notifyAudiences).optional());

export const ruleSchema = z.lazy(() =>
  z.discriminatedUnion('type', [
    z.object({
      ...common,
      type: z.literal('traffic-below'),
      provider: providerScope,
      thresholds: z.array(trafficThreshold).min(1).max(10),
      notify,
    }),
    z.object({
      ...common,
      type: z.literal('expires-within'),
      provider: providerScope,
      days: z.array(z.number().int().min(1).max(365)).min(1).max(10),
      notify,
    }),
    z.object({
      ...common,
      type: z.literal('reseller-balance-below'),
      provider: z.enum(providerIds),
      /** In the provider's own unit: MB/KB for traffic balances, whole currency units for money. */
      amount: z.number().min(0),
    }),
    z.object({
      ...common,
      type: z.literal('usage-spike'),
      provider: providerScope,
      factor: z.number().gt(1).max(100),
      windowDays: z.number().int().min(3).max(28),
      /** Days smaller than this never count as a spike (noise on idle accounts). */
      minBytes: z.number().int().min(0),
    }),
    z.object({
      ...common,
      type: z.literal('provider-down'),
      provider: providerScope,
      /** Consecutive unreachable sweeps before it counts as down; a rejected key counts at once. */
      sweeps: z.number().int().min(1).max(100),
    }),
    z.object({
      ...common,
      type: z.literal('daily-digest'),
      /** UTC hour after which the day's digest goes out (once a day). */
      hour: z.number().int().min(0).max(23),
    }),
  ]),
);
export type Rule = z.infer<typeof ruleSchema>;
export type RuleOf<T extends RuleType> = Extract<Rule, { type: T }>;

export const alertsConfigSchema = z.lazy(() =>
  z.object({
    version: z.literal(1),
    nextRule: z.number().int().min(1),
    rules: z.array(ruleSchema),
    /** Channel ids per chat platform; the webhook is configured in the environment. */
    channels: z.object({ discord: z.string().optional(), slack: z.string().optional() }),
  }),
);
export type AlertsConfig = z.infer<typeof alertsConfigSchema>;

export const emptyAlertsConfig: AlertsConfig = { version: 1, nextRule: 1, rules: [], channels: {} };

/** The store's `alerts` document, shared by /alerts and the notifier. */
export function openAlertsConfig(store: Store): Promise<DocumentHandle<AlertsConfig>> {
  return store.documents.open('alerts', alertsConfigSchema, emptyAlertsConfig);
}

const unitBytes: Record<string, number> = { b: 1, kb: 1e3, mb: 1e6, gb: 1e9, tb: 1e12 };

/** `20%`, `5 %`, `0`, `500MB`, `1.5GB` → thresholds, tightest last. `label` names the option in errors. */
export function parseTrafficThresholds(text: string, label = 'threshold:'): TrafficThreshold[] {
  const parts = text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 0 || parts.length > 10) throw new UserInputError(`${label} takes 1 to 10 values.`);
  const out = parts.map((part): TrafficThreshold => {
    const shown = echo(part);
    const m = /^([+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)\s*(%|b|kb|mb|gb|tb)?$/i.exec(part);
    if (!m) throw new UserInputError(`${label} ${shown} is neither a percentage (20%) nor an amount (500MB, 2GB).`);
    const value = Number(m[1]);
    const unit = (m[2] ?? '').toLowerCase();
    if (unit === '%') {
      if (value > 100) throw new UserInputError(`${label} ${shown} is more than 100 %; give 0 to 100 %.`);
      if (value < 0) throw new UserInputError(`${label} ${shown} is below 0 %; give 0 to 100 %.`);
      return { kind: 'percent', value };
    }
    if (!unit && value !== 0) throw new UserInputError(`${label} ${shown} needs a unit: 20% or 500MB.`);
    const bytes = Math.round(value * (unitBytes[unit || 'b'] ?? 1));
    if (value < 0) throw new UserInputError(`${label} ${shown} is below 0; traffic left never is.`);
    if (!Number.isSafeInteger(bytes)) {
      throw new UserInputError(`${label} ${shown} is more than the bot can count exactly: at most 9,007 TB.`);
    }
    return { kind: 'bytes', value: bytes };
  });
  const keys = new Set(out.map(thresholdKey));
  if (keys.size !== out.length) throw new UserInputError('threshold: lists the same value twice.');
  return out;
}

/** `7,3,1` → [7, 3, 1]. */
export function parseDayList(text: string): number[] {
  const days = text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => {
      if (!/^\d+$/.test(p) || Number(p) < 1 || Number(p) > 365) {
        throw new UserInputError(`days: "${p}" must be a whole number of days from 1 to 365.`);
      }
      return Number(p);
    });
  if (days.length === 0 || days.length > 10) throw new UserInputError('days: takes 1 to 10 values, e.g. 7,3,1.');
  if (new Set(days).size !== days.length) throw new UserInputError('days: lists the same value twice.');
  return days;
}

export function thresholdKey(t: TrafficThreshold): string {
  return t.kind === 'percent' ? `${t.value}%` : `${t.value}B`;
}

export function describeThreshold(t: DeepReadonly<TrafficThreshold>): string {
  return t.kind === 'percent' ? `${t.value} %` : t.value === 0 ? '0 (used up)' : formatBytes(t.value);
}

const scope = (p: string) => (p === 'all' ? 'every provider' : p);
const told = (rule: { notify?: string | undefined }) =>
  rule.notify === 'customer'
    ? '; to the customer by DM'
    : rule.notify === 'both'
      ? '; to staff and the customer by DM'
      : '';

export function describeRule(rule: DeepReadonly<Rule>): string {
  switch (rule.type) {
    case 'traffic-below':
      return `Traffic left at or below ${rule.thresholds.map(describeThreshold).join(', ')} (${scope(rule.provider)}${told(rule)})`;
    case 'expires-within':
      return `Account or order expires within ${rule.days.join(', ')} days (${scope(rule.provider)}${told(rule)})`;
    case 'reseller-balance-below':
      return `Reseller balance at ${rule.provider} below ${rule.amount} (in ${rule.provider}'s own unit)`;
    case 'usage-spike':
      return `A day above ${rule.factor}× the ${rule.windowDays}-day average, at least ${formatBytes(rule.minBytes)} (${scope(rule.provider)})`;
    case 'provider-down':
      return `Provider down (${rule.sweeps} failed sweeps in a row, or its key rejected) and back up (${scope(rule.provider)})`;
    case 'daily-digest':
      return `Daily usage digest after ${String(rule.hour).padStart(2, '0')}:00 UTC`;
  }
}

export function appliesTo(rule: DeepReadonly<Rule>, providerId: string): boolean {
  return !('provider' in rule) || rule.provider === 'all' || rule.provider === providerId;
}
