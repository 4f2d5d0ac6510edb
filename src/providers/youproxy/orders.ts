import { ProviderError } from '../../errors.js';
import type { CapabilitySpec } from '../define.js';
import type { Order, OrdersCapability, ProxyEndpoint, ProxyProtocol } from '../types.js';
import { providerId } from './client.js';
import type { Context, YouproxyOrder } from './context.js';
import type { YouproxyIp } from './schema.js';

export function toOrder(order: YouproxyOrder): Order {
  return {
    id: order.orderId,
    product: order.proxyType,
    status: order.active ? 'active' : 'expired',
    expiresAt: order.expiresAt,
    quantity: order.ips.length,
  };
}

function protocolOf(ip: YouproxyIp): ProxyProtocol {
  // The order form offers HTTP or SOCKS (IPv6 only); other types carry no protocol and serve HTTP.
  return ip.protocol && /^socks/i.test(ip.protocol) ? 'socks5' : 'http';
}

/** Secret: carries the proxies' logins. An order authorised by IP gets endpoints without credentials. */
export function toProxyEndpoints(order: YouproxyOrder): ProxyEndpoint[] {
  return order.ips.map((ip) => {
    if (!ip.port) {
      throw new ProviderError(
        providerId,
        'bad_response',
        `Youproxy listed IP ${ip.ip} of order ${order.orderId} without a port, so no proxy can be built from it.`,
      );
    }
    const byIp = ip.authType?.toUpperCase() === 'IP';
    const credentials = !byIp && ip.login && ip.password ? { username: ip.login, password: ip.password } : {};
    return {
      host: ip.ip,
      port: ip.port,
      protocol: protocolOf(ip),
      ...credentials,
      label: order.orderNumber ?? order.orderId,
    };
  });
}

export const orders: CapabilitySpec<Context, OrdersCapability> = {
  summary: 'list, info, proxies',
  build: ({ orders }) => ({
    async list(query = {}) {
      const all = (await orders.all()).map(toOrder);
      return query.status ? all.filter((o) => o.status === query.status) : all;
    },
    async get(orderId) {
      return toOrder(await orders.one(orderId));
    },
    async proxies(orderId) {
      return toProxyEndpoints(await orders.one(orderId));
    },
  }),
};
