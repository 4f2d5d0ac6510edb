import type { CapabilitySpec } from '../define-implementation.js';
import type { UsageCapability } from '../types.js';
import { type Context, toCustomer } from './context.js';

export const usage: CapabilitySpec<Context, UsageCapability> = {
  build: ({ subUsers, bytesPerUnit }) => ({
    // Totals only: the vendor keeps no per-day history for sub-users.
    // `days` is moot: there is no history to cut, only the running totals.
    async report(username) {
      const customer = toCustomer(await subUsers.read(username), bytesPerUnit);
      return { days: [], usedBytes: customer.usedBytes, remainingBytes: customer.remainingBytes };
    },
  }),
};
