import { type Api, type ErrorShape, errors, fail, type SimContext, type SimError, usd } from './api.js';
import { isProxyType, priceCents, type SimProxyType } from './catalog.js';
import { calculateError, quote, readPromo, readRentPeriod } from './orders.js';
import { addDays, type SimIp, type SimOrder } from './state.js';

interface Selection {
  proxyType: SimProxyType;
  rentPeriodDays: number;
  ips: SimIp[];
}

/** Ids arrive as strings; a JSON number past 2^53 has already lost digits and matches nothing. */
function idList(value: unknown, error: SimError): string[] {
  if (!Array.isArray(value) || value.length === 0) fail(error);
  return (value as unknown[]).map((id) =>
    typeof id === 'string' || typeof id === 'number' ? String(id) : fail(error),
  );
}

function readType(body: Record<string, unknown>): SimProxyType {
  return isProxyType(body.proxyType) ? body.proxyType : fail(errors.proxyType);
}

/** By IP ids (the form spells it `ipAddressIds`; an older page `IpAddressIds`). IPv6 orders go whole. */
function selectIps(ctx: SimContext, body: Record<string, unknown>): Selection {
  const proxyType = readType(body);
  const wanted = new Set(idList(body.ipAddressIds ?? body.IpAddressIds, errors.ipSelection));
  const ips: SimIp[] = [];
  const touched = new Set<SimOrder>();
  for (const order of ctx.state.orders.values()) {
    for (const ip of order.ips) {
      if (!wanted.has(ip.ipAddressId)) continue;
      if (order.proxyType !== proxyType) fail(errors.ipSelection);
      ips.push(ip);
      touched.add(order);
    }
  }
  if (ips.length !== wanted.size) fail(errors.ipSelection);
  if (proxyType === 'IPv6' && [...touched].some((o) => o.ips.some((ip) => !wanted.has(ip.ipAddressId)))) {
    fail(errors.wholeOrder);
  }
  return { proxyType, ips, rentPeriodDays: readRentPeriod(body, proxyType) };
}

function selectOrders(ctx: SimContext, body: Record<string, unknown>): Selection {
  const proxyType = readType(body);
  const ips = idList(body.orderIds, errors.orderId).flatMap((id) => {
    const order = ctx.state.orders.get(id);
    return order && order.proxyType === proxyType ? order.ips : fail(errors.orderId);
  });
  return { proxyType, ips, rentPeriodDays: readRentPeriod(body, proxyType) };
}

const costOf = (s: Selection, discount: number) => priceCents(s.proxyType, s.ips.length, s.rentPeriodDays, discount);

/** Paid, once: an IP still running gains the days on top of its end; an ended one restarts from now. */
function extend(ctx: SimContext, selection: Selection, body: Record<string, unknown>) {
  const promo = readPromo(body.promoCode, ctx.now());
  const cents = costOf(selection, promo.discount);
  if (cents > ctx.state.balanceCents) fail(errors.funds);
  const now = ctx.now();
  for (const ip of selection.ips) {
    ip.dateEnd = addDays(new Date(Math.max(ip.dateEnd.getTime(), now.getTime())), selection.rentPeriodDays);
  }
  ctx.state.balanceCents -= cents;
  return { ...extendedJson(ctx, selection), promoCodeStatus: promo.status };
}

/** What the extend endpoints answer about the IPs they touched. */
function extendedJson(ctx: SimContext, selection: Selection) {
  return {
    proxyType: selection.proxyType,
    rentPeriodDays: selection.rentPeriodDays,
    quantity: selection.ips.length,
    ipAddressIds: selection.ips.map((ip) => ip.ipAddressId),
    balance: usd(ctx.state.balanceCents),
    currency: 'USD',
  };
}

function autoExtend(ctx: SimContext, selection: Selection, body: Record<string, unknown>) {
  if (typeof body.autoExtend !== 'boolean') fail(errors.unknown);
  for (const ip of selection.ips) ip.autoExtend = body.autoExtend as boolean;
  return extendedJson(ctx, selection);
}

const extendError: ErrorShape = (balance) => ({
  proxyType: null,
  rentPeriodDays: 0,
  quantity: 0,
  ipAddressIds: [],
  balance,
  currency: balance === null ? null : 'USD',
  promoCodeStatus: null,
});

const autoError: ErrorShape = (balance) => {
  const { promoCodeStatus: _, ...rest } = extendError(balance);
  return rest;
};

/** Extending orders (paid, from the balance) and switching their auto-extension. */
export function balanceRoutes(api: Api, ctx: SimContext): void {
  api.route('POST', '/extend', extendError, ({ body }) => extend(ctx, selectIps(ctx, body), body));
  api.route('POST', '/extend/order', extendError, ({ body }) => extend(ctx, selectOrders(ctx, body), body));
  api.route('POST', '/extend/auto', autoError, ({ body }) => autoExtend(ctx, selectIps(ctx, body), body));
  api.route('POST', '/extend/order/auto', autoError, ({ body }) => autoExtend(ctx, selectOrders(ctx, body), body));
  for (const [path, select] of [
    ['/calculate/extend', selectIps],
    ['/calculate/extend/order', selectOrders],
  ] as const) {
    api.route('POST', path, calculateError, ({ body }) => {
      const selection = select(ctx, body);
      const promo = readPromo(body.promoCode, ctx.now());
      return quote(ctx, selection.proxyType, costOf(selection, promo.discount), promo);
    });
  }
}
