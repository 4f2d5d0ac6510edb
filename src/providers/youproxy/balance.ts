import { UserInputError } from '../../errors.js';
import type { CapabilitySpec } from '../define.js';
import { urlPath } from '../http.js';
import type { BalanceCapability, Customer } from '../types.js';
import { checkUsername } from '../username.js';
import type { Client } from './client.js';
import { type Context, type OrderReader, toCustomer } from './context.js';
import { orderIdRule, type ProxyType } from './rules.js';
import { extendSchema, rentPeriodSchema } from './schema.js';

function listDays(days: readonly number[]): string {
  const sorted = [...days].sort((a, b) => a - b).map(String);
  return sorted.length > 1 ? `${sorted.slice(0, -1).join(', ')} or ${sorted.at(-1)}` : (sorted[0] ?? 'none');
}

async function rentPeriods(client: Client, proxyType: ProxyType): Promise<number[]> {
  const answer = await client.call({
    method: 'GET',
    path: urlPath`/rentPeriod`,
    query: { proxyType },
    schema: rentPeriodSchema,
    what: 'rent periods',
  });
  return answer.rentPeriodDays;
}

/**
 * "balance add N" extends every IP of the order by N days (POST /extend/order). Youproxy sells fixed
 * rental periods per proxy type, so N must be one of them; there is no way to take days back.
 */
export const balance: CapabilitySpec<Context, BalanceCapability> = {
  summary: 'days (extend order, add only)',
  build: ({ client, orders }) => createBalance(client, orders),
};

function createBalance(client: Client, reader: OrderReader): BalanceCapability {
  return {
    unit: 'days',
    displayUnit: 'days',
    async add(username, amount) {
      checkUsername(username, 'Youproxy', orderIdRule);
      if (!Number.isInteger(amount) || amount <= 0) {
        throw new UserInputError(`Youproxy extends orders by whole rental periods in days; ${amount} is not one.`, {
          hint: 'Try 30 (one month).',
        });
      }
      const order = await reader.one(username);
      const allowed = await rentPeriods(client, order.proxyType);
      if (!allowed.includes(amount)) {
        throw new UserInputError(
          `Youproxy extends ${order.proxyType} orders by ${listDays(allowed)} days only, not ${amount}.`,
          { hint: `Pick one of: ${listDays(allowed)}.` },
        );
      }
      await client.call({
        method: 'POST',
        path: urlPath`/extend/order`,
        body: { proxyType: order.proxyType, orderIds: [order.orderId], rentPeriodDays: amount },
        schema: extendSchema,
        what: 'order extension',
      });
      return readBack(reader, username, toCustomer(order), amount);
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
