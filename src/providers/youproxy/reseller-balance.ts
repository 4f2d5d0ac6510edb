import type { CapabilitySpec } from '../define-implementation.js';
import { minorDigits, toMinorUnits } from '../money.js';
import type { ResellerBalanceCapability } from '../types.js';
import type { Client } from './client.js';
import type { Context } from './context.js';
import { balanceSchema } from './schema.js';

export const readBalance = (client: Client) =>
  client.call({ method: 'GET', path: '/balance', schema: balanceSchema, what: 'balance' });

export const resellerBalance: CapabilitySpec<Context, ResellerBalanceCapability> = {
  build: ({ client }) => ({
    async get() {
      const answer = await readBalance(client);
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
  }),
};
