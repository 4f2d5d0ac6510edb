import { shortMemo } from '../memo.js';
import { pickChoice } from '../order-input.js';
import type {
  CatalogOperator,
  CatalogProduct,
  OrderCatalog,
  OrderOption,
  ProductKind,
  PromoCode,
} from '../order-types.js';
import type { Client } from './client.js';
import { rentPeriods } from './extend.js';
import { maxOrderQuantity, type ProxyType, proxyTypes } from './rules.js';
import { countryListSchema, mobileOperatorListSchema, promoCodeListSchema, proxyTypeListSchema } from './schema.js';

/** What Youproxy sells, from its own list endpoints: types, countries, rent periods, operators, promo codes. */

export const orderOptions: OrderOption[] = [
  'country',
  'period',
  'protocol',
  'operator',
  'rotation',
  'auth',
  'authIp',
  'goal',
  'promo',
];

const kinds: Record<ProxyType, ProductKind> = { IPv4: 'datacenter', IPv6: 'ipv6', MOBILE: 'mobile', ISP: 'isp' };

/** The proxy types as products, before any request: `ipv4` … `isp`, any case. */
export const staticProducts = proxyTypes.map((type) => ({ id: type.toLowerCase(), name: type, aliases: [type] }));

export function productType(value: string): ProxyType {
  return pickChoice(value, staticProducts, 'product', 'Youproxy').name as ProxyType;
}

export interface TypeCatalog {
  type: ProxyType;
  countries: Array<{ code: string; name?: string }>;
  periods: number[];
  operators: CatalogOperator[];
}

export interface CatalogReader {
  /** One type's countries, periods and (for MOBILE) operators; remembered for a minute. */
  forType(type: ProxyType): Promise<TypeCatalog>;
  full(only?: ProxyType): Promise<OrderCatalog>;
}

export function createCatalogReader(client: Client): CatalogReader {
  const memo = shortMemo(60_000);

  const operators = () =>
    memo('operators', async () => {
      const answer = await client.call({
        method: 'GET',
        path: '/mobileOperator',
        schema: mobileOperatorListSchema,
        what: 'mobile operators',
      });
      return answer.mobileOperators.map(
        (o): CatalogOperator => ({
          id: o.tag,
          name: o.name ?? o.tag,
          ...(o.country ? { country: o.country.toUpperCase() } : {}),
          rotations: o.rotationTimes ?? [],
        }),
      );
    });

  const forType = (type: ProxyType) =>
    memo(`type:${type}`, async (): Promise<TypeCatalog> => {
      const [countries, periods, ops] = await Promise.all([
        client.call({
          method: 'GET',
          path: '/country',
          query: { proxyType: type },
          schema: countryListSchema,
          what: 'countries',
        }),
        rentPeriods(client, type),
        type === 'MOBILE' ? operators() : Promise.resolve([]),
      ]);
      return { type, countries: countries.countries, periods: [...periods].sort((a, b) => a - b), operators: ops };
    });

  const promoCodes = async (): Promise<PromoCode[]> => {
    const answer = await client.call({
      method: 'GET',
      path: '/promoCode',
      schema: promoCodeListSchema,
      what: 'promo codes',
    });
    return answer.promoCodes.map((p) => ({
      code: p.code,
      ...(p.discount == null ? {} : { discountPercent: p.discount }),
      endsAt: p.endless ? null : (p.endDate ?? null),
      ...(p.descriptionsByLocale?.en ? { description: p.descriptionsByLocale.en } : {}),
    }));
  };

  return {
    forType,
    async full(only) {
      const listed = only
        ? [only]
        : (
            await client.call({ method: 'GET', path: '/proxyType', schema: proxyTypeListSchema, what: 'proxy types' })
          ).proxyTypes.filter((t): t is ProxyType => (proxyTypes as readonly string[]).includes(t));
      const [types, promos] = await Promise.all([Promise.all(listed.map(forType)), promoCodes()]);
      return {
        products: types.map(toProduct),
        options: orderOptions,
        promoCodes: promos,
        notes: [
          "Prices come from Youproxy's own calculation: use /order quote.",
          'An unknown or expired promo code does not fail an order at Youproxy: it charges the full price.',
        ],
      };
    },
  };
}

export function toProduct(t: TypeCatalog): CatalogProduct {
  return {
    id: t.type.toLowerCase(),
    name: t.type,
    aliases: [t.type],
    kind: kinds[t.type],
    locations: t.countries.map((c) => ({ id: c.code, ...(c.name ? { name: c.name } : {}) })),
    locationRequired: true,
    periods: t.periods.map((days) => ({ id: String(days), label: `${days} days`, days })),
    periodRequired: false,
    quantity: { min: 1, max: maxOrderQuantity, unit: 'IP' },
    ...(t.type === 'MOBILE' ? { operators: t.operators } : {}),
    ...(t.type === 'IPv6' ? { protocols: ['http', 'socks'] } : {}),
    authTypes: ['login', 'ip'],
    autoRenew: true,
    renewable: true,
    notes: t.type === 'IPv6' ? ['IPv6 orders are extended whole (every IP of the order).'] : [],
  };
}
