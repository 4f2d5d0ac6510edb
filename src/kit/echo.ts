import { decimal } from './decimal.js';

/** The most of a user's input an error message repeats back. */
export const echoLimit = 64;

/**
 * What the user typed, quoted for an error message: at most 64 characters (then "…"), on one line,
 * so a pasted page or a control character never fills or breaks the reply.
 */
export function echo(value: unknown, max = echoLimit): string {
  if (typeof value === 'number') return shownNumber(value);
  const text = String(value).replace(/[\u0000-\u001f\u007f]+/g, ' ');
  const chars = [...text];
  return `"${chars.length > max ? `${chars.slice(0, max).join('')}…` : text}"`;
}

/** A number as a person writes it: `1e22`, not `1e+22`; digits grouped below that (`100,000`). */
export function shownNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Math.abs(n) >= 1e21) return n.toExponential().replace('e+', 'e');
  return decimal(n, 20);
}
