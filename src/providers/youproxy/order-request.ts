import { UserInputError } from '../../errors.js';
import {
  checkIpv4,
  checkPromo,
  checkQuantity,
  pickChoice,
  refuseUnknownOptions,
  requireOption,
} from '../order-input.js';
import type { OrderInput } from '../order-types.js';
import type { CatalogReader } from './order-catalog.js';
import { orderOptions, productType, toProduct } from './order-catalog.js';
import { defaultGoal, maxGoalLength, type ProxyType } from './rules.js';

/** The body of POST /calculate/order and /order, as the "Create an order" fields table lists it. */
export interface OrderBody {
  proxyType: ProxyType;
  authType: 'LOGIN' | 'IP';
  authIp?: string;
  goal: string;
  country: string;
  quantity: number;
  rentPeriodDays: number;
  promoCode?: string;
  protocol?: 'HTTP' | 'SOCKS';
  mobileOperator?: string;
  rotationTime?: number;
}

const vendor = 'Youproxy';

/** Everything that can be checked without a request: the type, quantity, auth, goal, protocol and promo. */
export function checkStatically(input: OrderInput) {
  refuseUnknownOptions(input, orderOptions, vendor);
  const type = productType(input.product);
  const product = toProduct({ type, countries: [], periods: [], operators: [] });
  const quantity = checkQuantity(input.quantity, product, vendor);
  const auth = input.auth ?? 'login';
  if (auth !== 'login' && auth !== 'ip') {
    throw new UserInputError(`Youproxy has no auth type "${String(auth).slice(0, 20)}".`, { hint: 'Use login or ip.' });
  }
  if (auth === 'login' && input.authIp !== undefined) {
    throw new UserInputError('authip: goes with auth:ip only; LOGIN orders carry a login and password instead.');
  }
  const authIp = auth === 'ip' ? checkIpv4(requireOption(input.authIp, 'authip', product, []), vendor) : undefined;
  const goal = (input.goal ?? defaultGoal).trim();
  if (goal === '' || goal.length > maxGoalLength) {
    throw new UserInputError(`goal: must be 1–${maxGoalLength} characters (what the proxies are for).`);
  }
  if (type !== 'IPv6' && input.protocol !== undefined) {
    throw new UserInputError(`protocol: is for IPv6 orders only; ${type} proxies serve HTTP.`);
  }
  const protocol =
    type === 'IPv6'
      ? (pickChoice(
          requireOption(input.protocol, 'protocol', product, ['http', 'socks']),
          protocols,
          'protocol',
          vendor,
        ).id as 'HTTP' | 'SOCKS')
      : undefined;
  if (type !== 'MOBILE' && (input.operator !== undefined || input.rotation !== undefined)) {
    throw new UserInputError(`operator: and rotation: are for mobile orders only, not ${type}.`);
  }
  return { type, quantity, auth, authIp, goal, protocol, promo: checkPromo(input.promo) };
}

const protocols = [
  { id: 'HTTP', aliases: ['http', 'https'] },
  { id: 'SOCKS', aliases: ['socks', 'socks5'] },
];

/** The checks against the vendor's lists for the type (country, period, operator and rotation). */
export async function buildOrderBody(input: OrderInput, catalog: CatalogReader): Promise<OrderBody> {
  const s = checkStatically(input);
  const listed = await catalog.forType(s.type);
  const product = toProduct(listed);
  const countryCode = requireOption(
    input.country,
    'country',
    product,
    product.locations.map((l) => l.id),
  );
  const country = pickChoice(countryCode, product.locations, 'country', vendor).id;
  const periodText = input.period ?? product.periods[0]?.id;
  if (periodText === undefined) throw new UserInputError(`Youproxy offers no rent period for ${s.type} now.`);
  const period = pickChoice(periodText.replace(/\s*d(ays?)?$/i, ''), product.periods, 'rent period (days)', vendor);
  const body: OrderBody = {
    proxyType: s.type,
    authType: s.auth === 'ip' ? 'IP' : 'LOGIN',
    ...(s.authIp ? { authIp: s.authIp } : {}),
    goal: s.goal,
    country,
    quantity: s.quantity,
    rentPeriodDays: Number(period.id),
    ...(s.promo ? { promoCode: s.promo } : {}),
    ...(s.protocol ? { protocol: s.protocol } : {}),
  };
  if (s.type === 'MOBILE') {
    const here = listed.operators.filter((o) => !o.country || o.country === country);
    const operator = pickChoice(
      requireOption(
        input.operator,
        'operator',
        product,
        here.map((o) => o.id),
      ),
      here,
      `mobile operator in ${country}`,
      vendor,
    );
    const rotation = input.rotation ?? operator.rotations[0];
    if (rotation === undefined || !operator.rotations.includes(rotation)) {
      throw new UserInputError(`${operator.name} has no rotation time of ${String(rotation)} seconds.`, {
        hint: `Valid rotation times (seconds): ${operator.rotations.join(', ') || 'none listed'}.`,
      });
    }
    body.mobileOperator = operator.id;
    body.rotationTime = rotation;
  }
  return body;
}
