import { UserInputError } from '../../errors.js';
import { urlPath } from '../http.js';
import type { BalanceCapability, Customer, ResellerBalanceCapability } from '../types.js';
import { checkUsername } from '../username.js';
import { type OrderReader, orderIdRule } from './customers.js';
import type { YouproxyApi } from './envelope.js';
import { minorDigits, toMinorUnits } from './money.js';
import { toCustomer } from './orders.js';
import { balanceSchema, extendSchema, type ProxyType, rentPeriodSchema } from './schema.js';

function listDays(days: readonly number[]): string {
  const sorted = [...days].sort((a, b) => a - b).map(String);
  return sorted.length > 1 ? `${sorted.slice(0, -1).join(', ')} or ${sorted.at(-1)}` : (sorted[0] ?? 'none');
}

async function rentPeriods(api: YouproxyApi, proxyType: ProxyType): Promise<number[]> {
  const answer = await api.call({
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
export function createBalance(api: YouproxyApi, reader: OrderReader): BalanceCapability {
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
      const allowed = await rentPeriods(api, order.proxyType);
      if (!allowed.includes(amount)) {
        throw new UserInputError(
          `Youproxy extends ${order.proxyType} orders by ${listDays(allowed)} days only, not ${amount}.`,
          { hint: `Pick one of: ${listDays(allowed)}.` },
        );
      }
      await api.call({
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

export function createResellerBalance(api: YouproxyApi): ResellerBalanceCapability {
  return {
    async get() {
      const answer = await api.call({ method: 'GET', path: '/balance', schema: balanceSchema, what: 'balance' });
      const currency = answer.currencyCode.toUpperCase();
      return [
        {
          label: 'Balance',
          kind: 'money',
          minor: toMinorUnits(answer.balance, minorDigits(currency)),
          currency,
        },
      ];
    },
  };
}
