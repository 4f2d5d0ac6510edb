import { summaryTypes } from '../../providers/proxylite/rules.js';
import { type Api, ok, parameterError } from './api.js';
import { type ProxyLiteState, summarise } from './state.js';

const summarised: readonly number[] = summaryTypes.map((t) => t.productType);

/** The reseller's traffic packages: the per-type summary and the package list. */
export function resellerBalanceRoutes(api: Api, state: ProxyLiteState, now: () => Date): void {
  api('GET', '/end-point/user-product/summary', true, (req) => {
    const type = Number(req.query.get('product_type') ?? 9);
    if (!summarised.includes(type)) {
      return parameterError({ product_type: [`Only ${summarised.join(' and ')} are supported.`] });
    }
    return ok(summarise(state, type, now()));
  });

  api('GET', '/end-point/user-product/list', true, (req) => {
    const page = Math.max(1, Number(req.query.get('page') ?? 1) || 1);
    const size = Math.max(1, Number(req.query.get('size') ?? 20) || 20);
    const type = req.query.get('product_type');
    const tradeNo = req.query.get('trade_no');
    const matching = state.packages.filter(
      (p) => (!type || p.product_type === Number(type)) && (!tradeNo || p.trade_no === tradeNo),
    );
    const list = matching.slice((page - 1) * size, page * size).map((p) => ({
      id: p.id,
      created_at: p.created_at,
      expired_at: p.expired_at,
      product_type: p.product_type,
      trade_no: p.trade_no,
      order: {
        created_at: p.created_at,
        pay_at: p.created_at,
        title: p.title ?? (p.product_type === 9 ? 'Dynamic residential traffic' : 'Long-term IDC traffic'),
      },
    }));
    return ok({
      list,
      page,
      page_size: size,
      total_count: matching.length,
      total_page: Math.ceil(matching.length / size),
    });
  });
}
