import { maxGoalLength, maxOrderQuantity } from '../../providers/youproxy/rules.js';
import { type Api, type ErrorShape, errors, fail, type SimContext, typeFilter, usd } from './api.js';
import { countries, isProxyType, mobileOperators, priceCents, promoCodes, proxyTypes, rentPeriods } from './catalog.js';
import { addDays, buildOrder, type NewOrder } from './state.js';

export type PromoStatus = 'VALID' | 'NO_VALID' | null;

/** An unknown or expired promo code does not fail anything: it is reported as NO_VALID. */
export function readPromo(value: unknown, now: Date): { status: PromoStatus; discount: number } {
  if (typeof value !== 'string' || value === '') return { status: null, discount: 0 };
  const promo = promoCodes.find((p) => p.code === value);
  const running =
    promo &&
    (promo.endless ||
      (Date.parse(promo.startDate) <= now.getTime() && now.getTime() <= Date.parse(promo.endDate ?? '')));
  return running ? { status: 'VALID', discount: promo.discount } : { status: 'NO_VALID', discount: 0 };
}

export function readRentPeriod(body: Record<string, unknown>, proxyType: keyof typeof rentPeriods): number {
  const days = body.rentPeriodDays;
  return typeof days === 'number' && rentPeriods[proxyType].includes(days) ? days : fail(errors.rentPeriod);
}

const ipv4 = /^(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)$/;

type OrderRequest = Omit<NewOrder, 'dateStart' | 'dateEnd'> & { rentPeriodDays: number };

/** The fields table of "Create an order", checked in the order the form lists them. */
function readOrder(body: Record<string, unknown>): OrderRequest {
  const proxyType = isProxyType(body.proxyType) ? body.proxyType : fail(errors.proxyType);
  const authType = body.authType === 'LOGIN' || body.authType === 'IP' ? body.authType : fail(errors.authType);
  const authIp =
    authType === 'IP'
      ? typeof body.authIp === 'string' && ipv4.test(body.authIp)
        ? body.authIp
        : fail(errors.authIp)
      : undefined;
  const goal =
    typeof body.goal === 'string' && body.goal.trim() !== '' && body.goal.length <= maxGoalLength
      ? body.goal
      : fail(errors.goal);
  const country =
    typeof body.country === 'string' && /^[A-Z]{3}$/.test(body.country) ? body.country : fail(errors.country);
  if (!countries[proxyType].some((c) => c.code === country)) fail(errors.countryNotOffered);
  const order: OrderRequest = { proxyType, authType, goal, country, quantity: 0, rentPeriodDays: 0 };
  if (authIp) order.authIp = authIp;
  if (proxyType === 'IPv6') {
    order.protocol = body.protocol === 'HTTP' || body.protocol === 'SOCKS' ? body.protocol : fail(errors.protocol);
  }
  if (proxyType === 'MOBILE') {
    const operator = mobileOperators.find((o) => o.tag === body.mobileOperator && o.country === country);
    if (!operator || typeof body.rotationTime !== 'number' || !operator.rotationTimes.includes(body.rotationTime)) {
      fail(errors.mobileOperator);
    }
    order.mobileOperator = operator?.tag;
    order.rotationTime = body.rotationTime as number;
  }
  const quantity = body.quantity;
  order.quantity =
    typeof quantity === 'number' && Number.isInteger(quantity) && quantity >= 1 && quantity <= maxOrderQuantity
      ? quantity
      : fail(errors.quantity);
  order.rentPeriodDays = readRentPeriod(body, proxyType);
  return order;
}

const orderError: ErrorShape = (balance) => ({
  proxyType: null,
  orderNumber: null,
  balance,
  currency: balance === null ? null : 'USD',
  promoCodeStatus: null,
});

export const calculateError: ErrorShape = (balance) => ({
  proxyType: null,
  balance,
  price: null,
  currency: balance === null ? null : 'USD',
  discount: null,
  promoCodeStatus: null,
  warnings: [],
});

/** Calculations succeed even when the balance is short; shortfall is a warning with code 16. */
export function quote(ctx: SimContext, proxyType: string, cents: number, promo: ReturnType<typeof readPromo>) {
  return {
    proxyType,
    balance: usd(ctx.state.balanceCents),
    price: usd(cents),
    currency: 'USD',
    discount: promo.discount,
    promoCodeStatus: promo.status,
    warnings: cents > ctx.state.balanceCents ? [errors.funds] : [],
  };
}

/** The catalog (types, periods, countries, operators, promo codes), price calculation and buying. */
export function ordersRoutes(api: Api, ctx: SimContext): void {
  api.route(
    'GET',
    '/proxyType',
    () => ({ proxyTypes: [] }),
    () => ({ proxyTypes: [...proxyTypes] }),
  );

  api.route(
    'GET',
    '/rentPeriod',
    () => ({ rentPeriodDays: [] }),
    ({ query }) => ({ rentPeriodDays: rentPeriods[typeFilter(query, true) ?? 'IPv4'] }),
  );

  api.route(
    'GET',
    '/country',
    () => ({ countries: [] }),
    ({ query }) => ({ countries: countries[typeFilter(query, true) ?? 'IPv4'] }),
  );

  api.route(
    'GET',
    '/mobileOperator',
    () => ({ mobileOperators: [] }),
    () => ({ mobileOperators }),
  );

  api.route(
    'GET',
    '/promoCode',
    () => ({ promoCodes: [] }),
    () => ({ promoCodes }),
  );

  api.route('POST', '/calculate/order', calculateError, ({ body }) => {
    const order = readOrder(body);
    const promo = readPromo(body.promoCode, ctx.now());
    return quote(
      ctx,
      order.proxyType,
      priceCents(order.proxyType, order.quantity, order.rentPeriodDays, promo.discount),
      promo,
    );
  });

  api.route('POST', '/order', orderError, ({ body }) => {
    const { rentPeriodDays, ...request } = readOrder(body);
    const promo = readPromo(body.promoCode, ctx.now());
    const cents = priceCents(request.proxyType, request.quantity, rentPeriodDays, promo.discount);
    if (cents > ctx.state.balanceCents) fail(errors.funds);
    const now = ctx.now();
    const order = buildOrder(ctx.ids, { ...request, dateStart: now, dateEnd: addDays(now, rentPeriodDays) });
    ctx.state.balanceCents -= cents;
    ctx.state.orders.set(order.orderId, order);
    return {
      proxyType: order.proxyType,
      orderNumber: order.orderNumber,
      balance: usd(ctx.state.balanceCents),
      currency: 'USD',
      promoCodeStatus: promo.status,
    };
  });
}
