import { ProviderError } from '../errors.js';
import type { PromoStatus } from './order-types.js';

export interface PromoPricing<T> {
  /** The code sent, if any. */
  code: string | undefined;
  /** Asks the vendor's price, with the code or without it. */
  ask(withCode: boolean): Promise<T>;
  /** Whether the vendor took the code off the price. */
  discounted(answer: T): boolean;
  vendor: string;
  /** What the vendor calls it: "promo code", "coupon". */
  word: string;
}

const refusesCode = (error: unknown) =>
  error instanceof ProviderError &&
  (error.kind === 'rejected' || error.kind === 'not_found') &&
  /promo|coupon/i.test(error.vendorMessage ?? '');

/**
 * A vendor price with the promo code's fate: a code the vendor refuses is priced again without it
 * (the purchase with it would be refused too), and one that takes nothing off is called invalid, so
 * the reseller never buys at full price believing in a discount.
 */
export async function priceWithPromo<T>(
  p: PromoPricing<T>,
): Promise<{ answer: T; promo: PromoStatus; warnings: string[] }> {
  if (!p.code) return { answer: await p.ask(false), promo: 'none', warnings: [] };
  try {
    const answer = await p.ask(true);
    if (p.discounted(answer)) return { answer, promo: 'valid', warnings: [] };
    return {
      answer,
      promo: 'invalid',
      warnings: [`${p.vendor} gives no discount for ${p.word} ${p.code}: the price shown is the full price.`],
    };
  } catch (error) {
    if (!refusesCode(error)) throw error;
    const said = (error as ProviderError).vendorMessage;
    return {
      answer: await p.ask(false),
      promo: 'invalid',
      warnings: [
        `${p.vendor} refuses ${p.word} ${p.code}: ${said}. The price shown is without it, and a purchase with it would be refused.`,
      ],
    };
  }
}
