import type { ReplyField } from '../src/kit/reply.js';
import type { Customer, Provider } from '../src/providers/types.js';
import { daysUntil, formatBytes, inUnit } from '../src/services/units.js';

/** The customer's balance in the provider's own unit, as SPEC's `data.balance`. */
export function balanceOf(
  provider: Provider,
  customer: Customer,
  now: Date,
): { amount: number; unit: string } | undefined {
  const cap = provider.balance;
  if (cap?.unit === 'days') {
    return customer.expiresAt ? { amount: Math.max(0, daysUntil(customer.expiresAt, now)), unit: 'days' } : undefined;
  }
  const bytes = customer.remainingBytes ?? customer.limitBytes ?? undefined;
  if (bytes === undefined || bytes === null) return undefined;
  const unit = (cap?.displayUnit ?? 'GB') as 'KB' | 'MB' | 'GB';
  return { amount: inUnit(bytes, unit), unit };
}

export function customerFields(provider: Provider, customer: Customer, now: Date): ReplyField[] {
  const fields: ReplyField[] = [
    { label: 'Provider', value: provider.displayName, inline: true },
    { label: 'Username', value: customer.username, inline: true },
    { label: 'Status', value: customer.status, inline: true },
  ];
  if (customer.remainingBytes !== undefined)
    fields.push({ label: 'Traffic left', value: formatBytes(customer.remainingBytes), inline: true });
  if (customer.usedBytes !== undefined)
    fields.push({ label: 'Used', value: formatBytes(customer.usedBytes), inline: true });
  if (customer.limitBytes !== undefined) {
    fields.push({
      label: 'Limit',
      value: customer.limitBytes === null ? 'unlimited' : formatBytes(customer.limitBytes),
      inline: true,
    });
  }
  if (customer.expiresAt !== undefined) {
    const value =
      customer.expiresAt === null
        ? 'renews automatically'
        : `${customer.expiresAt.slice(0, 10)} (${daysUntil(customer.expiresAt, now)} days)`;
    fields.push({ label: 'Expires', value, inline: true });
  }
  for (const [key, value] of Object.entries(customer.extra ?? {})) {
    if (key === 'notice' || value === null || value === '') continue;
    fields.push({ label: humanLabel(key), value: String(value), inline: true });
  }
  return fields;
}

/** `resellerChargedMb` → `Reseller charged MB`: vendor extras read as labels. */
export function humanLabel(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/_/g, ' ')
    .split(' ')
    .map((w) => (/^(mb|gb|kb|ip|id|ips|usd)$/i.test(w) ? w.toUpperCase() : w.toLowerCase()));
  const text = words.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A provider's warning about the change (ProxyLite applies some changes within 5 minutes). */
export function noticeOf(customer: Customer | undefined): string {
  const notice = customer?.extra?.notice;
  return typeof notice === 'string' && notice ? ` ${notice}` : '';
}
