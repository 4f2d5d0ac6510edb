import { UserInputError } from '../../errors.js';
import { urlPath } from '../http.js';
import type {
  BalanceCapability,
  Customer,
  PasswordCapability,
  ResellerBalanceCapability,
  UsageCapability,
  UsageReport,
} from '../types.js';
import type { Vendor } from './envelope.js';
import { vendorName } from './names.js';
import { balanceChangeSchema, credentialsSchema, meSchema, transactionsSchema } from './schema.js';
import { bytesPerMb, historyDays, stepMb, vendorMbFromBytes } from './units.js';

export function createBalance(vendor: Vendor): BalanceCapability {
  const change = async (
    route: 'add_balance' | 'remove_balance',
    username: string,
    bytes: number,
  ): Promise<Customer> => {
    const name = vendorName(username);
    const balance = vendorMbFromBytes(bytes);
    return vendor.call(
      {
        method: 'POST',
        path: `/customer/${route}`,
        query: { username: name, balance },
        what: route === 'add_balance' ? 'balance added' : 'balance removed',
        // Adding draws on the reseller's pool; removing only touches the customer.
        spends: route === 'add_balance',
      },
      balanceChangeSchema,
    );
  };
  return {
    unit: 'bytes',
    displayUnit: 'MB',
    step: stepMb * bytesPerMb,
    minimum: stepMb * bytesPerMb,
    add: (username, amount) => change('add_balance', username, amount),
    remove: (username, amount) => change('remove_balance', username, amount),
  };
}

export function createPasswords(vendor: Vendor): PasswordCapability {
  return {
    vendorGenerates: true,
    async reset(username, password) {
      const name = vendorName(username);
      if (password !== undefined) {
        throw new UserInputError('InfiniteProxies generates the new proxy password itself; leave out password:.');
      }
      const answer = await vendor.call(
        { method: 'POST', path: '/customer/reset_password', query: { username: name }, what: 'new password' },
        credentialsSchema,
      );
      return { password: answer.proxy_password };
    },
  };
}

export function createUsage(vendor: Vendor): UsageCapability {
  return {
    maxDays: historyDays,
    async report(username, options = {}): Promise<UsageReport> {
      const name = vendorName(username);
      const wanted = options.days ?? historyDays;
      if (!Number.isSafeInteger(wanted) || wanted < 1) {
        throw new UserInputError(`days must be a whole number from 1 to ${historyDays}.`);
      }
      const all = await vendor.call(
        { method: 'GET', path: urlPath`/customer/@${name}/transactions`, what: 'transactions' },
        transactionsSchema,
      );
      // The vendor keeps 14 days; asking for more gives what there is.
      const days = all.slice(-Math.min(wanted, historyDays));
      return { days, usedBytes: days.reduce((sum, d) => sum + d.bytes, 0) };
    },
  };
}

export function createResellerBalance(vendor: Vendor): ResellerBalanceCapability {
  return {
    get: () => vendor.call({ method: 'GET', path: '/@me', what: 'reseller account' }, meSchema),
  };
}
