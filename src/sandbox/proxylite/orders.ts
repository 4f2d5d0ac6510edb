import { type Api, field } from './api.js';
import { ispOf, productJson, products } from './catalog.js';
import { fail0, type OrderRequest, ok0, readOrderRequest } from './order-request.js';
import { dayMs, formatTime, gbInKb, type ProxyLiteState, type SimOrder, tradeNo } from './state.js';

/** Products, static IP regions, payment methods, the pre-check, orders (paid from the balance) and their list. */

const bodyOf = (body: unknown) => (body && typeof body === 'object' ? (body as Record<string, unknown>) : {});

/** "Y-m-d H:i:s" in UTC, compared with the orders' ISO times. */
const parseVendorTime = (text: string | null) => (text ? Date.parse(`${text.replace(' ', 'T')}Z`) : Number.NaN);

function createOrder(state: ProxyLiteState, r: OrderRequest, now: Date): SimOrder {
  const paid = r.pm.group === 'balance';
  const order: SimOrder = {
    id: state.nextOrderId + 1,
    trade_no: tradeNo(state, now),
    product_id: r.product.id,
    product_type: r.product.type,
    amount: r.quantity,
    ...r.fees,
    goods_fee: r.fees.total_fee - r.fees.discount_fee,
    pm_id: r.pm.id,
    pm_title: r.pm.title,
    status: paid ? 1 : 0,
    title: r.product.title,
    region_desc: r.regions.map((x) => `${x.code} x${x.quantity}`).join(', '),
    created_at: now.toISOString(),
    pay_at: paid ? now.toISOString() : null,
  };
  state.orders.push(order);
  if (!paid) return order;
  state.balanceCents -= Math.round(r.fees.pay_fee * 100);
  const expires = formatTime(new Date(now.getTime() + r.product.timeDays * r.etd * dayMs));
  const nextId = () => Math.max(0, ...state.packages.map((p) => p.id)) + 1;
  const add = (total: number) =>
    state.packages.push({
      id: nextId(),
      product_type: r.product.type,
      trade_no: order.trade_no,
      title: r.product.title,
      created_at: formatTime(now),
      expired_at: expires,
      total,
      used: 0,
    });
  if (r.renewal) {
    for (const p of r.renewal.packages) {
      const from = Math.max(now.getTime(), parseVendorTime(p.expired_at));
      p.expired_at = formatTime(new Date(from + r.renewal.days * dayMs));
    }
  } else if (ispOf[r.product.type] !== undefined) {
    const stock = state.regions[ispOf[r.product.type] as 0 | 1];
    for (const region of r.regions) {
      stock.set(region.code, (stock.get(region.code) ?? 0) - region.quantity);
      for (let i = 0; i < region.quantity; i++) add(0);
    }
  } else {
    for (let i = 0; i < r.quantity; i++) add((r.product.flowGb ?? 0) * gbInKb);
    if (r.product.totalCount > 0)
      state.remaining.set(r.product.id, (state.remaining.get(r.product.id) ?? 0) - r.quantity);
  }
  return order;
}

export function ordersRoutes(api: Api, state: ProxyLiteState, now: () => Date): void {
  api('GET', '/end-point/product', false, (req) => {
    const type = req.query.get('type');
    const parent = req.query.get('parent_product_type');
    const list = products.filter(
      (p) => (!type || p.type === Number(type)) && (!parent || type !== '19' || p.parentType === Number(parent)),
    );
    return ok0(list.map((p) => productJson(p, p.totalCount > 0 ? (state.remaining.get(p.id) ?? 0) : 0)));
  });

  api('GET', '/end-point/ip/static-ip-region', false, (req) => {
    const isp = req.query.get('isp') === '0' ? 0 : 1;
    return {
      body: {
        code: 200,
        msg: 'Request successful',
        data: { list: [...state.regions[isp]].map(([code, number]) => ({ code, number })) },
      },
    };
  });

  api('GET', '/end-point/payment/groups', false, () => ok0({ list: state.paymentGroups }));

  api('POST', '/end-point/order/check', false, (req) => {
    const r = readOrderRequest(state, bodyOf(req.body), 'check', now());
    if ('error' in r) return r.error;
    const ipResult = (r.renewal?.packages ?? []).map((p) => ({
      ip: `static-${p.id}`,
      price: r.product.usdPrice,
      current_time: p.expired_at,
      renewal_time: formatTime(
        new Date(Math.max(now().getTime(), parseVendorTime(p.expired_at)) + (r.renewal?.days ?? 0) * dayMs),
      ),
    }));
    const { unit_price: _u, handling_fee: _h, ...fees } = r.fees;
    return ok0({
      product_id: r.product.id,
      amount: r.quantity,
      ...fees,
      product_type: r.product.type,
      title: r.product.title,
      detail: '',
      ip_result: ipResult,
    });
  });

  api('POST', '/end-point/order/create', false, (req) => {
    const r = readOrderRequest(state, bodyOf(req.body), 'create', now());
    if ('error' in r) return r.error;
    if (r.pm.group === 'balance' && Math.round(r.fees.pay_fee * 100) > state.balanceCents) {
      return fail0(10010, 'Insufficient account balance');
    }
    return ok0(createOrder(state, r, now()));
  });

  api('GET', '/end-point/order/list', false, (req) => {
    const q = (name: string) => field(req, name) as string | undefined;
    const from = parseVendorTime(q('start_time') ?? null);
    const to = parseVendorTime(q('end_time') ?? null);
    const matching = state.orders.filter(
      (o) =>
        (!q('trade_no') || o.trade_no === q('trade_no')) &&
        (!q('status') || o.status === Number(q('status'))) &&
        (!q('product_type') || o.product_type === Number(q('product_type'))) &&
        (Number.isNaN(from) || Date.parse(o.created_at) >= from) &&
        (Number.isNaN(to) || Date.parse(o.created_at) < to),
    );
    const pageNo = Math.max(1, Number(q('page_no') ?? 1) || 1);
    const pageSize = Math.max(1, Number(q('page_size') ?? 20) || 20);
    return ok0({
      list: matching.slice((pageNo - 1) * pageSize, pageNo * pageSize),
      pagination: {
        total: matching.length,
        page_no: pageNo,
        page_size: pageSize,
        total_pages: Math.ceil(matching.length / pageSize),
      },
    });
  });
}
