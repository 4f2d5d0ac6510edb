import { ProviderError, UserInputError } from '../../errors.js';
import type { CapabilitySpec } from '../define-implementation.js';
import { moneyOf } from '../money.js';
import { checkPromo } from '../order-input.js';
import { filterOrders, pageOfOrders } from '../order-list.js';
import type { Order, OrderChange, OrdersCapability, RenewalInput } from '../types.js';
import { type Client, PROVIDER } from './client.js';
import type { Context } from './context.js';
import { type CatalogReader, createCatalogReader, type Payment, quotesOnlyReason } from './order-catalog.js';
import { check } from './order-price.js';
import { checkTradeNo, listOrders, readOrder, readOrders, readPackages, toOrder, vendorDate } from './order-read.js';
import { buildPackage } from './order-request.js';
import { renewDurations, renewMonths, staticIpTypes, vendorTime } from './rules.js';
import { vendorOrderSchema } from './schema.js';

/** The currency of orders when no product says otherwise. */
const defaultCurrency = 'USD';
/** Zone-less vendor times may be the vendor's local time: reconciliation looks this far back from `since`. */
const placedSlackMs = 15 * 3_600_000;

export const orders: CapabilitySpec<Context, OrdersCapability> = {
  build: ({ client, now }) => createOrders(client, now),
};

async function payment(catalog: CatalogReader): Promise<Payment> {
  const pay = await catalog.payment();
  if (!pay)
    throw new ProviderError(PROVIDER, 'unsupported', 'ProxyLite lists no payment method, so it cannot price an order.');
  return pay;
}

async function balancePayment(catalog: CatalogReader): Promise<Payment> {
  const pay = await payment(catalog);
  if (!pay.fromBalance) throw new ProviderError(PROVIDER, 'unsupported', quotesOnlyReason);
  return pay;
}

/** What /order/create answered: once `code` is 0 the money is spent, so an unreadable order is outcome_unknown. */
function created(data: unknown) {
  const order = vendorOrderSchema.safeParse(data);
  if (!order.success) {
    throw new ProviderError(
      PROVIDER,
      'outcome_unknown',
      'ProxyLite took the order but its answer names no order number; check the order list before buying again.',
    );
  }
  return order.data;
}

function createOrders(client: Client, now: () => Date): OrdersCapability {
  const catalog = createCatalogReader(client);

  async function get(orderId: string): Promise<Order> {
    const order = await readOrder(client, orderId);
    return toOrder(order, await readPackages(client, order.trade_no), defaultCurrency, now().getTime());
  }

  async function afterCreate(data: unknown, currency: string, coupon: unknown, id?: string): Promise<OrderChange> {
    const order = created(data);
    const packages = await readPackages(client, order.trade_no).catch(() => undefined);
    const read = packages && toOrder(order, packages, currency, now().getTime());
    return {
      id: id ?? order.trade_no,
      promo: typeof coupon === 'string' ? 'valid' : 'none',
      ...(order.pay_fee == null ? {} : { charged: moneyOf(order.pay_fee, currency) }),
      ...(read ? { order: read } : {}),
      warnings: [
        ...(order.status === 0 ? [`ProxyLite created order ${order.trade_no} but has not taken the payment yet.`] : []),
        ...(id ? [`ProxyLite recorded the renewal as order ${order.trade_no}.`] : []),
      ],
    };
  }

  /** A static IP order's packages, the renewal package for them, and the duration asked for. */
  async function renewal(orderId: string, input: RenewalInput) {
    const duration = input.period ?? '1m';
    if (!(renewDurations as readonly string[]).includes(duration)) {
      throw new UserInputError(
        `ProxyLite renews for 1m, 2m or em (end of next month), not "${duration.slice(0, 20)}".`,
      );
    }
    const coupon = checkPromo(input.promo);
    const order = await readOrder(client, orderId);
    const type = order.product_type ?? -1;
    if (staticIpTypes[type] === undefined) {
      throw new ProviderError(
        PROVIDER,
        'unsupported',
        `ProxyLite renews static IP orders only; order ${order.trade_no} is "${order.title ?? type}".`,
        {
          hint: 'Buy a new package instead.',
        },
      );
    }
    const [packages, product] = await Promise.all([readPackages(client, order.trade_no), catalog.renewalProduct(type)]);
    if (!product) throw new ProviderError(PROVIDER, 'unsupported', 'ProxyLite lists no static IP renewal package now.');
    if (packages.length === 0)
      throw new ProviderError(PROVIDER, 'not_found', `ProxyLite lists no IPs for order ${order.trade_no}.`);
    const currency = (product.preferred_currency ?? defaultCurrency).toUpperCase();
    const body = {
      pid: product.id,
      upids: packages.map((p) => p.id).join(','),
      ...(coupon ? { coupon_sn: coupon } : {}),
    };
    return { order, duration, body, currency, count: packages.length };
  }

  return {
    catalog: async (query = {}) => catalog.full(query.product),

    async quote(input) {
      const checked = await buildPackage(input, catalog);
      const pay = await payment(catalog);
      return check(
        client,
        { ...checked.body, pm_id: pay.id },
        {
          product: checked.product.name,
          quantity: checked.quantity,
          ...(checked.period ? { period: checked.period } : {}),
          ...(checked.location ? { location: checked.location } : {}),
          currency: checked.product.currency,
          payment: pay,
        },
      );
    },

    async buy(input) {
      const checked = await buildPackage(input, catalog);
      const pay = await balancePayment(catalog);
      const data = await client.post('/end-point/order/create', { ...checked.body, pm_id: pay.id }, 'the order');
      return afterCreate(data, checked.product.currency, checked.body.coupon_sn);
    },

    async findPlaced(input, since) {
      const checked = await buildPackage(input, catalog);
      const from = new Date(since.getTime() - placedSlackMs);
      const placed = (
        await readOrders(client, { start_time: vendorTime(from), product_type: checked.product.vendor.type })
      ).filter(
        (o) =>
          o.product_id === checked.body.pid &&
          (checked.body.amount === undefined || o.amount == null || o.amount === checked.body.amount) &&
          Date.parse(vendorDate(o.created_at) ?? '') >= from.getTime(),
      );
      const withPackages = await Promise.all(
        placed.map(async (o) =>
          toOrder(o, await readPackages(client, o.trade_no), checked.product.currency, now().getTime()),
        ),
      );
      return withPackages.sort((a, b) => Date.parse(b.createdAt ?? '') - Date.parse(a.createdAt ?? ''));
    },

    async list(query = {}) {
      return pageOfOrders(await listOrders(client, defaultCurrency, now().getTime()), query);
    },
    async listAll(query = {}) {
      return filterOrders(await listOrders(client, defaultCurrency, now().getTime()), query.status);
    },
    get,

    async quoteRenewal(orderId, input = {}) {
      const r = await renewal(orderId, input);
      const pay = await payment(catalog);
      return check(
        client,
        { ...r.body, pm_id: pay.id, renew_duration: r.duration },
        {
          product: r.order.title ?? 'static IPs',
          quantity: r.count,
          period: r.duration,
          currency: r.currency,
          payment: pay,
        },
      );
    },

    async renew(orderId, input = {}) {
      const id = checkTradeNo(orderId);
      const months = renewMonths[input.period ?? '1m'];
      if (months === undefined && input.period === 'em') {
        throw new UserInputError(
          `ProxyLite's order/create takes the renewal as whole months: "em" (end of next month) can be quoted, not bought.`,
          { hint: 'Use 1m or 2m.' },
        );
      }
      const r = await renewal(id, input);
      const pay = await balancePayment(catalog);
      const data = await client.post(
        '/end-point/order/create',
        { ...r.body, pm_id: pay.id, renew_duration: months ?? 1 },
        'the renewal',
      );
      const change = await afterCreate(data, r.currency, r.body.coupon_sn, id);
      const order = await get(id).catch(() => undefined);
      return { ...change, ...(order ? { order } : {}) };
    },
  };
}
