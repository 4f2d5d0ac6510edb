import { UserInputError } from '../../errors.js';
import { checkQuantity, checkQuantityShape, pickChoice, startPurchase } from '../order-input.js';
import type { OrderInput } from '../order-types.js';
import { type CatalogReader, type LiteProduct, orderOptions, periodsOf } from './order-catalog.js';
import { regionList } from './rules.js';

/** The fields /order/check and /order/create share for a new package (`pm_id` is added by the caller). */
export interface PackageBody {
  pid: number;
  amount?: number;
  region_list?: string;
  coupon_sn?: string;
  etd?: number;
}

export interface CheckedOrder {
  body: PackageBody;
  product: LiteProduct;
  quantity: number;
  period?: string;
  location?: string;
}

const vendor = 'ProxyLite';

function checkRegions(input: OrderInput, product: LiteProduct) {
  if (input.regions !== undefined && input.country !== undefined) {
    throw new UserInputError('Give either country: with quantity:, or regions:, not both.');
  }
  const asked =
    input.regions ?? (input.country === undefined ? [] : [{ code: input.country, quantity: input.quantity ?? 1 }]);
  if (asked.length === 0) {
    throw new UserInputError(`${product.name} needs the region to buy static IPs in (country:).`, {
      hint: `Regions with IPs for sale: ${product.locations.map((l) => `${l.id} (${l.available})`).join(', ') || 'none now'}.`,
    });
  }
  return asked.map((r) => {
    checkQuantityShape(r.quantity);
    const region = pickChoice(r.code, product.locations, 'region', vendor);
    if (r.quantity > (region.available ?? Number.POSITIVE_INFINITY)) {
      throw new UserInputError(
        `ProxyLite has ${region.available} static IPs for sale in ${region.id}; ${r.quantity} is more.`,
      );
    }
    if (r.asn !== undefined && !/^\d{1,10}$/.test(r.asn)) throw new UserInputError(`"${r.asn}" is not an ASN number.`);
    return { code: region.id, quantity: r.quantity, ...(r.asn ? { asn: r.asn } : {}) };
  });
}

/** Checks the input against the catalog and builds the check/create body of a new package. */
export async function buildPackage(input: OrderInput, catalog: CatalogReader): Promise<CheckedOrder> {
  const { product, promo: coupon } = await startPurchase(input, orderOptions, () => catalog.products(), vendor);
  const body: PackageBody = { pid: product.vendor.id };
  let quantity: number;
  let location: string | undefined;
  if (product.locationRequired) {
    const regions = checkRegions(input, product);
    quantity = regions.reduce((sum, r) => sum + r.quantity, 0);
    body.region_list = regionList(regions);
    location = regions.map((r) => r.code).join(', ');
  } else {
    if (input.country !== undefined || input.regions !== undefined) {
      throw new UserInputError(`${product.name} takes no region: it is not a static IP package.`);
    }
    quantity = checkQuantity(input.quantity, product, vendor);
    body.amount = quantity;
  }
  const periods = periodsOf(product.vendor);
  let period: string | undefined = periods[0]?.label;
  if (input.period !== undefined) {
    const chosen = pickChoice(input.period.trim().replace(/\s*d(ays?)?$/i, ''), periods, 'period (days)', vendor);
    const etd = periods.find((p) => p.id === chosen.id)?.etd ?? 1;
    if (etd > 1) body.etd = etd;
    period = chosen.label;
  }
  if (coupon) body.coupon_sn = coupon;
  return { body, product, quantity, ...(period ? { period } : {}), ...(location ? { location } : {}) };
}
