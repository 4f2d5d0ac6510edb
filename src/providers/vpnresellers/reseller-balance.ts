import type { CapabilitySpec } from '../define-implementation.js';
import { toMinorUnits } from '../money.js';
import type { ResellerBalanceCapability } from '../types.js';
import { type Client, jsonHeaders } from './client.js';
import type { Context } from './context.js';
import { profileEnvelope } from './schema.js';

export const readProfile = (client: Client) =>
  client.call({
    request: { method: 'GET', path: '/profile', headers: jsonHeaders },
    schema: profileEnvelope,
    what: 'profile',
  });

export const resellerBalance: CapabilitySpec<Context, ResellerBalanceCapability> = {
  build: ({ client, currency }) => ({
    async get() {
      const { data } = await readProfile(client);
      return [{ label: 'Reseller balance', kind: 'money', minor: toMinorUnits(data.balance), currency }];
    },
  }),
};
