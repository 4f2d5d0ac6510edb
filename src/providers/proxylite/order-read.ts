import { ProviderError, UserInputError } from '../../errors.js';
import { moneyOf } from '../money.js';
import type { Order, OrderStatus } from '../order-types.js';
import { parseBody } from '../parse.js';
import { type Client, PROVIDER } from './client.js';
import { orderListSchema, type UserProduct, userProductListSchema, type VendorOrder } from './schema.js';

/**
 * ProxyLite's orders, named by their `trade_no` (the order number /order/list and /user-product/list
 * filter by). Their expiry is their packages': /user-product/list, joined on trade_no.
 */

/** Balance recharges and repayments are payments, not things bought. */
const notOrders: readonly number[] = [3, 26];
const pageSize = 100;
/** A runaway page count must not loop forever. */
const maxPages = 200;

export function checkTradeNo(orderId: string): string {
  const id = orderId.trim();
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) {
    throw new UserInputError(`"${orderId.slice(0, 40)}" is not a ProxyLite order number (its trade_no).`);
  }
  return id;
}

export async function readOrders(client: Client, query: Record<string, string | number> = {}): Promise<VendorOrder[]> {
  const all: VendorOrder[] = [];
  for (let page = 1; page <= maxPages; page++) {
    const data = await client.get(
      '/end-point/order/list',
      { ...query, page_no: page, page_size: pageSize },
      'the order list',
    );
    const body = parseBody(PROVIDER, orderListSchema, data, 'the order list');
    all.push(...body.list);
    if (body.list.length < pageSize || page >= (body.pagination?.total_pages ?? page)) break;
  }
  return all;
}

export async function readPackages(client: Client, tradeNo?: string): Promise<UserProduct[]> {
  const all: UserProduct[] = [];
  for (let page = 1; page <= maxPages; page++) {
    const query = { page, size: pageSize, ...(tradeNo ? { trade_no: tradeNo } : {}) };
    const data = await client.get('/end-point/user-product/list', query, 'the package list');
    const body = parseBody(PROVIDER, userProductListSchema, data, 'the package list');
    all.push(...body.list);
    if (body.list.length < pageSize || page >= (body.total_page ?? page)) break;
  }
  return all;
}

/** "Y-m-d H:i:s" has no zone (the vendor's local time): read as UTC, as the rest of this provider does. */
export function vendorDate(text: string | null | undefined): string | undefined {
  if (!text) return undefined;
  const naive = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})$/.exec(text);
  const ms = Date.parse(naive ? `${naive[1]}T${naive[2]}Z` : text);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

const payStatus: Record<number, { status: OrderStatus; word: string }> = {
  0: { status: 'pending', word: 'pending payment' },
  2: { status: 'cancelled', word: 'timed out unpaid' },
  3: { status: 'cancelled', word: 'refunded' },
};

export function toOrder(o: VendorOrder, packages: readonly UserProduct[], currency: string, now: number): Order {
  const ends = packages.flatMap((p) => vendorDate(p.expired_at) ?? []).sort();
  const latest = ends.at(-1);
  const paid = o.status === 1 || o.status == null;
  const status: OrderStatus = paid
    ? latest && Date.parse(latest) <= now
      ? 'expired'
      : 'active'
    : (payStatus[o.status ?? 0]?.status ?? 'pending');
  const createdAt = vendorDate(o.created_at);
  return {
    id: o.trade_no,
    product: o.title ?? `product ${o.product_id ?? '?'}`,
    status,
    vendorStatus: paid ? 'paid' : (payStatus[o.status ?? 0]?.word ?? `status ${o.status}`),
    expiresAt: latest ?? null,
    ...(createdAt ? { createdAt } : {}),
    ...(o.amount == null ? {} : { quantity: o.amount }),
    ...(o.region_desc ? { location: o.region_desc } : {}),
    ...(o.pay_fee == null ? {} : { price: moneyOf(o.pay_fee, currency) }),
    extra: { productId: o.product_id ?? null, productType: o.product_type ?? null, packages: packages.length },
  };
}

export async function listOrders(client: Client, currency: string, now: number): Promise<Order[]> {
  const [orders, packages] = await Promise.all([readOrders(client), readPackages(client)]);
  const byTrade = new Map<string, UserProduct[]>();
  for (const p of packages) byTrade.set(p.trade_no ?? '', [...(byTrade.get(p.trade_no ?? '') ?? []), p]);
  return orders
    .filter((o) => !notOrders.includes(o.product_type ?? -1))
    .map((o) => toOrder(o, byTrade.get(o.trade_no) ?? [], currency, now));
}

export async function readOrder(client: Client, orderId: string): Promise<VendorOrder> {
  const tradeNo = checkTradeNo(orderId);
  const found = (await readOrders(client, { trade_no: tradeNo })).find((o) => o.trade_no === tradeNo);
  if (!found) throw new ProviderError(PROVIDER, 'not_found', `ProxyLite has no order ${tradeNo}.`);
  return found;
}
