import { UserInputError } from '../../errors.js';
import { GB, nearestSteps } from '../units.js';

/** The vendor's documented rules, checked before any request; its simulator enforces the same ones. */

/** The vendor's residential pools, spelled as the vendor spells them (`standart`, sic). */
export const pools = ['standart', 'premium'] as const;
export type Pool = (typeof pools)[number];

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
