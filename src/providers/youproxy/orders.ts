import { ProviderError } from '../../errors.js';
import type { Customer, Order, ProxyEndpoint, ProxyProtocol } from '../types.js';
import { providerId } from './envelope.js';
import type { ProxyType, YouproxyIp } from './schema.js';

/** An order as the IP list shows it: Youproxy has no customer accounts, so an order is our "customer". */
export interface YouproxyOrder {
  orderId: string;
  orderNumber?: string;
  proxyType: ProxyType;
  ips: YouproxyIp[];
  /** The latest dateEnd of its IPs. */
  expiresAt: string;
  createdAt?: string;
  /** Some IP still runs: an order whose IPs all ended is shown as disabled. */
  active: boolean;
}

const later = (a: string, b: string) => (Date.parse(a) >= Date.parse(b) ? a : b);
const earlier = (a: string | undefined, b: string | null | undefined) =>
  !b ? a : !a || Date.parse(b) < Date.parse(a) ? b : a;

/** Groups the flat IP list by order id, keeping the vendor's order of first appearance. */
export function groupOrders(ips: readonly YouproxyIp[], now: number): YouproxyOrder[] {
  const orders = new Map<string, YouproxyOrder>();
  for (const ip of ips) {
    const order = orders.get(ip.orderId);
    if (!order) {
      orders.set(ip.orderId, {
        orderId: ip.orderId,
        orderNumber: ip.orderNumber,
        proxyType: ip.proxyType,
        ips: [ip],
        expiresAt: ip.dateEnd,
        createdAt: ip.dateStart ?? undefined,
        active: Date.parse(ip.dateEnd) > now,
      });
      continue;
    }
    order.ips.push(ip);
    order.orderNumber ??= ip.orderNumber;
    order.expiresAt = later(order.expiresAt, ip.dateEnd);
    order.createdAt = earlier(order.createdAt, ip.dateStart);
    order.active ||= Date.parse(ip.dateEnd) > now;
  }
  return [...orders.values()];
}

export function toCustomer(order: YouproxyOrder): Customer {
  return {
    username: order.orderId,
    status: order.active ? 'active' : 'disabled',
    expiresAt: order.expiresAt,
    ...(order.createdAt ? { createdAt: order.createdAt } : {}),
    extra: {
      proxyType: order.proxyType,
      ipCount: order.ips.length,
      orderNumber: order.orderNumber ?? null,
    },
  };
}

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
