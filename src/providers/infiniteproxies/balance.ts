import type { CapabilitySpec } from '../define-implementation.js';
import type { BalanceCapability, Customer } from '../types.js';
import { type Context, readAccount } from './context.js';
import { residentialCost } from './costs.js';
import { vendorMbFromBytes, vendorName } from './rules.js';
import { balanceChangeSchema } from './schema.js';

export const balance: CapabilitySpec<Context, BalanceCapability> = {
  build({ client }) {
    const change = async (
      route: 'add_balance' | 'remove_balance',
      username: string,
      bytes: number,
    ): Promise<Customer> => {
      const name = vendorName(username);
      const balance = vendorMbFromBytes(bytes);
      return client.call(
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
      // The vendor adds and removes relative to what it holds: the reading needs no vendor figure.
      async read(username) {
        const { customer } = await readAccount(client, username);
        return {
          customer,
          add: (amount) => change('add_balance', username, amount),
          remove: (amount) => change('remove_balance', username, amount),
        };
      },
      add: (username, amount) => change('add_balance', username, amount),
      cost: async (username, amount) => {
        vendorName(username);
        const mb = vendorMbFromBytes(amount);
        return residentialCost(
          client,
          mb,
          `InfiniteProxies moves ${mb} MB from your residential balance to the customer.`,
        );
      },
      remove: (username, amount) => change('remove_balance', username, amount),
    };
  },
};
