import { type Api, ok, parameterError } from './api.js';
import { dayMs, formatTime, type ProxyLiteState } from './state.js';

const vendorTime = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

/** Traffic per day in KB, for one account or all of them, over a window (7 days by default). */
export function usageRoutes(api: Api, state: ProxyLiteState, now: () => Date): void {
  api('GET', '/end-point/user-usage-flow/total', true, (req) => {
    const start = req.query.get('start_time') ?? formatTime(new Date(now().getTime() - 7 * dayMs));
    const end = req.query.get('end_time') ?? formatTime(now());
    if (!vendorTime.test(start) || !vendorTime.test(end)) {
      return parameterError({ start_time: ['The time format must be Y-m-d H:i:s.'] });
    }
    const username = req.query.get('username');
    const productType = req.query.get('product_type');
    const byDay = new Map<string, number>();
    for (const r of state.usage) {
      if (r.day < start.slice(0, 10) || r.day > end.slice(0, 10)) continue;
      if (username && r.username !== username) continue;
      if (productType && r.product_type !== Number(productType)) continue;
      byDay.set(r.day, (byDay.get(r.day) ?? 0) + r.flow);
    }
    const list = [...byDay].sort(([a], [b]) => (a < b ? -1 : 1)).map(([day, flow]) => ({ day, flow }));
    return ok({ list });
  });
}
