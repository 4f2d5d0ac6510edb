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
    if (value !== null && value !== '') fields.push({ label: key, value: String(value), inline: true });
  }
  return fields;
}
