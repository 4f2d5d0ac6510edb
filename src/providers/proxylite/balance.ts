import { ProviderError, UserInputError } from '../../errors.js';
import { type BalanceDirection, balanceFromOneRead } from '../balance-from-one-read.js';
import type { CapabilityMethods } from '../capability-parts.js';
import type { CapabilitySpec } from '../define-implementation.js';
import type { BalanceCapability, Customer } from '../types.js';
import { type Client, PROVIDER } from './client.js';
import { type Context, checkProxyLiteUsername, findAccount, paths, toCustomer } from './context.js';
import { maxLimitGb, propagationNotices, trafficToGb } from './rules.js';
import type { VendorAccount } from './schema.js';

function unlimited(username: string, verb: BalanceDirection): ProviderError {
  return new ProviderError(
    PROVIDER,
    'conflict',
    `"${username}" has no traffic limit on ProxyLite (unlimited), so there is nothing to ${verb} to.`,
    {
      hint:
        verb === 'add'
          ? 'Adding would replace "unlimited" with a cap of that amount; set a limit in the ProxyLite dashboard first if you want one.'
          : 'Removing would turn "unlimited" into a cap; set a limit in the ProxyLite dashboard first if you want one.',
    },
  );
}

/**
 * A ProxyLite "balance" is the account's traffic cap (limit_flow, GB) on the reseller's shared pool:
 * add/remove read the cap and write cap ± amount. Two changes racing on one account can lose one of them;
 * the vendor offers no relative update.
 */
export const balance: CapabilitySpec<Context, BalanceCapability> = {
  build: ({ client }) => createBalance(client),
};

function createBalance(client: Client): CapabilityMethods<BalanceCapability> {
  /** Writes the new cap, worked out from `account` as it was just read. */
  async function change(account: VendorAccount, amount: number, direction: BalanceDirection): Promise<Customer> {
    const gb = trafficToGb(amount);
    const username = account.username;
    const current = account.limit_flow;
    if (current === 0) throw unlimited(username, direction);
    const next = direction === 'add' ? current + gb : current - gb;
    if (next > maxLimitGb) {
      throw new UserInputError(
        `That would make the limit ${next} GB; ProxyLite allows at most ${maxLimitGb} GB (you can add up to ${maxLimitGb - current} GB).`,
      );
    }
    if (next < 1) {
      // 0 is ProxyLite's "no limit": removing everything would hand the account unlimited traffic.
      throw new UserInputError(
        `"${username}" has a ${current} GB limit; you can remove at most ${current - 1} GB. A limit of 0 means unlimited on ProxyLite; disable the account to stop it instead.`,
      );
    }
    await client.post(paths.changeLimit, { account: username, limit: next }, 'changing the traffic limit');
    return toCustomer({ ...account, limit_flow: next }, propagationNotices.limit);
  }

  return balanceFromOneRead({
    checkUsername: checkProxyLiteUsername,
    checkAmount: (amount) => trafficToGb(amount),
    find: (username) => findAccount(client, username),
    toCustomer: (account) => toCustomer(account),
    change,
  });
}
