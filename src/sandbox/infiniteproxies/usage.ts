import { historyDays } from '../../providers/infiniteproxies/rules.js';
import { type Api, notFound, ok } from './api.js';
import { isoDay, type SimContext } from './state.js';

/** The last 14 days, one MB figure a day, shaped as the docs' schema or as their example. */
export function usageRoutes(api: Api, { state, now }: SimContext): void {
  api.route('GET', '/customer/@:username/transactions', (req) => {
    const customer = state.customers.get((req.params.username ?? '').toLowerCase());
    if (!customer) return notFound();
    const days: Record<string, number> = {};
    for (let daysAgo = historyDays - 1; daysAgo >= 0; daysAgo--) {
      const date = isoDay(now(), daysAgo);
      days[date] = customer.usageMb.get(date) ?? 0;
    }
    return ok('Success', state.transactionsShape === 'consumption' ? { consumption: days } : days);
  });
}
