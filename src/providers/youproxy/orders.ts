import { ProviderError } from '../../errors.js';
import type { CapabilitySpec } from '../define-implementation.js';
import { filterOrders, pageOfOrders } from '../order-list.js';
import type { Order, OrderChange, OrdersCapability, ProxyEndpoint, ProxyProtocol } from '../types.js';
import { providerId } from './client.js';
import type { Context, OrderReader, YouproxyOrder } from './context.js';
import { checkDays, extendOrder, promoWarning, quoteExtension, readPaid, setAutoExtend, toQuote } from './extend.js';
import { createCatalogReader, productType } from './order-catalog.js';
import { buildOrderBody, checkStatically } from './order-request.js';
import { calculationSchema, paidAnswerSchema, type YouproxyIp } from './schema.js';

export function toOrder(order: YouproxyOrder): Order {
  return {
    id: order.orderId,
    product: order.proxyType,
    status: order.active ? 'active' : 'expired',
    expiresAt: order.expiresAt,
    ...(order.createdAt ? { createdAt: order.createdAt } : {}),
    quantity: order.ips.length,
    ...(order.country ? { location: order.country } : {}),
    ...(order.autoExtend === undefined ? {} : { autoRenewal: order.autoExtend }),
    ...(order.orderNumber ? { extra: { orderNumber: order.orderNumber } } : {}),
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

/** Clocks differ and the IP list may round its dates: an order this much older than `since` still counts. */
const placedSlackMs = 5 * 60_000;

export const orders: CapabilitySpec<Context, OrdersCapability> = {
  build: (ctx) => createOrders(ctx),
};

function createOrders({ client, orders: reader }: Context): OrdersCapability {
  const catalog = createCatalogReader(client);

  const findPlaced: OrdersCapability['findPlaced'] = async (input, since) => {
    const s = checkStatically(input);
    const country = input.country?.trim().toUpperCase();
    const placed = (await reader.all()).filter(
      (o) =>
        o.proxyType === s.type &&
        o.ips.length === s.quantity &&
        (!country || !o.country || o.country === country) &&
        Date.parse(o.createdAt ?? '') >= since.getTime() - placedSlackMs,
    );
    return placed.map(toOrder).sort((a, b) => Date.parse(b.createdAt ?? '') - Date.parse(a.createdAt ?? ''));
  };

  return {
    catalog: async (query = {}) => catalog.full(query.product === undefined ? undefined : productType(query.product)),

    async quote(input) {
      const body = await buildOrderBody(input, catalog);
      const answer = await client.call({
        method: 'POST',
        path: '/calculate/order',
        body,
        schema: calculationSchema,
        what: 'order price',
        mutates: false,
      });
      return toQuote(answer, {
        product: body.proxyType,
        quantity: body.quantity,
        period: `${body.rentPeriodDays} days`,
        location: body.country,
        ...(body.promoCode ? { promo: body.promoCode } : {}),
      });
    },

    async buy(input) {
      const body = await buildOrderBody(input, catalog);
      const answer = await client.call({
        method: 'POST',
        path: '/order',
        body,
        schema: paidAnswerSchema,
        what: 'order',
      });
      const paid = readPaid(answer);
      return identify(reader, paid, body.promoCode);
    },

    findPlaced,

    async list(query = {}) {
      return pageOfOrders((await reader.all()).map(toOrder), query);
    },
    async listAll(query = {}) {
      return filterOrders((await reader.all()).map(toOrder), query.status);
    },
    async get(orderId) {
      return toOrder(await reader.one(orderId));
    },
    async proxies(orderId) {
      return toProxyEndpoints(await reader.one(orderId));
    },

    async quoteRenewal(orderId, renewal = {}) {
      const order = await reader.one(orderId);
      const days = await checkDays(client, order, renewal.period);
      return quoteExtension(client, { order, days, ...(renewal.promo ? { promo: renewal.promo } : {}) });
    },
    async renew(orderId, renewal = {}) {
      const order = await reader.one(orderId);
      const days = await checkDays(client, order, renewal.period);
      const paid = await extendOrder(client, { order, days, ...(renewal.promo ? { promo: renewal.promo } : {}) });
      const after = await reread(reader, orderId);
      return {
        id: orderId,
        promo: paid.promo,
        ...(paid.balanceAfter ? { balanceAfter: paid.balanceAfter } : {}),
        ...(after ? { order: after } : {}),
        warnings: [
          ...promoWarning(paid.promo, renewal.promo),
          ...(after ? [] : [`Extended by ${days} days; Youproxy could not be re-read to show the new expiry.`]),
        ],
      };
    },
    async setAutoRenew(orderId, on, period) {
      const order = await reader.one(orderId);
      const days = await checkDays(client, order, period);
      await setAutoExtend(client, order, days, on);
      return (await reread(reader, orderId)) ?? { ...toOrder(order), autoRenewal: on };
    },
  };
}

async function reread(reader: OrderReader, orderId: string): Promise<Order | undefined> {
  try {
    return toOrder(await reader.one(orderId));
  } catch {
    return undefined;
  }
}

/**
 * /order answers an order number, not the order id the rest of the API takes: the IP list maps one to
 * the other. The purchase is paid by now, so nothing here throws except when the order cannot be named.
 */
async function identify(reader: OrderReader, paid: ReturnType<typeof readPaid>, promo?: string): Promise<OrderChange> {
  const base = {
    promo: paid.promo,
    ...(paid.balanceAfter ? { balanceAfter: paid.balanceAfter } : {}),
  };
  const warnings = promoWarning(paid.promo, promo);
  const number = paid.orderNumber;
  if (!number) {
    throw new ProviderError(
      providerId,
      'outcome_unknown',
      'Youproxy took the order but named no order number; check the order list before buying again.',
    );
  }
  const listed = await reader.all().then(
    (all) => all.find((o) => o.orderNumber === number),
    () => undefined,
  );
  if (!listed) {
    return {
      id: number,
      ...base,
      warnings: [
        ...warnings,
        `Youproxy confirmed order ${number} but does not list its IPs yet; its order id shows in /order list once it does.`,
      ],
    };
  }
  return { id: listed.orderId, ...base, order: toOrder(listed), warnings };
}
