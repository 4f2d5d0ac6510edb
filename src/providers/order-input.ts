import leven, { closestMatch } from 'leven';
import { UserInputError } from '../errors.js';
import type { CatalogProduct, OrderInput, OrderOption } from './order-types.js';

/**
 * Checks of an order's input that every vendor shares, run before any quote or purchase is sent. Each
 * error names the bad value and lists the valid ones, so the reseller can fix it in one go.
 */

const optionNames: Record<OrderOption, keyof OrderInput> = {
  country: 'country',
  regions: 'regions',
  period: 'period',
  protocol: 'protocol',
  operator: 'operator',
  rotation: 'rotation',
  auth: 'auth',
  authIp: 'authIp',
  goal: 'goal',
  promo: 'promo',
  autoRenew: 'autoRenew',
};

/** An option the vendor does not take is refused rather than silently dropped. */
export function refuseUnknownOptions(input: OrderInput, taken: readonly OrderOption[], vendor: string): void {
  for (const [option, field] of Object.entries(optionNames) as Array<[OrderOption, keyof OrderInput]>) {
    if (input[field] !== undefined && !taken.includes(option)) {
      throw new UserInputError(`${vendor} takes no ${option} option.`, {
        hint: `${vendor} takes: ${taken.join(', ') || 'none'}.`,
      });
    }
  }
}

const listed = (values: readonly string[], max = 30) =>
  values.length > max ? `${values.slice(0, max).join(', ')}, … (${values.length} in all)` : values.join(', ');

/**
 * The catalog entry `value` names (by id, name or alias, case-insensitive), or an error that names the
 * value, suggests the closest one and lists the valid ones.
 */
export function pickChoice<T extends { id: string; name?: string; aliases?: readonly string[] }>(
  value: string,
  choices: readonly T[],
  what: string,
  vendor: string,
): T {
  const wanted = value.trim().toLowerCase();
  const found = choices.find(
    (c) =>
      c.id.toLowerCase() === wanted ||
      c.name?.toLowerCase() === wanted ||
      c.aliases?.some((a) => a.toLowerCase() === wanted),
  );
  if (found) return found;
  const ids = choices.map((c) => c.id);
  const near = ids.length > 0 ? closestMatch(value, ids) : undefined;
  const close = near !== undefined && leven(value.toLowerCase(), near.toLowerCase()) <= 2;
  const suggestion = close ? ` Did you mean "${near}"?` : '';
  throw new UserInputError(`${vendor} has no ${what} "${value.slice(0, 60)}".${suggestion}`, {
    hint: ids.length > 0 ? `Valid ${what} values: ${listed(ids)}.` : `${vendor} lists no ${what} to choose here.`,
  });
}

export function pickProduct(value: string, products: readonly CatalogProduct[], vendor: string): CatalogProduct {
  return pickChoice(value, products, 'product', vendor);
}

/** The part of the quantity check that needs no catalog: a whole number from 1, when given. */
export function checkQuantityShape(quantity: number | undefined): void {
  if (quantity !== undefined && (!Number.isSafeInteger(quantity) || quantity < 1)) {
    throw new UserInputError(`quantity: must be a whole number from 1; ${quantity} is not one.`);
  }
}

/** A whole number of the product's unit within the vendor's limits. */
export function checkQuantity(quantity: number | undefined, product: CatalogProduct, vendor: string): number {
  const q = quantity ?? 1;
  const { min, max, unit } = product.quantity;
  const range = max === undefined ? `at least ${min}` : `from ${min} to ${max}`;
  if (!Number.isSafeInteger(q) || q < min || (max !== undefined && q > max)) {
    throw new UserInputError(`${vendor} sells ${product.name} in whole ${unit}s, ${range}; ${q} is not one.`, {
      hint: `Give quantity: ${range}.`,
    });
  }
  return q;
}

const ipv4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

export function checkIpv4(value: string, vendor: string): string {
  const ip = value.trim();
  if (!ipv4.test(ip)) {
    throw new UserInputError(`"${value.slice(0, 60)}" is not an IPv4 address; ${vendor} binds proxies to IPv4 only.`, {
      hint: 'Give authip: as four numbers 0–255 separated by dots, e.g. 203.0.113.24.',
    });
  }
  return ip;
}

/** A promo code as sent upstream: printable, no spaces, a sane length. */
export function checkPromo(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const code = value.trim();
  if (!/^[\w.-]{1,64}$/.test(code)) {
    throw new UserInputError(`"${value.slice(0, 60)}" is not a promo code: use letters, digits, "_", "-" or ".".`);
  }
  return code;
}

/** Renders an option that must be present for this product. */
export function requireOption<T>(value: T | undefined, option: string, product: CatalogProduct, valid: string[]): T {
  if (value === undefined) {
    throw new UserInputError(`${product.name} needs ${option}:.`, {
      hint: valid.length > 0 ? `Valid values: ${listed(valid)}.` : undefined,
    });
  }
  return value;
}

/**
 * The checks a purchase from a vendor's catalog starts with: only options the vendor takes, a whole
 * quantity and a well-formed promo code before the catalog is read, then a product from it.
 */
export async function startPurchase<P extends CatalogProduct>(
  input: OrderInput,
  taken: readonly OrderOption[],
  products: () => Promise<readonly P[]>,
  vendor: string,
): Promise<{ product: P; promo: string | undefined }> {
  refuseUnknownOptions(input, taken, vendor);
  checkQuantityShape(input.quantity);
  const promo = checkPromo(input.promo);
  const product = pickProduct(input.product, await products(), vendor) as P;
  return { product, promo };
}
