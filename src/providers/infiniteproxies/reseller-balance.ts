import type { CapabilitySpec } from '../define-implementation.js';
import type { ResellerBalanceCapability } from '../types.js';
import type { Context } from './context.js';
import { meSchema } from './schema.js';

export const resellerBalance: CapabilitySpec<Context, ResellerBalanceCapability> = {
  build: ({ client }) => ({
    get: () => client.call({ method: 'GET', path: '/@me', what: 'reseller account' }, meSchema),
  }),
};
