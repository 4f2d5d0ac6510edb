import { UserInputError } from '../../errors.js';
import { parseBody } from '../parse.js';
import type { DailyUsage, ResellerBalanceCapability, UsageCapability } from '../types.js';
import { checkProxyLiteUsername, findAccount, paths, toCustomer } from './accounts.js';
import { PROVIDER, type ProxyLiteApi } from './envelope.js';
import { summarySchema, usageSchema } from './schema.js';

/** The doc caps nothing (its default window is 7 days); 30 matches what a reseller reviews monthly. */
export const maxUsageDays = 30;
const dayMs = 86_400_000;

/** "Y-m-d H:i:s". The vendor's zone is undocumented; we send UTC. */
export function vendorTime(date: Date): string {
  return date.toISOString().slice(0, 19).replace('T', ' ');
}

export function createUsage(api: ProxyLiteApi, now: () => Date): UsageCapability {
  return {
    maxDays: maxUsageDays,
    async report(username, options = {}) {
      checkProxyLiteUsername(username);
      const days = options.days ?? 7;
      if (!Number.isInteger(days) || days < 1 || days > maxUsageDays) {
        throw new UserInputError(`days must be a whole number from 1 to ${maxUsageDays}.`);
      }
      // Usage of an unknown name is an empty list upstream; a typo should say "not found" instead.
      const account = options.customer ?? toCustomer(await findAccount(api, username));
      const end = now();
      const start = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth(), end.getUTCDate()) - (days - 1) * dayMs);
      const data = await api.get(
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
  };
}

/** Only types 9 and 12 have a traffic summary; type 12 is shown only when the reseller owns some. */
const summaryTypes = [
  { productType: 9, label: 'Dynamic residential traffic (type 9)', always: true },
  { productType: 12, label: 'Long-term IDC traffic (type 12)', always: false },
] as const;

export function readSummary(api: ProxyLiteApi, productType: number) {
  return api
    .get(paths.summary, { product_type: productType }, 'the package summary')
    .then((data) => parseBody(PROVIDER, summarySchema, data, 'the package summary'));
}

export function createResellerBalance(api: ProxyLiteApi): ResellerBalanceCapability {
  return {
    async get() {
      const summaries = await Promise.all(summaryTypes.map((t) => readSummary(api, t.productType)));
      return summaryTypes.flatMap((type, i) => {
        const summary = summaries[i];
        if (!summary || (!type.always && summary.total_count === 0)) return [];
        return [{ label: type.label, kind: 'traffic' as const, bytes: summary.effective, displayUnit: 'KB' as const }];
      });
    },
  };
}
