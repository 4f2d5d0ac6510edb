import type * as z from 'zod';
import { shortMemo } from '../memo.js';
import { moneyOf } from '../money.js';
import type { CatalogProduct, OrderCatalog, OrderOption, ProductKind } from '../order-types.js';
import { parseBody } from '../parse.js';
import { type Client, PROVIDER } from './client.js';
import { balancePayment, renewalProductType, staticIpTypes, unsoldProductTypes } from './rules.js';
import { paymentGroupsSchema, productListSchema, staticRegionSchema, type VendorProduct } from './schema.js';

/** What ProxyLite sells (/end-point/product), static IP regions with stock, and how the bot pays. */

export const orderOptions: OrderOption[] = ['country', 'regions', 'period', 'promo'];

export interface LiteProduct extends CatalogProduct {
  vendor: VendorProduct;
  currency: string;
}

export interface Payment {
  id: number;
  title: string;
  /** Pays from the account balance; otherwise it is only good for a quote. */
  fromBalance: boolean;
}

const kinds: Record<number, ProductKind> = {
  9: 'residential',
  12: 'datacenter',
  13: 'residential',
  14: 'datacenter',
  15: 'isp',
  17: 'residential',
  25: 'isp',
};

/** Prices come in the account's preferred currency (`local_price`), else in USD. */
export const currencyOf = (p: VendorProduct) => (p.preferred_currency ?? 'usd').toUpperCase();

/** Whole multiples of the package's days (`etd`), from `extension_of_time_days`. */
export function periodsOf(p: VendorProduct) {
  const days = p.time_days ?? 0;
  const multiples = (p.extension_of_time_days ?? []).filter((m) => m >= 1);
  const list = multiples.length > 0 ? multiples : [1];
  return days > 0 ? list.map((m) => ({ id: String(days * m), label: `${days * m} days`, days: days * m, etd: m })) : [];
}

function toProduct(p: VendorProduct, regions: Array<{ code: string; number: number }> | undefined): LiteProduct {
  const isStatic = regions !== undefined;
  const stocked = (p.total_count ?? 0) > 0 ? (p.remain_count ?? 0) : undefined;
  const price = p.local_price ?? p.usd_price;
  const currency = p.local_price == null ? 'USD' : currencyOf(p);
  const flow = p.flow_value ? [`${p.flow_value} GB of traffic per package.`] : [];
  return {
    id: String(p.id),
    name: p.title ?? `Package ${p.id}`,
    aliases: [],
    kind: kinds[p.type] ?? 'other',
    ...(p.desc?.subtitle ? { description: p.desc.subtitle } : {}),
    locations: (regions ?? []).map((r) => ({ id: r.code, available: r.number })),
    locationRequired: isStatic,
    periods: periodsOf(p).map(({ etd: _etd, ...period }) => period),
    periodRequired: false,
    quantity: isStatic
      ? { min: 1, max: Math.max(0, ...(regions ?? []).map((r) => r.number)), unit: 'IP' }
      : { min: 1, ...(stocked === undefined ? {} : { max: stocked }), unit: 'package' },
    ...(price == null ? {} : { listPrice: moneyOf(price, currency) }),
    autoRenew: false,
    renewable: isStatic,
    notes: [...flow, ...(isStatic ? ['Renew with 1m, 2m or em (end of next month; quote only).'] : [])],
    vendor: p,
    currency,
  };
}

export interface CatalogReader {
  products(): Promise<LiteProduct[]>;
  /** The renewal package for static IPs of `parentType` (14 or 25). */
  renewalProduct(parentType: number): Promise<VendorProduct | undefined>;
  /** The balance payment when listed; else the first usable method (quotes only). */
  payment(): Promise<Payment | undefined>;
  full(only?: string): Promise<OrderCatalog>;
}

const onSale = (p: VendorProduct) => (p.status ?? 1) === 1 && p.show_type !== 3;

export function createCatalogReader(client: Client): CatalogReader {
  const memo = shortMemo(60_000);
  const get = async <S extends z.ZodType>(path: string, query: Record<string, number>, what: string, schema: S) =>
    parseBody(PROVIDER, schema, await client.get(path, query, what), what);

  const allProducts = () =>
    memo('products', () => get('/end-point/product', {}, 'the product list', productListSchema));
  const regions = (isp: 0 | 1) =>
    memo(
      `regions:${isp}`,
      async () => (await get('/end-point/ip/static-ip-region', { isp }, 'static IP regions', staticRegionSchema)).list,
    );

  const products = () =>
    memo('sold', async () => {
      const sold = (await allProducts()).filter((p) => onSale(p) && !unsoldProductTypes.includes(p.type));
      const types = [...new Set(sold.map((p) => staticIpTypes[p.type]).filter((isp) => isp !== undefined))];
      const byIsp = new Map(await Promise.all(types.map(async (isp) => [isp, await regions(isp)] as const)));
      return sold.map((p) =>
        toProduct(p, staticIpTypes[p.type] === undefined ? undefined : byIsp.get(staticIpTypes[p.type]!)),
      );
    });

  const payment = () =>
    memo('payment', async (): Promise<Payment | undefined> => {
      const groups = await get('/end-point/payment/groups', {}, 'payment methods', paymentGroupsSchema);
      const items = groups.list.flatMap((g) => g.items.map((i) => ({ ...i, groupName: g.name ?? '' })));
      const usable = items.filter((i) => !i.disabled);
      const balance = usable.find((i) => balancePayment.test(`${i.title ?? ''} ${i.group ?? ''} ${i.groupName}`));
      const chosen = balance ?? usable[0];
      return chosen && { id: chosen.id, title: chosen.title ?? `method ${chosen.id}`, fromBalance: Boolean(balance) };
    });

  return {
    products,
    payment,
    async renewalProduct(parentType) {
      return (await allProducts()).find(
        (p) => p.type === renewalProductType && onSale(p) && (p.parent_product_type ?? parentType) === parentType,
      );
    },
    async full(only) {
      const [all, pay] = await Promise.all([products(), payment()]);
      const picked = only === undefined ? all : all.filter((p) => p.id === only.trim());
      return {
        products: picked.map(({ vendor: _v, currency: _c, ...product }) => product),
        options: orderOptions,
        notes: [paymentNote(pay), "Prices come from ProxyLite's own pre-check (/order quote)."],
      };
    },
  };
}

export function paymentNote(pay: Payment | undefined): string {
  if (pay?.fromBalance) return `Paid from the ProxyLite account balance (payment method "${pay.title}").`;
  return quotesOnlyReason;
}

export const quotesOnlyReason =
  'Quotes only: ProxyLite lists no payment from the account balance, so the bot cannot pay; buy in the ProxyLite dashboard.';
