import type { Money } from '../providers/types.js';
import { formatBytes, formatMoney, inUnit } from '../services/units.js';
import { isoDay } from './evaluate.js';
import { messageId } from './group.js';
import type { AlertMessage } from './message.js';
import type { RuleOf } from './rules.js';
import { shownSpend } from './spend-sums.js';
import { firedKey, type NotifyState } from './state.js';
import type { ProviderObservation } from './sweep.js';

/**
 * The daily digest: once a day, at the first sweep after the rule's UTC hour, one message that sums
 * up every provider — customers, traffic used and left, the reseller's balance — with a bar chart of
 * traffic used per provider. Keyed by date in the fired set, so a restart never sends a day twice.
 */

export function digestDue(
  rule: RuleOf<'daily-digest'>,
  state: { readonly fired: Readonly<Record<string, unknown>> },
  now: number,
): boolean {
  const hour = new Date(now).getUTCHours();
  return hour >= rule.hour && !(firedKey(rule.id, 'digest', isoDay(now)) in state.fired);
}

export function markDigest(rule: RuleOf<'daily-digest'>, state: NotifyState, now: number): void {
  const day = isoDay(now);
  state.fired[firedKey(rule.id, 'digest', day)] = { at: new Date(now).toISOString(), subject: 'digest' };
  // Only today's key matters; older ones go.
  for (const key of Object.keys(state.fired)) {
    if (key.startsWith(`${rule.id}|digest|`) && !key.endsWith(day)) delete state.fired[key];
  }
}

export function buildDigest(
  observations: readonly ProviderObservation[],
  now: number,
  charts = false,
  spent: ReadonlyMap<string, readonly Money[]> = new Map(),
): AlertMessage {
  const createdAt = new Date(now).toISOString();
  const fields: AlertMessage['fields'] = [];
  const labels: string[] = [];
  const used: number[] = [];
  for (const o of observations) {
    const name = o.provider.displayName;
    const spend = spent.get(o.provider.id);
    const spendPart = spend?.length ? [`spent ${shownSpend(spend)} on orders in 24 h`] : [];
    if (o.failure || o.rateLimited) {
      const failed = `could not be read: ${o.failure?.message ?? o.rateLimited?.message}`;
      fields.push({ label: name, value: [failed, ...spendPart].join(' · ') });
      continue;
    }
    const parts: string[] = [...spendPart];
    const customers = o.customers ?? [];
    if (o.customers) {
      const active = customers.filter((c) => c.status === 'active').length;
      parts.push(`${active} active of ${customers.length} customers`);
      const usedBytes = customers.reduce((s, c) => s + (c.usedBytes ?? 0), 0);
      const left = customers.reduce((s, c) => s + (c.remainingBytes ?? 0), 0);
      if (customers.some((c) => c.usedBytes !== undefined)) {
        parts.push(`used ${formatBytes(usedBytes)}`);
        labels.push(name);
        used.push(usedBytes);
      }
      if (customers.some((c) => c.remainingBytes !== undefined)) parts.push(`left ${formatBytes(left)}`);
      const out = customers.filter((c) => c.status === 'active' && c.remainingBytes === 0).length;
      if (out > 0) parts.push(`${out} used up`);
    }
    for (const b of o.balances ?? []) {
      const shown = b.kind === 'money' ? formatMoney(b.minor, b.currency) : formatBytes(b.bytes);
      parts.push(`${b.label}: ${shown}`);
    }
    fields.push({ label: name, value: parts.join(' · ') || '—' });
  }
  const message: AlertMessage = {
    id: messageId([createdAt, 'digest']),
    title: `Daily digest, ${isoDay(now)}`,
    lines: [`${observations.length} providers swept`],
    fields,
    tone: 'info',
    subject: 'digest',
    createdAt,
  };
  if (charts && labels.length > 0) {
    const peak = Math.max(...used);
    const unit = peak >= 5e9 ? 'GB' : peak >= 5e6 ? 'MB' : 'KB';
    message.chartPlan = {
      name: `digest-${isoDay(now)}.png`,
      series: {
        title: 'Traffic used by customers, per provider',
        labels,
        values: used.map((b) => inUnit(b, unit)),
        unit,
      },
    };
  }
  return message;
}
