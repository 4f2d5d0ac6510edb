import { UserInputError } from '../../errors.js';
import type { CapabilitySpec } from '../define-implementation.js';
import { urlPath } from '../http.js';
import type { UsageCapability, UsageReport } from '../types.js';
import type { Context } from './context.js';
import { historyDays, vendorName } from './rules.js';
import { transactionsSchema } from './schema.js';

export const usage: CapabilitySpec<Context, UsageCapability> = {
  build: ({ client }) => ({
    async report(username, options = {}): Promise<UsageReport> {
      const name = vendorName(username);
      const wanted = options.days ?? historyDays;
      if (!Number.isSafeInteger(wanted) || wanted < 1) {
        throw new UserInputError(`days must be a whole number from 1 to ${historyDays}.`);
      }
      const all = await client.call(
        { method: 'GET', path: urlPath`/customer/@${name}/transactions`, what: 'transactions' },
        transactionsSchema,
      );
      // The vendor keeps 14 days; asking for more gives what there is.
      const days = all.slice(-Math.min(wanted, historyDays));
      return { days, usedBytes: days.reduce((sum, d) => sum + d.bytes, 0) };
    },
  }),
};
