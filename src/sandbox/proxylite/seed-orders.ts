import { productById } from './catalog.js';
import { dayMs, formatTime, type ProxyLiteState, type SimOrder, tradeNo } from './state.js';

/**
 * The orders behind the seeded traffic packages, two static IP orders (one runs out in three days),
 * an order still waiting for a crypto payment, and a balance recharge (a payment, not a product).
 */
export function seedOrders(state: ProxyLiteState, now: Date): void {
  const at = (days: number) => new Date(now.getTime() + days * dayMs);
  const order = (productId: number, days: number, fields: Partial<SimOrder> & { amount: number; pay: number }) => {
    const product = productById(productId);
    if (!product) throw new Error(`no product ${productId}`);
    const { pay, ...rest } = fields;
    const created = at(days);
    const record: SimOrder = {
      id: state.nextOrderId + 1,
      trade_no: tradeNo(state, created),
      product_id: product.id,
      product_type: product.type,
      unit_price: product.usdPrice,
      total_fee: pay,
      goods_fee: pay,
      pay_fee: pay,
      discount_fee: 0,
      handling_fee: 0,
      pm_id: 1,
      pm_title: 'Account balance',
      status: 1,
      title: product.title,
      region_desc: '',
      created_at: created.toISOString(),
      pay_at: created.toISOString(),
      ...rest,
    };
    state.orders.push(record);
    return record;
  };

  // The traffic packages seeded in seed.ts keep their trade numbers: their orders carry the same.
  for (const p of state.packages) {
    const productId = p.product_type === 9 ? 102 : 121;
    const o = order(
      productId,
      -Math.round((now.getTime() - Date.parse(`${p.created_at.replace(' ', 'T')}Z`)) / dayMs),
      {
        amount: 1,
        pay: productById(productId)?.usdPrice ?? 0,
      },
    );
    o.trade_no = p.trade_no;
  }

  const staticOrder = (productId: number, region: string, ips: number, startedDaysAgo: number, daysLeft: number) => {
    const product = productById(productId);
    const o = order(productId, -startedDaysAgo, {
      amount: ips,
      pay: (product?.usdPrice ?? 0) * ips,
      region_desc: `${region} x${ips}`,
    });
    for (let i = 0; i < ips; i++) {
      state.packages.push({
        id: 7000 + state.packages.length,
        product_type: o.product_type,
        trade_no: o.trade_no,
        title: o.title,
        created_at: formatTime(at(-startedDaysAgo)),
        expired_at: formatTime(at(daysLeft)),
        total: 0,
        used: 0,
      });
    }
  };
  staticOrder(141, 'US', 3, 10, 20);
  staticOrder(251, 'JP', 2, 27, 3);

  order(101, -1, { amount: 1, pay: 35, status: 0, pm_id: 7, pm_title: 'USDT (TRC20)', pay_at: null });
  order(301, -15, { amount: 1, pay: 100, title: 'Balance recharge' });
}
