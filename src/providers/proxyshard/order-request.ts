import { UserInputError } from '../../errors.js';
import { checkQuantity, pickChoice, requireOption, startPurchase } from '../order-input.js';
import type { OrderInput } from '../order-types.js';
import { type CatalogReader, orderOptions, type ShardProduct } from './order-catalog.js';
import { lifetimeCycle } from './rules.js';

/** The purchase body's fields (also the calculate query's, but for auto_renewal). */
export interface PurchaseBody {
  product: string;
  location?: string;
  cycle?: string;
  quantity?: number;
  promo_code?: string;
  auto_renewal?: boolean;
}

const vendor = 'ProxyShard';

function refuse(product: ShardProduct, option: string, why: string): never {
  throw new UserInputError(`${product.name} takes no ${option}: ${why}`);
}

/**
 * Checks the input against the catalog (product, location, cycle, stock) and builds the body of the
 * documented variant for the product. The shape checks run before the catalog is read.
 */
export async function buildPurchase(
  input: OrderInput,
  catalog: CatalogReader,
): Promise<{ body: PurchaseBody; product: ShardProduct }> {
  const { product, promo } = await startPurchase(input, orderOptions, () => catalog.products(), vendor);
  const quantity = checkQuantity(input.quantity, product, vendor);
  const body: PurchaseBody = { product: product.name };

  if (product.shape === 'residential-gb') {
    if (input.country !== undefined) refuse(product, 'location', 'it is traffic for every country.');
    if (input.period !== undefined && input.period.toLowerCase() !== lifetimeCycle) {
      refuse(product, 'period', 'it is lifetime traffic.');
    }
    if (input.autoRenew !== undefined) refuse(product, 'auto-renewal', 'it is lifetime traffic.');
  } else {
    const cycles = product.periods.map((p) => p.id);
    body.cycle = pickChoice(
      requireOption(input.period, 'period', product, cycles),
      product.periods,
      'cycle',
      vendor,
    ).id;
  }

  if (product.shape === 'unmetered' && input.country !== undefined) {
    refuse(product, 'location', 'it covers every country.');
  }
  if (product.shape === 'dc-isp' || (product.shape === 'generic' && input.country !== undefined)) {
    const codes = product.locations.map((l) => l.id);
    const where = pickChoice(
      requireOption(input.country, 'country', product, codes),
      product.locations,
      'location',
      vendor,
    );
    body.location = where.id;
    if (where.available !== undefined && quantity > where.available) {
      throw new UserInputError(
        `ProxyShard has ${where.available} ${product.name} IPs left in ${where.id}; ${quantity} is more than that.`,
        { hint: `Give quantity: ${where.available} or less, or another location.` },
      );
    }
  }

  if (product.shape !== 'unmetered') body.quantity = quantity;
  if (promo) body.promo_code = promo;
  if (input.autoRenew !== undefined) body.auto_renewal = input.autoRenew;
  return { body, product };
}

/** The calculate query: the purchase body without auto_renewal, which does not change the price. */
export function calculateQuery(body: PurchaseBody): Record<string, string | number> {
  const { auto_renewal: _ignored, ...rest } = body;
  return Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)) as Record<string, string | number>;
}
