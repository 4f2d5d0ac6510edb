import type { UsernameRule } from '../types.js';

/** The vendor's documented rules, checked before any request; its simulator enforces the same ones. */

/** The order form's proxy types. */
export const proxyTypes = ['IPv4', 'IPv6', 'MOBILE', 'ISP'] as const;
export type ProxyType = (typeof proxyTypes)[number];

/** A "customer" is an order, named by its id. */
export const orderIdRule: UsernameRule = {
  pattern: /^\d{1,40}$/,
  description: 'an order id: digits only (e.g. 7340012345678901234)',
};
