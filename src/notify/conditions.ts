import type { Customer, DailyUsage, ResellerBalance } from '../providers/types.js';
import { calendarDate, relativeDays } from '../services/calendar.js';
import { bytesPer, formatBytes, formatMoney, formatVendorTraffic } from '../services/units.js';
import { describeThreshold, type RuleOf, thresholdKey } from './rules.js';
import { firedKey, type NotifyCache, type NotifyState } from './state.js';
import type { ProviderObservation } from './sweep.js';

/**
 * One condition per rule type. Each sets or clears its keys in the fired set and pushes an Alert when
 * a key newly fires; see evaluate.ts for the loop that calls them.
 */

export type Severity = 'error' | 'warning' | 'success';

export interface Alert {
  ruleId: string;
  provider: string;
  /** Alerts with the same group go out as one message. */
  group: string;
  /** The customer or order name, when the alert is about one. */
  name?: string;
  line: string;
  severity: Severity;
  /** For the message's fields. */
  facts?: Record<string, string>;
  usage?: DailyUsage[];
}

export const DAY_MS = 86_400_000;

export const customerSubject = (p: string, username: string) => `${p}:customer:${username}`;
export const orderSubject = (p: string, id: string) => `${p}:order:${id}`;
export const balanceSubject = (p: string, label: string) => `${p}:balance:${label}`;
export const providerSubject = (p: string) => `${p}:provider`;

export function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export interface Ctx {
  state: NotifyState;
  cache: NotifyCache;
  now: number;
  /** The reseller's time zone: expiry dates and days left are counted in its calendar. */
  timeZone: string;
  alerts: Alert[];
}

/** Sets or clears one key; returns true when it newly fired. */
export function arm(ctx: Ctx, key: string, subject: string, holds: boolean, clears = !holds): boolean {
  const fired = key in ctx.state.fired;
  if (holds && !fired) {
    ctx.state.fired[key] = { at: new Date(ctx.now).toISOString(), subject };
    return true;
  }
  if (clears && fired) delete ctx.state.fired[key];
  return false;
}

function trafficFacts(c: Customer, basis: number | undefined): Record<string, string> {
  const facts: Record<string, string> = { 'Traffic left': formatBytes(c.remainingBytes ?? 0) };
  if (basis) facts.Of = formatBytes(basis);
  if (c.usedBytes !== undefined) facts.Used = formatBytes(c.usedBytes);
  return facts;
}

export function evaluateTraffic(ctx: Ctx, rule: RuleOf<'traffic-below'>, o: ProviderObservation, c: Customer) {
  const p = o.provider.id;
  const subject = customerSubject(p, c.username);
  const remaining = c.remainingBytes as number;
  const basis = c.limitBytes ?? ctx.cache.baselines[subject];
  const bytesOf = (t: (typeof rule.thresholds)[number]) =>
    t.kind === 'bytes' ? t.value : basis === undefined ? undefined : (t.value / 100) * basis;
  const fresh: Array<{ t: (typeof rule.thresholds)[number]; bound: number }> = [];
  for (const t of rule.thresholds) {
    const bound = bytesOf(t);
    if (bound === undefined) continue;
    if (arm(ctx, firedKey(rule.id, subject, thresholdKey(t)), subject, remaining <= bound)) fresh.push({ t, bound });
  }
  if (fresh.length === 0) return;
  const tightest = fresh.reduce((a, b) => (b.bound < a.bound ? b : a));
  const share = basis ? ` (${Math.round((remaining / basis) * 1000) / 10} % of ${formatBytes(basis)})` : '';
  ctx.alerts.push({
    ruleId: rule.id,
    provider: p,
    group: subject,
    name: c.username,
    line:
      remaining === 0
        ? `Traffic used up${basis ? ` (had ${formatBytes(basis)})` : ''}`
        : `Traffic left ${formatBytes(remaining)}${share}: at or below ${describeThreshold(tightest.t)}`,
    severity: remaining === 0 ? 'error' : 'warning',
    facts: trafficFacts(c, basis),
  });
}

export function evaluateExpiry(
  ctx: Ctx,
  rule: RuleOf<'expires-within'>,
  p: string,
  subject: string,
  name: string,
  expiresAt: string,
  what: string,
  /** Said after the expiry (an order's auto-renewal being off). */
  note?: string,
) {
  const msLeft = Date.parse(expiresAt) - ctx.now;
  if (Number.isNaN(msLeft)) return;
  const fresh = rule.days.filter((d) =>
    arm(ctx, firedKey(rule.id, subject, `${d}d`), subject, msLeft > 0 && msLeft <= d * DAY_MS, msLeft > d * DAY_MS),
  );
  if (fresh.length === 0) return;
  const tightest = Math.min(...fresh);
  const hours = Math.max(1, Math.round(msLeft / 3_600_000));
  const date = calendarDate(expiresAt, ctx.timeZone);
  const when = relativeDays(expiresAt, new Date(ctx.now), ctx.timeZone);
  const soon = hours < 48 ? `, ${hours} hour${hours === 1 ? '' : 's'} from now` : '';
  ctx.alerts.push({
    ruleId: rule.id,
    provider: p,
    group: subject,
    name,
    line: `${what} expires ${date}, ${when}${soon} (within ${tightest} day${tightest === 1 ? '' : 's'})${note ? `; ${note}` : ''}`,
    severity: msLeft <= DAY_MS ? 'error' : 'warning',
    facts: { Expires: date },
  });
}

function balanceLine(b: ResellerBalance): { below: (amount: number) => boolean; shown: string; unit: string } {
  if (b.kind === 'money') {
    return { below: (a) => b.minor < Math.round(a * 100), shown: formatMoney(b.minor, b.currency), unit: b.currency };
  }
  const per = bytesPer[b.displayUnit];
  return {
    below: (a) => b.bytes < a * per,
    shown: formatVendorTraffic(b.bytes, b.displayUnit),
    unit: b.displayUnit,
  };
}

export function evaluateBalance(ctx: Ctx, rule: RuleOf<'reseller-balance-below'>, o: ProviderObservation) {
  for (const b of o.balances ?? []) {
    const subject = balanceSubject(o.provider.id, b.label);
    const line = balanceLine(b);
    if (arm(ctx, firedKey(rule.id, subject, String(rule.amount)), subject, line.below(rule.amount))) {
      ctx.alerts.push({
        ruleId: rule.id,
        provider: o.provider.id,
        group: providerSubject(o.provider.id),
        line: `${/balance/i.test(b.label) ? b.label : `${b.label} balance`} is ${line.shown}, below ${rule.amount.toLocaleString('en-US')} ${line.unit}`,
        severity: 'warning',
      });
    }
  }
}

/**
 * The `window` dates before `day`, oldest first. Every customer of a sweep asks for the same few, so
 * they are worked out once (a sweep over 2,000 histories asked for 56,000 dates otherwise).
 */
const windowDates = new Map<string, readonly string[]>();
function datesBefore(day: string, window: number): readonly string[] {
  const key = `${day}/${window}`;
  let dates = windowDates.get(key);
  if (!dates) {
    const start = Date.parse(`${day}T00:00:00Z`);
    dates = Array.from({ length: window }, (_, i) => isoDay(start - (window - i) * DAY_MS));
    // Only today's and yesterday's windows are asked for: keep the cache from growing day by day.
    if (windowDates.size >= 16) windowDates.clear();
    windowDates.set(key, dates);
  }
  return dates;
}

/** Bytes per date over the `window` days before `day` (missing days are zero-usage days). */
function windowBefore(days: readonly DailyUsage[], day: string, window: number): number[] {
  const byDate = new Map(days.map((d) => [d.date, d.bytes]));
  return datesBefore(day, window).map((date) => byDate.get(date) ?? 0);
}

export function evaluateSpike(ctx: Ctx, rule: RuleOf<'usage-spike'>, p: string, username: string, days: DailyUsage[]) {
  const subject = customerSubject(p, username);
  for (const day of [isoDay(ctx.now - DAY_MS), isoDay(ctx.now)]) {
    const bytes = days.find((d) => d.date === day)?.bytes ?? 0;
    const prior = windowBefore(days, day, rule.windowDays);
    const active = prior.filter((b) => b > 0).length;
    const average = prior.reduce((a, b) => a + b, 0) / rule.windowDays;
    // A customer busy on fewer than half of the window's days has no "usual" to compare with.
    const holds =
      active * 2 >= rule.windowDays && average > 0 && bytes >= rule.minBytes && bytes > rule.factor * average;
    if (arm(ctx, firedKey(rule.id, subject, `spike:${day}`), subject, holds, false)) {
      ctx.alerts.push({
        ruleId: rule.id,
        provider: p,
        group: subject,
        name: username,
        line: `Used ${formatBytes(bytes)} on ${day}${day === isoDay(ctx.now) ? ' (so far)' : ''}, ${
          Math.round((bytes / average) * 10) / 10
        }× the ${rule.windowDays}-day average of ${formatBytes(average)}`,
        severity: 'warning',
        usage: days,
      });
    }
  }
}

export function evaluateHealth(ctx: Ctx, rule: RuleOf<'provider-down'>, o: ProviderObservation) {
  const p = o.provider.id;
  const health = ctx.state.providers[p];
  if (!health) return;
  const subject = providerSubject(p);
  const key = firedKey(rule.id, subject, 'down');
  const down = health.authRejected || health.failures >= rule.sweeps;
  const up = !o.failure && !o.rateLimited && health.failures === 0;
  const error = health.lastError?.message ?? 'no answer';
  const wasDown = key in ctx.state.fired;
  if (down && !wasDown) {
    arm(ctx, key, subject, true);
    ctx.alerts.push({
      ruleId: rule.id,
      provider: p,
      group: subject,
      line: health.authRejected
        ? `${o.provider.displayName} rejected the API key: ${error}`
        : `${o.provider.displayName} has failed ${health.failures} sweeps in a row: ${error}`,
      severity: 'error',
    });
  } else if (up && wasDown) {
    arm(ctx, key, subject, false);
    ctx.alerts.push({
      ruleId: rule.id,
      provider: p,
      group: subject,
      line: `${o.provider.displayName} is back up`,
      severity: 'success',
    });
  }
}
