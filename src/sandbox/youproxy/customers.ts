import { type Api, type SimContext, typeFilter } from './api.js';
import type { SimIp, SimOrder } from './state.js';

/**
 * One IP as GET /ipAddress lists it. The page was not recovered; this is docs/providers.md#youproxy's working
 * shape, plus the order's protocol/authType/country. IP-authorised orders carry no login or password.
 */
export function ipRecord(order: SimOrder, ip: SimIp): Record<string, unknown> {
  return {
    ipAddressId: ip.ipAddressId,
    orderId: order.orderId,
    orderNumber: order.orderNumber,
    proxyType: order.proxyType,
    ip: ip.ip,
    port: ip.port,
    ...(ip.login ? { login: ip.login, password: ip.password } : {}),
    protocol: order.protocol ?? 'HTTP',
    authType: order.authType,
    ...(order.authIp ? { authIp: order.authIp } : {}),
    country: order.country,
    dateStart: ip.dateStart.toISOString(),
    dateEnd: ip.dateEnd.toISOString(),
    autoExtend: ip.autoExtend,
  };
}

/** Orders are the customers: the IP list, every IP with its order's facts. */
export function customersRoutes(api: Api, ctx: SimContext): void {
  api.route(
    'GET',
    '/ipAddress',
    () => ({ ipAddresses: [] }),
    ({ query }) => {
      const type = typeFilter(query, false);
      const ipAddresses: Record<string, unknown>[] = [];
      for (const order of ctx.state.orders.values()) {
        if (type && order.proxyType !== type) continue;
        for (const ip of order.ips) ipAddresses.push(ipRecord(order, ip));
      }
      return { ipAddresses };
    },
  );
}
