import type { Choice } from '../kit/options.js';
import { isProviderId, type ProviderId } from '../providers/registry.js';
import type { CatalogProduct, OrderCatalog } from '../providers/types.js';
import type { OrderCatalogs } from './order-catalogs.js';

const maxChoices = 25;

type OrderSource = 'order-product' | 'order-country' | 'order-period' | 'order-operator';

export const isOrderSource = (source: string): source is OrderSource =>
  ['order-product', 'order-country', 'order-period', 'order-operator'].includes(source);

function productOf(catalog: OrderCatalog, product: string | undefined): CatalogProduct[] {
  if (!product) return catalog.products;
  const wanted = product.trim().toLowerCase();
  const found = catalog.products.find(
    (p) =>
      p.id.toLowerCase() === wanted ||
      p.name.toLowerCase() === wanted ||
      p.aliases.some((a) => a.toLowerCase() === wanted),
  );
  return found ? [found] : catalog.products;
}

function choicesFor(source: OrderSource, products: readonly CatalogProduct[]): Choice[] {
  const seen = new Map<string, string>();
  for (const p of products) {
    const entries: Array<[string, string]> =
      source === 'order-product'
        ? [[p.id, p.id === p.name ? p.id : `${p.id} — ${p.name}`]]
        : source === 'order-country'
          ? p.locations.map((l) => [l.id, l.name && l.name !== l.id ? `${l.id} — ${l.name}` : l.id])
          : source === 'order-period'
            ? p.periods.map((x) => [x.id, x.label === x.id ? x.id : `${x.id} — ${x.label}`])
            : (p.operators ?? []).map((o) => [o.id, o.country ? `${o.name} (${o.country})` : o.name]);
    for (const [value, name] of entries) if (!seen.has(value)) seen.set(value, name.slice(0, 100));
  }
  return [...seen].map(([value, name]) => ({ name, value }));
}

/**
 * Products, countries, periods and operators from the cached catalog of the provider typed so far
 * (narrowed to the product typed, when there is one). Nothing here waits on a vendor: an empty or
 * stale cache is refilled in the background for the next keystroke.
 */
export function suggestFromCatalog(
  catalogs: OrderCatalogs,
  source: OrderSource,
  typed: string,
  context: { provider?: string; product?: string },
  withOrders: readonly ProviderId[],
): Choice[] {
  const ids = context.provider && isProviderId(context.provider) ? [context.provider] : withOrders;
  const prefix = typed.trim().toLowerCase();
  const choices = ids.flatMap((id) => {
    if (!withOrders.includes(id)) return [];
    const catalog = catalogs.peek(id);
    return catalog ? choicesFor(source, productOf(catalog, context.product)) : [];
  });
  return choices
    .filter((c) => c.value.toLowerCase().startsWith(prefix) || c.name.toLowerCase().includes(prefix))
    .slice(0, maxChoices);
}
