import { ProviderError, UserInputError } from '../../errors.js';
import type { BalanceCapability, Customer } from '../types.js';
import {
  checkProxyLiteUsername,
  findAccount,
  paths,
  propagationMs,
  propagationNotices,
  toCustomer,
} from './accounts.js';
import { PROVIDER, type ProxyLiteApi } from './envelope.js';
import { GB, maxLimitGb } from './schema.js';

/** change-limit takes whole GB only; anything that does not convert exactly is refused, never rounded. */
export function trafficToGb(bytes: number): number {
  if (!Number.isFinite(bytes) || bytes <= 0) {
    throw new UserInputError('The amount must be more than zero.');
  }
  if (bytes % GB !== 0) {
    const below = Math.floor(bytes / GB);
    const options = below > 0 ? `${below} GB or ${below + 1} GB` : '1 GB';
    throw new UserInputError(`ProxyLite limits are whole gigabytes (1 GB = 1000 MB); try ${options}.`);
  }
  const gb = bytes / GB;
  if (gb > maxLimitGb) throw new UserInputError(`ProxyLite limits are at most ${maxLimitGb} GB.`);
  return gb;
}

function unlimited(username: string, verb: 'add' | 'remove'): ProviderError {
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
export function createBalance(api: ProxyLiteApi): BalanceCapability {
  async function change(username: string, amount: number, sign: 1 | -1): Promise<Customer> {
    checkProxyLiteUsername(username);
    const gb = trafficToGb(amount);
    const account = await findAccount(api, username);
    const current = account.limit_flow;
    if (current === 0) throw unlimited(username, sign === 1 ? 'add' : 'remove');
    const next = current + sign * gb;
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
    await api.post(paths.changeLimit, { account: account.username, limit: next }, 'changing the traffic limit');
    return toCustomer({ ...account, limit_flow: next }, propagationNotices.limit);
  }

  return {
    unit: 'bytes',
    displayUnit: 'GB',
    step: GB,
    minimum: GB,
    appliesWithinMs: propagationMs,
    add: (username, amount) => change(username, amount, 1),
    remove: (username, amount) => change(username, amount, -1),
  };
}
