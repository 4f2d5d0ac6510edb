import { UserInputError } from '../errors.js';
import { minorDigits } from './money.js';
import type { Amount, Money, Order, OrderListQuery, OrderPage, OrderStatus, OrderStatusFilter } from './order-types.js';
import { checkPaging } from './paging.js';
import { GB, MB } from './units.js';

/** Shared pieces of the vendors' order lists, quotes and costs. */

export const orderStatusFilters: readonly OrderStatusFilter[] = ['active', 'expired', 'all'];

export function checkStatusFilter(status: string | undefined): OrderStatusFilter {
  const wanted = (status ?? 'all').toLowerCase();
  if (!(orderStatusFilters as readonly string[]).includes(wanted)) {
    throw new UserInputError(`"${String(status).slice(0, 40)}" is not an order status.`, {
      hint: `Use one of: ${orderStatusFilters.join(', ')}.`,
    });
  }
  return wanted as OrderStatusFilter;
}

const stopped: readonly OrderStatus[] = ['on-hold', 'expired', 'cancelled'];

export function matchesFilter(status: OrderStatus, filter: OrderStatusFilter): boolean {
  if (filter === 'all') return true;
  return filter === 'active' ? status === 'active' : stopped.includes(status);
}

export function filterOrders(all: readonly Order[], status: string | undefined): Order[] {
  const filter = checkStatusFilter(status);
  return all.filter((o) => matchesFilter(o.status, filter));
}

/** One page of a list read whole from the vendor, filtered by status. */
export function pageOfOrders(all: readonly Order[], query: OrderListQuery = {}): OrderPage {
  const { page, perPage } = checkPaging({ page: query.page, perPage: query.perPage }, { perPage: 20, maxPerPage: 100 });
  const matching = filterOrders(all, query.status);
  return {
    orders: matching.slice((page - 1) * perPage, page * perPage),
    page,
    pages: Math.max(1, Math.ceil(matching.length / perPage)),
    total: matching.length,
  };
}

/** The balance left after paying `price`, when both are in the same currency. */
export function balanceAfter(balance: Money | undefined, price: Money): Money | undefined {
  if (!balance || balance.currency !== price.currency) return undefined;
  return { minor: balance.minor - price.minor, currency: balance.currency };
}

export const moneyAmount = (money: Money): Amount => ({ kind: 'money', ...money });

/** `{ amount, unit }` as replies show a cost: 9 USD, 100 MB, 5 GB. */
export function amountInUnit(amount: Amount): { amount: number; unit: string } {
  if (amount.kind === 'money') {
    const digits = minorDigits(amount.currency);
    return { amount: Number((amount.minor / 10 ** digits).toFixed(digits)), unit: amount.currency };
  }
  const per = amount.displayUnit === 'GB' ? GB : MB;
  return { amount: amount.bytes / per, unit: amount.displayUnit };
}
