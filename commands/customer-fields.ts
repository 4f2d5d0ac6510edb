import { shownNumber } from '../src/kit/echo.js';
import type { ReplyField } from '../src/kit/reply.js';
import type { CustomerFieldFormat } from '../src/providers/customer-fields.js';
import { providerDefinition } from '../src/providers/registry.js';
import type { Customer, Provider } from '../src/providers/types.js';
import type { CommandContext } from '../src/runtime/context.js';
import { calendarDate, calendarDaysUntil, describeExpiry } from '../src/services/calendar.js';
import { formatBytes, inUnit } from '../src/services/units.js';

/** The clock and the reseller's time zone, from the command's context. */
type When = Pick<CommandContext, 'now' | 'services'>;

/** The customer's balance in the provider's own unit, as `data.balance` (docs/commands.md#data-per-command). */
export function balanceOf(
  provider: Provider,
  customer: Customer,
  ctx: When,
): { amount: number; unit: string } | undefined {
  const cap = provider.balance;
  if (cap?.unit === 'days') {
    if (!customer.expiresAt) return undefined;
    return {
      amount: Math.max(0, calendarDaysUntil(customer.expiresAt, ctx.now(), ctx.services.timeZone)),
      unit: 'days',
    };
  }
  const bytes = customer.remainingBytes ?? customer.limitBytes ?? undefined;
  if (bytes === undefined || bytes === null) return undefined;
  const unit = (cap?.displayUnit ?? 'GB') as 'KB' | 'MB' | 'GB';
  return { amount: inUnit(bytes, unit), unit };
}

export function customerFields(provider: Provider, customer: Customer, ctx: When): ReplyField[] {
  const timeZone = ctx.services.timeZone;
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
      customer.expiresAt === null ? 'renews automatically' : describeExpiry(customer.expiresAt, ctx.now(), timeZone);
    fields.push({ label: 'Expires', value, inline: true });
  }
  for (const [key, value] of Object.entries(customer.extra ?? {})) {
    if (key === 'notice' || value === null || value === '') continue;
    const spec = providerDefinition(provider.id)?.capabilities.customers?.fields?.[key];
    // null: the provider says the reply already shows this fact another way.
    if (spec === null) continue;
    fields.push({
      label: spec?.label ?? humanLabel(key),
      value: formatFact(value, spec?.format, timeZone),
      inline: true,
    });
  }
  return fields;
}

function formatFact(value: string | number | boolean, format: CustomerFieldFormat | undefined, timeZone: string) {
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') {
    if (format === 'MB') return formatBytes(value * 1e6);
    if (format === 'GB') return formatBytes(value * 1e9);
    return shownNumber(value);
  }
  if (format === 'date' && !Number.isNaN(Date.parse(value))) return calendarDate(value, timeZone);
  return value;
}

/** `someVendorFact` → `Some vendor fact`: a readable label for a fact no provider has labelled. */
export function humanLabel(key: string): string {
  const text = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/_/g, ' ')
    .toLowerCase();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A provider's warning about the change (ProxyLite applies some changes within 5 minutes). */
export function noticeOf(customer: Customer | undefined): string {
  const notice = customer?.extra?.notice;
  return typeof notice === 'string' && notice ? ` ${notice}` : '';
}
