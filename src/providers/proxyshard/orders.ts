import { UserInputError } from '../../errors.js';
import type { CapabilitySpec } from '../define.js';
import { urlPath } from '../http.js';
import type { Order, OrdersCapability, ProxyEndpoint } from '../types.js';
import type { Context } from './context.js';
import { maxPageSize as pageSize, orderStatuses as statuses } from './rules.js';
import { activeProxiesSchema, orderListSchema, orderSchema } from './schema.js';

/** A runaway `next` chain must not loop forever. */
const maxPages = 200;

function checkOrderId(orderId: string): string {
  const id = orderId.trim();
  if (!/^\d{1,19}$/.test(id))
    throw new UserInputError(`"${orderId.slice(0, 40)}" is not a ProxyShard order id (digits).`);
  return id;
}

function checkStatus(status: string | undefined): string {
  const wanted = (status ?? 'all').toLowerCase();
  if (!(statuses as readonly string[]).includes(wanted)) {
    throw new UserInputError(`ProxyShard order status must be one of ${statuses.join(', ')}.`);
  }
  return wanted;
}

export const orders: CapabilitySpec<Context, OrdersCapability> = {
  summary: 'list, info, proxies (datacenter/ISP)',
  build: ({ client }) => createOrders(client),
};

function createOrders(client: Context['client']): OrdersCapability {
  async function list(query: { status?: string } = {}): Promise<Order[]> {
    const status = checkStatus(query.status);
    const orders: Order[] = [];
    for (let page = 0; page < maxPages; page++) {
      const body = await client.call(
        { method: 'GET', path: '/user/api/orders', query: { status, offset: page * pageSize, limit: pageSize } },
        orderListSchema,
        'order list',
      );
      for (const o of body.orders) {
        orders.push({
          id: o.order_id,
          product: o.product_name,
          // The list has no status field; a filtered list's status is the filter's.
          status: o.status ?? (status === 'all' ? 'unknown' : status),
          expiresAt: o.expires_at ?? null,
          ...(o.quantity === undefined ? {} : { quantity: o.quantity }),
          ...(o.auto_renewal == null ? {} : { autoRenewal: o.auto_renewal }),
        });
      }
      if (!body.next || body.orders.length < pageSize) break;
    }
    return orders;
  }

  async function get(orderId: string): Promise<Order> {
    const id = checkOrderId(orderId);
    const { order } = await client.call({ method: 'GET', path: urlPath`/user/api/orders/${id}` }, orderSchema, 'order');
    return {
      id: order.order_id,
      product: order.product_name,
      status: order.status,
      expiresAt: order.expires_at ?? null,
      ...(order.quantity === undefined ? {} : { quantity: order.quantity }),
      ...(order.auto_renewal == null ? {} : { autoRenewal: order.auto_renewal }),
    };
  }

  /** DC/ISP orders only: residential orders answer 403 "Method is unavailable for this order". */
  async function proxies(orderId: string): Promise<ProxyEndpoint[]> {
    const id = checkOrderId(orderId);
    const body = await client.call(
      { method: 'GET', path: '/user/api/proxies/active', query: { order_id: id } },
      activeProxiesSchema,
      'active proxies',
    );
    return body.data.flatMap((p): ProxyEndpoint[] => [
      {
        host: p.ip,
        port: p.http_port,
        protocol: 'http',
        username: p.username,
        password: p.password,
        label: `order ${id}`,
      },
      {
        host: p.ip,
        port: p.socks_port,
        protocol: 'socks5',
        username: p.username,
        password: p.password,
        label: `order ${id}`,
      },
    ]);
  }

  return { list, get, proxies };
}
