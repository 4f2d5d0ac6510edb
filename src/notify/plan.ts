import type { Customer, Provider } from '../providers/types.js';
import { isoDay } from './evaluate.js';
import { appliesTo, type Rule, type RuleOf } from './rules.js';
import type { NotifyCache, NotifyState } from './state.js';
import type { ProviderObservation, SweepPlan } from './sweep.js';

/**
 * What a sweep reads from one provider, from the rules that apply to it. Usage histories (the one
 * per-customer read) are skipped only where the answer cannot have changed or cannot matter:
 *   - the customer is disabled;
 *   - everything it ever used is below the smallest day that counts (`min:`), so no day can;
 *   - its totals and the day are what they were when its history was last read (the fingerprint).
 */

export function spikeSignature(rules: readonly RuleOf<'usage-spike'>[]): string {
  return rules.map((r) => `${r.id}:${r.factor}:${r.windowDays}:${r.minBytes}`).join(',');
}

/** While nothing about the customer changed on this day, its history cannot have changed either. */
export function fingerprint(c: Customer, at: number, signature: string): string {
  return `${isoDay(at)}|${c.usedBytes ?? ''}|${c.remainingBytes ?? ''}|${signature}`;
}

function spikesFor(rules: readonly Rule[], providerId: string): RuleOf<'usage-spike'>[] {
  return rules.filter((r): r is RuleOf<'usage-spike'> => r.type === 'usage-spike' && appliesTo(r, providerId));
}

export function planSweep(
  provider: Provider,
  rules: readonly Rule[],
  options: { digest: boolean; at: number; usageSeen: () => Readonly<Record<string, string>> },
): SweepPlan | undefined {
  const mine = rules.filter((r) => r.type !== 'daily-digest' && appliesTo(r, provider.id));
  const has = (type: Rule['type']) => mine.some((r) => r.type === type);
  const spikes = spikesFor(rules, provider.id);
  const usageCap = provider.usage;
  const histories = spikes.length > 0 && usageCap !== undefined && usageCap.maxDays > 0;
  const plan: SweepPlan = {
    customers: options.digest || has('traffic-below') || has('expires-within') || histories,
    balance: options.digest || has('reseller-balance-below'),
    orders: has('expires-within'),
    ping: has('provider-down'),
  };
  if (histories && usageCap) {
    const days = Math.min(usageCap.maxDays, Math.max(...spikes.map((r) => r.windowDays)) + 2);
    const signature = spikeSignature(spikes);
    const smallestDay = Math.min(...spikes.map((r) => r.minBytes));
    plan.usage = (customers) => {
      const seen = options.usageSeen();
      return customers
        .filter((c) => c.status === 'active' && !(c.usedBytes !== undefined && c.usedBytes < smallestDay))
        .filter((c) => seen[`${provider.id}:customer:${c.username}`] !== fingerprint(c, options.at, signature))
        .map((c) => ({ username: c.username, days }));
    };
  }
  return plan.customers || plan.balance || plan.orders || plan.ping || plan.usage ? plan : undefined;
}

/** After a recorded sweep: the fingerprints of the histories it read. */
export function recordUsageSeen(
  draft: NotifyCache,
  observations: readonly ProviderObservation[],
  rules: readonly Rule[],
  at: number,
): void {
  for (const o of observations) {
    const signature = spikeSignature(spikesFor(rules, o.provider.id));
    for (const c of o.customers ?? []) {
      if (o.usage.has(c.username)) {
        draft.usageSeen[`${o.provider.id}:customer:${c.username}`] = fingerprint(c, at, signature);
      }
    }
  }
}

const rateLimitPauseMs = 60_000;

/** Failure streaks, a rejected key, and the pause after a rate limit (at least a minute, or Retry-After). */
export function recordHealth(draft: NotifyState, observations: readonly ProviderObservation[], at: number): void {
  const iso = new Date(at).toISOString();
  for (const o of observations) {
    const health = draft.providers[o.provider.id] ?? { failures: 0, authRejected: false };
    draft.providers[o.provider.id] = health;
    if (o.failure) {
      health.failures += 1;
      health.authRejected = o.failure.auth;
      health.lastError = { code: o.failure.code, message: o.failure.message, at: iso };
    } else if (o.rateLimited) {
      const pause = Math.max(o.rateLimited.retryAfterMs ?? 0, rateLimitPauseMs);
      health.backoffUntil = new Date(at + pause).toISOString();
    } else {
      health.failures = 0;
      health.authRejected = false;
      health.lastOkAt = iso;
      delete health.backoffUntil;
    }
  }
}
