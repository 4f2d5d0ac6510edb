import { UserInputError } from '../../errors.js';
import type { UsernameRule } from '../types.js';
import { MB, nearestSteps } from '../units.js';
import { checkUsername } from '../username.js';

/** The vendor's documented rules, checked before any request; its simulator enforces the same ones. */

/** The docs' header row is named `INFINITE-KEY` while its text says `X-INFINITE-KEY`. */
export const defaultAuthHeader = 'X-INFINITE-KEY';
/** add_balance / remove_balance: "Minimum 10 and only steps of ten" (MB). */
export const stepMb = 10;
/** History the transactions endpoint keeps. */
export const historyDays = 14;

/** Public scripts use this host and port; the reseller API itself names no gateway. */
export const defaultGateway = 'resi.infiniteproxies.com:1111';
/** The API's account names are used as is; `infproxy_{username}` is the other form seen in public scripts. */
export const defaultProxyUsername = '{username}';

export function isProxyUsernameFormat(text: string): boolean {
  return text.includes('{username}') && !/[\s:@]/.test(text);
}

/**
 * The vendor lowercases every username it is given ("will be converted to lowercase"), so "Alice"
 * and "alice" are one account: we lowercase before sending and before comparing. Starting with a
 * letter or digit is our own caution (a leading "-" or "." is easy to misread in a proxy string).
 */
export const usernameRule: UsernameRule = {
  pattern: /^[A-Za-z0-9][A-Za-z0-9_.-]*$/,
  description:
    'letters, digits, "_", "-" or ".", starting with a letter or digit; InfiniteProxies stores them in lowercase, so "Alice" and "alice" are the same account',
};

/** Validates (before any request) and returns the name as the vendor will store it. */
export function vendorName(username: string): string {
  return checkUsername(username, 'InfiniteProxies', usernameRule).toLowerCase();
}

export function mbToBytes(mb: number): number {
  return Math.round(mb * MB);
}

function formatMb(bytes: number): string {
  const mb = bytes / MB;
  return `${Number.isInteger(mb) ? mb : Number(mb.toFixed(6))} MB`;
}

/**
 * Turns an amount in bytes into the whole MB the vendor takes, or explains what would work. Runs
 * before any request, so a refused amount never reaches the vendor.
 */
export function vendorMbFromBytes(bytes: number): number {
  if (typeof bytes !== 'number' || !Number.isFinite(bytes)) {
    throw new UserInputError('The amount must be a number.');
  }
  if (bytes <= 0) throw new UserInputError('The amount must be more than 0.');
  const stepBytes = stepMb * MB;
  if (!Number.isSafeInteger(bytes) || bytes % stepBytes !== 0) {
    throw new UserInputError(
      `InfiniteProxies takes balance in steps of ${stepMb} MB (minimum ${stepMb} MB); ${formatMb(bytes)} is not one.`,
      { hint: `Try ${nearestSteps(bytes, stepBytes, 'MB')}.` },
    );
  }
  return bytes / MB;
}

/** "To prevent abuse, we substracted 100 MB from your balance" (customer/create). */
export const createCostMb = 100;

/** The vendor generates new proxy passwords itself (passwordsSpec, passwordsDeclaration). */
export const passwordPicker = { vendor: 'InfiniteProxies' };
