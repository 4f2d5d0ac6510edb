import { UserInputError } from '../../errors.js';
import type { CapabilityMethods } from '../capability-parts.js';
import type { CapabilitySpec } from '../define-implementation.js';
import { moneyAmount } from '../order-list.js';
import type { BalanceCapability, Customer } from '../types.js';
import { checkUsername } from '../username.js';
import type { Client } from './client.js';
import { type Context, type OrderReader, toCustomer, type YouproxyOrder } from './context.js';
import { checkDays, extendOrder, quoteExtension } from './extend.js';
import { orderIdRule } from './rules.js';

/**
 * "balance add N" extends every IP of the order by N days (POST /extend/order). Youproxy sells fixed
 * rental periods per proxy type, so N must be one of them; there is no way to take days back.
 */
export const balance: CapabilitySpec<Context, BalanceCapability> = {
  build: ({ client, orders }) => createBalance(client, orders),
};

function checkAmount(amount: number): number {
  if (!Number.isInteger(amount) || amount <= 0) {
    throw new UserInputError(`Youproxy extends orders by whole rental periods in days; ${amount} is not one.`, {
      hint: 'Try 30 (one month).',
    });
  }
  return amount;
}

function createBalance(client: Client, reader: OrderReader): CapabilityMethods<BalanceCapability> {
  const extension = async (username: string, amount: number) => {
    checkUsername(username, 'Youproxy', orderIdRule);
    checkAmount(amount);
    const order = await reader.one(username);
    return { order, days: await checkDays(client, order, amount) };
  };
  /** Extends the order as it was just read, then reads it back. */
  const extend = async (order: YouproxyOrder, amount: number) => {
    const ext = { order, days: await checkDays(client, order, checkAmount(amount)) };
    await extendOrder(client, ext);
    return readBack(reader, order.orderId, toCustomer(order), amount);
  };
  return {
    async read(username) {
      checkUsername(username, 'Youproxy', orderIdRule);
      const order = await reader.one(username);
      return { customer: toCustomer(order), add: (amount) => extend(order, amount) };
    },
    async add(username, amount) {
      checkUsername(username, 'Youproxy', orderIdRule);
      checkAmount(amount);
      return extend(await reader.one(username), amount);
    },
    /** Youproxy's own price for the extension (/calculate/extend/order), with the balance it reports. */
    async cost(username, amount) {
      const quote = await quoteExtension(client, await extension(username, amount));
      return {
        known: true,
        amount: moneyAmount(quote.price),
        ...(quote.balance ? { balance: moneyAmount(quote.balance) } : {}),
        ...(quote.balanceAfter ? { balanceAfter: moneyAmount(quote.balanceAfter) } : {}),
        from: 'Balance',
        ...(quote.warnings.length > 0 ? { note: quote.warnings.join(' ') } : {}),
      };
    },
  };
}

/**
 * The extension is paid for by now: a failed re-read must not look like a failed extension (someone
 * would extend again), so it answers with what we knew before and says so.
 */
async function readBack(reader: OrderReader, orderId: string, before: Customer, days: number): Promise<Customer> {
  try {
    return toCustomer(await reader.one(orderId));
  } catch {
    return {
      ...before,
      note: `Extended by ${days} days; Youproxy could not be re-read, so the expiry shown is from before the extension.`,
    };
  }
}
