import { type BalanceDirection, balanceFromOneRead } from '../balance-from-one-read.js';
import type { CapabilitySpec } from '../define-implementation.js';
import { urlPath } from '../http.js';
import type { BalanceCapability, Cost, Customer } from '../types.js';
import { GB } from '../units.js';
import { checkUsername } from '../username.js';
import { type Context, fetchSubUser, type SubUserRecord, toCustomer } from './context.js';
import { type Pool, wholeGigabytes } from './rules.js';
import { plainSuccessSchema } from './schema.js';

const checkAmount = (bytes: number, direction: BalanceDirection) =>
  wholeGigabytes(bytes, direction === 'add' ? 'The amount to add' : 'The amount to remove');

/** A sub-user's traffic, moved in whole GB between it and the reseller's pool. */
export const balance: CapabilitySpec<Context, BalanceCapability> = {
  build({ client, subUsers, bytesPerUnit }) {
    /** Moves the GB on the sub-user as it was just read, then reads back what the vendor now holds. */
    async function change(record: SubUserRecord, bytes: number, direction: BalanceDirection): Promise<Customer> {
      const gigabytes = checkAmount(bytes, direction);
      const path =
        direction === 'add'
          ? urlPath`/user/api/proxies/sub-user/${record.user.user_id}/data/add`
          : urlPath`/user/api/proxies/sub-user/${record.user.user_id}/data/subtract`;
      await client.call(
        { method: 'POST', path, query: { proxy_type: record.pool }, body: { data: gigabytes } },
        plainSuccessSchema,
        `sub-user traffic ${direction === 'add' ? 'add' : 'subtract'}`,
      );
      const located = { userId: record.user.user_id, pool: record.pool };
      return toCustomer(await fetchSubUser(client, located), bytesPerUnit);
    }
    return {
      ...balanceFromOneRead({
        checkUsername: (username) => checkUsername(username, 'ProxyShard'),
        checkAmount,
        find: (username) => subUsers.read(username),
        toCustomer: (record) => toCustomer(record, bytesPerUnit),
        change,
      }),
      /** The GB come from the reseller's residential pool of the sub-user's type, not from the wallet. */
      async cost(username, amount) {
        checkUsername(username, 'ProxyShard');
        const gigabytes = checkAmount(amount, 'add');
        const { pool } = await subUsers.read(username);
        return poolCost(pool, gigabytes);
      },
    };
  },
};

/**
 * The official spec names no price for `data/add`: the GB come out of the residential traffic the
 * reseller bought (add-bandwidth), and it reports no figure for what is still unallocated.
 */
function poolCost(pool: Pool, gigabytes: number): Cost {
  return {
    known: true,
    amount: { kind: 'traffic', bytes: gigabytes * GB, displayUnit: 'GB' },
    from: `${pool === 'premium' ? 'Premium' : 'Standart'} residential traffic`,
    note: 'No money is charged: the GB come from the residential traffic bought at ProxyShard, which its API does not report as a balance.',
  };
}
