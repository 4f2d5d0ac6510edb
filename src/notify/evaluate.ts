import {
  type Alert,
  balanceSubject,
  type Ctx,
  customerSubject,
  DAY_MS,
  evaluateBalance,
  evaluateExpiry,
  evaluateHealth,
  evaluateSpike,
  evaluateTraffic,
  isoDay,
  orderSubject,
} from './conditions.js';
import type { Rule } from './rules.js';
import { appliesTo } from './rules.js';
import type { NotifyCache, NotifyState } from './state.js';
import type { ProviderObservation } from './sweep.js';

export type { Alert, Severity } from './conditions.js';
export { DAY_MS, isoDay, providerSubject } from './conditions.js';

/**
 * Rules against one sweep's observations. Pure apart from the state draft it is given: a condition
 * that holds and has not fired yet fires (and is recorded), a fired one whose condition no longer
 * holds is removed (re-armed). Subjects that disappeared, and rules that were removed, lose their keys.
 */

/** Subjects of a provider that were read this sweep: keys of anything else under them are stale. */
function prune(state: NotifyState, cache: NotifyCache, rules: readonly Rule[], seen: Map<string, Set<string>>) {
  const ruleIds = new Set(rules.map((r) => r.id));
  for (const [key, entry] of Object.entries(state.fired)) {
    const ruleId = key.slice(0, key.indexOf('|'));
    if (!ruleIds.has(ruleId)) {
      delete state.fired[key];
      continue;
    }
    const prefix = entry.subject.split(':').slice(0, 2).join(':');
    const current = seen.get(prefix);
    if (current && !current.has(entry.subject)) delete state.fired[key];
  }
  for (const table of [cache.baselines, cache.usageSeen]) {
    for (const subject of Object.keys(table)) {
      const current = seen.get(subject.split(':').slice(0, 2).join(':'));
      if (current && !current.has(subject)) delete table[subject];
    }
  }
}

/** Drops spike keys for days that can no longer be evaluated (older than yesterday). */
function pruneSpikes(state: NotifyState, now: number) {
  const oldest = isoDay(now - 2 * DAY_MS);
  for (const key of Object.keys(state.fired)) {
    const m = /\|spike:(\d{4}-\d{2}-\d{2})$/.exec(key);
    if (m && (m[1] as string) < oldest) delete state.fired[key];
  }
}

export function evaluate(
  rules: readonly Rule[],
  observations: readonly ProviderObservation[],
  state: NotifyState,
  cache: NotifyCache,
  now: number,
  timeZone = 'UTC',
): Alert[] {
  const ctx: Ctx = { state, cache, now, timeZone, alerts: [] };
  const seen = new Map<string, Set<string>>();
  for (const o of observations) {
    const p = o.provider.id;
    const active = (o.customers ?? []).filter((c) => c.status === 'active');
    if (o.customers) {
      seen.set(`${p}:customer`, new Set(o.customers.map((c) => customerSubject(p, c.username))));
      // "What they had" for accounts without a cap: first sight, raised by a top-up.
      for (const c of o.customers) {
        if (c.limitBytes !== undefined || c.remainingBytes === undefined) continue;
        const subject = customerSubject(p, c.username);
        const had = cache.baselines[subject];
        if (had === undefined || c.remainingBytes > had) cache.baselines[subject] = c.remainingBytes;
      }
    }
    if (o.orders) seen.set(`${p}:order`, new Set(o.orders.map((x) => orderSubject(p, x.id))));
    if (o.balances) seen.set(`${p}:balance`, new Set(o.balances.map((b) => balanceSubject(p, b.label))));
    for (const rule of rules) {
      if (!appliesTo(rule, p)) continue;
      switch (rule.type) {
        case 'traffic-below':
          for (const c of active) {
            if (c.remainingBytes !== undefined && c.limitBytes !== null) evaluateTraffic(ctx, rule, o, c);
          }
          break;
        case 'expires-within':
          for (const c of active) {
            if (typeof c.expiresAt === 'string') {
              const subject = customerSubject(p, c.username);
              // Where an account is an order (Youproxy), its auto-renewal is the order's.
              const renewOff = o.provider.orders?.renew && c.extra?.autoRenewal === false;
              const note = renewOff ? renewalNote(p, c.username) : undefined;
              evaluateExpiry(ctx, rule, p, subject, c.username, c.expiresAt, 'Account', note);
            }
          }
          for (const x of o.orders ?? []) {
            if (x.status === 'active' && typeof x.expiresAt === 'string' && x.autoRenewal !== true) {
              evaluateExpiry(
                ctx,
                rule,
                p,
                orderSubject(p, x.id),
                `order ${x.id}`,
                x.expiresAt,
                `Order ${x.id} (${x.product})`,
                x.autoRenewal === false ? renewalNote(p, x.id) : undefined,
              );
            }
          }
          break;
        case 'reseller-balance-below':
          evaluateBalance(ctx, rule, o);
          break;
        case 'usage-spike':
          for (const [username, days] of o.usage) evaluateSpike(ctx, rule, p, username, days);
          break;
        case 'provider-down':
          evaluateHealth(ctx, rule, o);
          break;
        case 'daily-digest':
          break;
      }
    }
  }
  prune(state, cache, rules, seen);
  pruneSpikes(state, now);
  return ctx.alerts;
}

const renewalNote = (provider: string, orderId: string) =>
  `auto-renew is off: renew it with /order renew ${provider} ${orderId}`;
