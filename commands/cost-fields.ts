import { decimal } from '../src/kit/decimal.js';
import { amountInUnit } from '../src/providers/order-list.js';
import type { Amount, Cost } from '../src/providers/types.js';
import { formatMoney } from '../src/services/units.js';

function shown(amount: Amount): string {
  if (amount.kind === 'money') return formatMoney(amount.minor, amount.currency);
  const { amount: n, unit } = amountInUnit(amount);
  return `${decimal(n, 3)} ${unit}`;
}

/** The cost line of a paid question: what the vendor charges and the balance it comes from, now and after. */
export function costLine(cost: Cost): string {
  if (!cost.known) return `Cost: not known. ${cost.reason}`;
  const from = cost.from ? ` from ${cost.from}` : '';
  const now = cost.balance ? `: ${shown(cost.balance)} now` : '';
  const after = cost.balanceAfter ? `${now ? ',' : ':'} ${shown(cost.balanceAfter)} after` : '';
  const note = cost.note ? ` ${cost.note}` : '';
  return `Cost: ${shown(cost.amount)}${from}${now}${after}.${note}`;
}

/** The cost a confirmed chat question showed (its terms), for the reply after Confirm; none on the terminal. */
export function confirmedCost(
  terms: Record<string, unknown> | undefined,
): { amount: number; unit: string } | undefined {
  const cost = terms?.cost as { amount?: unknown; unit?: unknown } | undefined;
  return typeof cost?.amount === 'number' && typeof cost.unit === 'string'
    ? { amount: cost.amount, unit: cost.unit }
    : undefined;
}

/** `data.cost`: `{ amount, unit }` when the vendor's figure is known. */
export function costData(cost: Cost | undefined): { cost?: { amount: number; unit: string } } {
  return cost?.known ? { cost: amountInUnit(cost.amount) } : {};
}
