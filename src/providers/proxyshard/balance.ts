import type { CapabilitySpec } from '../define.js';
import { urlPath } from '../http.js';
import type { BalanceCapability, Cost, Customer } from '../types.js';
import { GB } from '../units.js';
import { checkUsername } from '../username.js';
import { type Context, fetchSubUser, toCustomer } from './context.js';
import { type Pool, wholeGigabytes } from './rules.js';
import { plainSuccessSchema } from './schema.js';

/** A sub-user's traffic, moved in whole GB between it and the reseller's pool. */
export const balance: CapabilitySpec<Context, BalanceCapability> = {
  summary: 'GB',
  build({ client, subUsers, bytesPerUnit }) {
    async function change(username: string, bytes: number, direction: 'add' | 'subtract'): Promise<Customer> {
      checkUsername(username, 'ProxyShard');
      const gigabytes = wholeGigabytes(bytes, direction === 'add' ? 'The amount to add' : 'The amount to remove');
      const record = await subUsers.read(username);
      const path =
        direction === 'add'
          ? urlPath`/user/api/proxies/sub-user/${record.user.user_id}/data/add`
          : urlPath`/user/api/proxies/sub-user/${record.user.user_id}/data/subtract`;
      await client.call(
        { method: 'POST', path, query: { proxy_type: record.pool }, body: { data: gigabytes } },
        plainSuccessSchema,
        `sub-user traffic ${direction}`,
      );
      const located = { userId: record.user.user_id, pool: record.pool };
      return toCustomer(await fetchSubUser(client, located), bytesPerUnit);
    }
    return {
      unit: 'bytes',
      displayUnit: 'GB',
      step: GB,
      minimum: GB,
      add: (username, amount) => change(username, amount, 'add'),
      /** The GB come from the reseller's residential pool of the sub-user's type, not from the wallet. */
      async cost(username, amount) {
        checkUsername(username, 'ProxyShard');
        const gigabytes = wholeGigabytes(amount, 'The amount to add');
        const { pool } = await subUsers.read(username);
        return poolCost(pool, gigabytes);
      },
      remove: (username, amount) => change(username, amount, 'subtract'),
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
