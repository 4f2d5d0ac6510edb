import { shortMemo } from '../memo.js';
import type { CatalogChoice, CatalogProduct, OrderCatalog, OrderOption, ProductKind } from '../order-types.js';
import type { Client } from './client.js';
import { knownProduct, lifetimeCycle, type Pool, type PurchaseShape } from './rules.js';
import { availableCountSchema, productListSchema } from './schema.js';

/** What ProxyShard sells: its products with their cycles and locations, and the stock per location. */

export const orderOptions: OrderOption[] = ['country', 'period', 'promo', 'autoRenew'];

export interface ShardProduct extends CatalogProduct {
  shape: PurchaseShape;
  pool?: Pool;
}

function kindOf(name: string): ProductKind {
  const known = knownProduct(name);
  if (known) return known.kind;
  if (/datacenter/i.test(name)) return 'datacenter';
  if (/\bisp\b/i.test(name)) return 'isp';
  if (/mobile/i.test(name)) return 'mobile';
  return /residential/i.test(name) ? 'residential' : 'other';
}

/** available-count names products its own way ("dc" in the spec's example): match names and aliases. */
function availabilityFor(productName: string, entry: string): boolean {
  const wanted = entry.trim().toLowerCase();
  const known = knownProduct(productName);
  return productName.toLowerCase() === wanted || Boolean(known?.aliases.includes(wanted));
}

type ProductEntry = ReturnType<typeof productListSchema.parse>['products'][number];
type Availability = ReturnType<typeof availableCountSchema.parse>;

/** Days in the cycles whose names say it, for comparing prices per day; other names stay without. */
const cycleDays: Record<string, number> = {
  daily: 1,
  weekly: 7,
  monthly: 30,
  quarterly: 90,
  semiannually: 180,
  annually: 365,
  yearly: 365,
};

export function toProducts(entries: readonly ProductEntry[], stock: Availability): ShardProduct[] {
  const byName = new Map<string, ProductEntry[]>();
  for (const e of entries) byName.set(e.name, [...(byName.get(e.name) ?? []), e]);
  return [...byName.entries()].map(([name, group]) => {
    const known = knownProduct(name);
    const shape: PurchaseShape = known?.shape ?? 'generic';
    const cycles = [...new Set(group.flatMap((e) => e.cycles))].filter(
      (c) => shape !== 'residential-gb' || c !== lifetimeCycle,
    );
    const locations = new Map<string, CatalogChoice>();
    if (shape === 'dc-isp' || shape === 'generic') {
      for (const e of group) if (e.location) locations.set(e.location, { id: e.location });
      for (const s of stock) {
        if (!availabilityFor(name, s.product)) continue;
        const code = s.country.toUpperCase();
        locations.set(code, { id: code, available: (locations.get(code)?.available ?? 0) + s.amount });
      }
    }
    const amounts = [...locations.values()].flatMap((l) => (l.available === undefined ? [] : [l.available]));
    const description = group.find((e) => e.description)?.description;
    return {
      id: name,
      name,
      aliases: [...(known?.aliases ?? [])],
      kind: kindOf(name),
      ...(description ? { description } : {}),
      locations: [...locations.values()],
      locationRequired: shape === 'dc-isp',
      periods: cycles.map((c) => ({ id: c, label: c, ...(cycleDays[c] ? { days: cycleDays[c] } : {}) })),
      periodRequired: shape !== 'residential-gb',
      quantity: quantityOf(shape, amounts),
      autoRenew: shape === 'dc-isp',
      renewable: shape !== 'residential-gb',
      notes: notesOf(shape),
      shape,
      ...(known?.pool ? { pool: known.pool } : {}),
    };
  });
}

function quantityOf(shape: PurchaseShape, available: number[]): CatalogProduct['quantity'] {
  if (shape === 'residential-gb') return { min: 1, unit: 'GB' };
  if (shape === 'unmetered') return { min: 1, max: 1, unit: 'package' };
  if (shape === 'generic') return { min: 1, unit: 'package' };
  return available.length > 0 ? { min: 1, max: Math.max(...available), unit: 'IP' } : { min: 1, unit: 'IP' };
}

function notesOf(shape: PurchaseShape): string[] {
  if (shape === 'residential-gb')
    return ['Lifetime traffic in GB: no cycle, no renewal; buy more with /order bandwidth.'];
  if (shape === 'unmetered') return ['Auto-renewal is chosen at purchase; ProxyShard cannot switch it later.'];
  if (shape === 'dc-isp') return ['Renewal works once an order is on-hold; auto-renewal and the cycle can be changed.'];
  return [];
}

export interface CatalogReader {
  /** Remembered for a minute, so a quote and the purchase after it check against the same lists. */
  products(): Promise<ShardProduct[]>;
  full(only?: string): Promise<OrderCatalog>;
}

export function createCatalogReader(client: Client): CatalogReader {
  const memo = shortMemo(60_000);
  const products = () =>
    memo('products', async () => {
      const [list, stock] = await Promise.all([
        client.call({ method: 'GET', path: '/user/api/proxies/products' }, productListSchema, 'product list'),
        client.call({ method: 'GET', path: '/user/api/proxies/available-count' }, availableCountSchema, 'stock'),
      ]);
      return toProducts(list.products, stock);
    });
  return {
    products,
    async full(only) {
      const all = await products();
      const wanted = only?.trim().toLowerCase();
      const picked = wanted ? all.filter((p) => p.name.toLowerCase() === wanted || p.aliases.includes(wanted)) : all;
      return {
        products: picked.map(({ shape: _s, pool: _p, ...product }) => product),
        options: orderOptions,
        notes: [
          "Prices come from ProxyShard's own calculation (/order quote); money is paid from the wallet in USD.",
          'Products are named exactly as ProxyShard spells them ("Standart Residential Proxy"); the aliases work too.',
        ],
      };
    },
  };
}
