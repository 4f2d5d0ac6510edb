import type { UsernameRule } from '../types.js';
import { checkUsername } from '../username.js';

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
