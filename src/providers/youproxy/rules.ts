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

/** The order form's `authType` values. */
export const authTypes = ['LOGIN', 'IP'] as const;

/** IPv6 orders take a `protocol`: the form offers these two. */
export const ipv6Protocols = ['HTTP', 'SOCKS'] as const;

/**
 * The form documents no quantity limit. The bot refuses more than this many IPs in one order so a
 * mistyped 10000 never reaches the vendor; the simulator enforces the same cap (code 19).
 */
export const maxOrderQuantity = 1000;

/** `goal` is required and free text; the bot caps it at this length and sends this when none is given. */
export const maxGoalLength = 200;
export const defaultGoal = 'Proxy reselling';
