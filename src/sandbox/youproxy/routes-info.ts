import { countries, errors, isProxyType, mobileOperators, promoCodes, proxyTypes, rentPeriods } from './catalog.js';
import { fail, type SimContext, usd, type YouproxyRouter } from './context.js';
import type { SimIp, SimOrder } from './state.js';

/**
 * One IP as GET /ipAddress lists it. The page was not recovered; this is provider-notes 5.2a's working
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

/** `?proxyType=` is optional where the docs show it so; present but unknown is code 4. */
function typeFilter(query: URLSearchParams, required: boolean) {
  const value = query.get('proxyType');
  if (value === null && !required) return undefined;
  return isProxyType(value) ? value : fail(errors.proxyType);
}

export function registerInfoRoutes(router: YouproxyRouter, ctx: SimContext): void {
  router.route(
    'GET',
    '/balance',
    () => ({ balance: null, currencyCode: null }),
    () => ({ balance: usd(ctx.state.balanceCents), currencyCode: 'USD' }),
  );

  router.route(
    'GET',
    '/proxyType',
    () => ({ proxyTypes: [] }),
    () => ({ proxyTypes: [...proxyTypes] }),
  );

  router.route(
    'GET',
    '/rentPeriod',
    () => ({ rentPeriodDays: [] }),
    ({ query }) => ({ rentPeriodDays: rentPeriods[typeFilter(query, true) ?? 'IPv4'] }),
  );

  router.route(
    'GET',
    '/country',
    () => ({ countries: [] }),
    ({ query }) => ({ countries: countries[typeFilter(query, true) ?? 'IPv4'] }),
  );

  router.route(
    'GET',
    '/mobileOperator',
    () => ({ mobileOperators: [] }),
    () => ({ mobileOperators }),
  );

  router.route(
    'GET',
    '/promoCode',
    () => ({ promoCodes: [] }),
    () => ({ promoCodes }),
  );

  router.route(
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
