import { UserInputError } from '../../errors.js';
import type { CapabilitySpec } from '../define-implementation.js';
import { parseBody } from '../parse.js';
import type { DailyUsage, UsageCapability } from '../types.js';
import { PROVIDER } from './client.js';
import { type Context, checkProxyLiteUsername, findAccount, paths, toCustomer } from './context.js';
import { maxUsageDays, vendorTime } from './rules.js';
import { usageSchema } from './schema.js';

const dayMs = 86_400_000;

export const usage: CapabilitySpec<Context, UsageCapability> = {
  build: ({ client, now }) => ({
    async report(username, options = {}) {
      checkProxyLiteUsername(username);
      const days = options.days ?? 7;
      if (!Number.isInteger(days) || days < 1 || days > maxUsageDays) {
        throw new UserInputError(`days must be a whole number from 1 to ${maxUsageDays}.`);
      }
      // Usage of an unknown name is an empty list upstream; a typo should say "not found" instead.
      const account = options.customer ?? toCustomer(await findAccount(client, username));
      const end = now();
      const start = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth(), end.getUTCDate()) - (days - 1) * dayMs);
      const data = await client.get(
        paths.usage,
        { start_time: vendorTime(start), end_time: vendorTime(end), username },
        'the usage log',
      );
      const byDay = new Map<string, number>();
      for (const row of parseBody(PROVIDER, usageSchema, data, 'the usage log').list) {
        const date = row.day.slice(0, 10);
        byDay.set(date, (byDay.get(date) ?? 0) + row.flow);
      }
      const list: DailyUsage[] = [...byDay]
        .map(([date, bytes]) => ({ date, bytes }))
        .sort((a, b) => (a.date < b.date ? -1 : 1));
      return { days: list, usedBytes: account.usedBytes, remainingBytes: account.remainingBytes };
    },
  }),
};
