import { UserInputError } from '../../errors.js';
import { GB, nearestSteps } from '../units.js';

/** The vendor's documented rules, checked before any request; its simulator enforces the same ones. */

/** The vendor's residential pools, spelled as the vendor spells them (`standart`, sic). */
export const pools = ['standart', 'premium'] as const;
export type Pool = (typeof pools)[number];

export const proxyshardDefaults = {
  gatewayHost: 'relay-eu.proxyshard.com',
  httpPort: 8080,
  socksPort: 1080,
  proxyUsernameTemplate: '{user_id}-plan-{plan}-country-any',
  defaultPool: 'standart' as Pool,
  subUserDataUnit: 'bytes' as const,
};

/** The vendor's page-size ceiling (`limit`) for sub-user and order lists. */
export const maxPageSize = 100;

/** The `status` filter of the order list. */
export const orderStatuses = ['active', 'on-hold', 'cancelled', 'all'] as const;

/** Traffic moves in whole GB upstream; anything else is refused before a request is sent. */
export function wholeGigabytes(bytes: number, what: string, allowZero = false): number {
  if (!Number.isFinite(bytes) || bytes < 0 || (!allowZero && bytes === 0)) {
    throw new UserInputError(`${what} must be a positive amount of traffic.`);
  }
  if (!Number.isInteger(bytes / GB)) {
    throw new UserInputError(
      `ProxyShard moves sub-user traffic in whole GB only: try ${nearestSteps(bytes, GB, 'GB')}.`,
      {
        hint: 'Use unit:gb with a whole number.',
      },
    );
  }
  return bytes / GB;
}

/**
 * How a product is bought, from the purchase body's documented variants: datacenter/ISP need a location
 * and a cycle; standart/premium residential are lifetime traffic (quantity, no location or cycle);
 * unmetered takes a cycle and no quantity; any other catalog product takes the generic body.
 */
export type PurchaseShape = 'dc-isp' | 'residential-gb' | 'unmetered' | 'generic';

export interface KnownProduct {
  /** Exactly as the vendor spells it, typos included. */
  name: string;
  aliases: readonly string[];
  kind: 'datacenter' | 'isp' | 'residential';
  shape: PurchaseShape;
  /** The residential pool its traffic lands in. */
  pool?: Pool;
}

export const knownProducts: readonly KnownProduct[] = [
  { name: 'Datacenter Proxy', aliases: ['datacenter', 'dc'], kind: 'datacenter', shape: 'dc-isp' },
  { name: 'ISP Proxy', aliases: ['isp'], kind: 'isp', shape: 'dc-isp' },
  {
    name: 'Standart Residential Proxy',
    aliases: ['standart', 'standard', 'residential'],
    kind: 'residential',
    shape: 'residential-gb',
    pool: 'standart',
  },
  {
    name: 'Premium Residential Proxy',
    aliases: ['premium'],
    kind: 'residential',
    shape: 'residential-gb',
    pool: 'premium',
  },
  { name: 'Unmetered Residential proxy', aliases: ['unmetered', 'unlimited'], kind: 'residential', shape: 'unmetered' },
];

export const knownProduct = (name: string): KnownProduct | undefined =>
  knownProducts.find((p) => p.name.toLowerCase() === name.toLowerCase());

/** `edit-auto-renewal` and `change-billing-cycle`: "Only for Datacenter & ISP proxies". */
export const cycleManaged = (productName: string) => knownProduct(productName)?.shape === 'dc-isp';

/** `add-bandwidth` buys GB for a standart or premium residential order. */
export const takesBandwidth = (productName: string) => knownProduct(productName)?.shape === 'residential-gb';

/** The cycle of lifetime residential traffic, which never renews. */
export const lifetimeCycle = 'lifetime';

/** The currency of `wallet_balance` and every price: cents, and the site prices in USD. */
export const currency = 'USD';

/** The vendor generates new proxy passwords itself (passwordsSpec, passwordsDeclaration). */
export const passwordPicker = { vendor: 'ProxyShard' };
