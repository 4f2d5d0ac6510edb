import { UserInputError } from '../../errors.js';
import { urlPath } from '../http.js';
import { checkStatusFilter } from '../order-list.js';
import type { Order, OrderStatus, OrderStatusFilter } from '../order-types.js';
import type { Client } from './client.js';
import { cents } from './order-price.js';
import { maxPageSize } from './rules.js';
import { orderListSchema, orderSchema, type VendorOrder } from './schema.js';

/** Reading ProxyShard's orders: the list (by vendor status, following `next`) and one order. */

/** A runaway `next` chain must not loop forever. */
const maxPages = 200;

export function checkOrderId(orderId: string): string {
  const id = orderId.trim();
  if (!/^\d{1,19}$/.test(id))
    throw new UserInputError(`"${orderId.slice(0, 40)}" is not a ProxyShard order id (digits).`);
  return id;
}

const statusOf = (vendorStatus: string): OrderStatus =>
  vendorStatus === 'active' || vendorStatus === 'on-hold' || vendorStatus === 'cancelled' ? vendorStatus : 'expired';

type ListItem = ReturnType<typeof orderListSchema.parse>['orders'][number];

function fromListItem(o: ListItem, vendorStatus: string): Order {
  return {
    id: o.order_id,
    product: o.product_name,
    status: statusOf(vendorStatus),
    vendorStatus,
    expiresAt: o.expires_at ?? null,
    ...(o.cycle_name ? { period: o.cycle_name } : {}),
    ...(o.quantity === undefined ? {} : { quantity: o.quantity }),
    ...(o.auto_renewal == null ? {} : { autoRenewal: o.auto_renewal }),
  };
}

export function fromDetail(order: VendorOrder): Order {
  const paid = (order.price_paid ?? 0) + (order.addons_price_paid ?? 0);
  return {
    id: order.order_id,
    product: order.product_name,
    status: statusOf(order.status),
    vendorStatus: order.status,
    expiresAt: order.expires_at ?? null,
    ...(order.created_at ? { createdAt: order.created_at } : {}),
    ...(order.cycle_name ? { period: order.cycle_name } : {}),
    ...(order.quantity == null ? {} : { quantity: order.quantity }),
    ...(order.auto_renewal == null ? {} : { autoRenewal: order.auto_renewal }),
    ...(order.price_paid == null ? {} : { price: cents(paid) }),
    ...(order.promo_code || order.tag
      ? { extra: { promoCode: order.promo_code ?? null, tag: order.tag ?? null } }
      : {}),
  };
}

export async function fetchOrder(client: Client, orderId: string): Promise<VendorOrder> {
  const id = checkOrderId(orderId);
  return (await client.call({ method: 'GET', path: urlPath`/user/api/orders/${id}` }, orderSchema, 'order')).order;
}

/** Every order with one vendor status, a page of 100 at a time, in the vendor's order. */
async function listChain(client: Client, status: string): Promise<Order[]> {
  const orders: Order[] = [];
  for (let page = 0; page < maxPages; page++) {
    const body = await client.call(
      { method: 'GET', path: '/user/api/orders', query: { status, offset: page * maxPageSize, limit: maxPageSize } },
      orderListSchema,
      'order list',
    );
    // The list carries no status of its own; a filtered list's is the filter's.
    for (const o of body.orders) orders.push(fromListItem(o, o.status ?? status));
    if (!body.next || body.orders.length < maxPageSize) break;
  }
  return orders;
}

/**
 * The orders matching a filter. `all` keeps the vendor's own order and learns each order's status from
 * the on-hold and cancelled lists (the `all` list does not say it).
 */
export async function listOrders(client: Client, status: string | undefined): Promise<Order[]> {
  const filter: OrderStatusFilter = checkStatusFilter(status);
  if (filter === 'active') return listChain(client, 'active');
  const [onHold, cancelled] = await Promise.all([listChain(client, 'on-hold'), listChain(client, 'cancelled')]);
  if (filter === 'expired') return [...onHold, ...cancelled];
  const stopped = new Map([...onHold, ...cancelled].map((o) => [o.id, o]));
  return (await listChain(client, 'all')).map(
    (o) => stopped.get(o.id) ?? { ...o, status: 'active', vendorStatus: 'active' },
  );
}
