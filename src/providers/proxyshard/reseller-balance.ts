import type { CapabilitySpec } from '../define-implementation.js';
import type { ResellerBalanceCapability } from '../types.js';
import type { Client } from './client.js';
import type { Context } from './context.js';
import { meSchema } from './schema.js';

export const readProfile = (client: Client) =>
  client.call({ method: 'GET', path: '/user/api/me' }, meSchema, 'profile');

export const resellerBalance: CapabilitySpec<Context, ResellerBalanceCapability> = {
  build: ({ client }) => ({
    async get() {
      const profile = await readProfile(client);
      // "in cents" per the spec; the currency is not stated, the site prices in USD.
      return [{ label: 'Wallet', kind: 'money', minor: profile.wallet_balance, currency: 'USD' }];
    },
  }),
};
