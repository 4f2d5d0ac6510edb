import * as z from 'zod';
import { UserInputError } from '../../errors.js';
import { echo } from '../../kit/echo.js';
import { minorDigits, toMinorUnits } from '../../providers/money.js';
import type { DeepReadonly, DocumentHandle, Store } from '../../storage/store.js';

// The schemas below are built when first used (z.lazy): a command that reads none of these records
// (a terminal `/help`) does not build them at start-up.

/**
 * The owners' spending rules (docs/commands.md#spending): a cap on what the team may spend per
 * provider per day, and the price above which a purchase needs a second owner. Both per currency,
 * as vendors bill in their own. A small document shared by every process on the store.
 */
const setBySchema = z.lazy(() => z.object({ platform: z.string(), userId: z.string() }));

export const spendSettingsSchema = z.lazy(() =>
  z.object({
    version: z.literal(1),
    limits: z.array(
      z.object({
        currency: z.string().regex(/^[A-Z]{3}$/),
        minor: z.number().int().min(0),
        per: z.literal('day'),
        setBy: setBySchema,
        setAt: z.string(),
      }),
    ),
    approvals: z.array(
      z.object({
        currency: z.string().regex(/^[A-Z]{3}$/),
        /** A price above this (strictly) needs a second owner. */
        aboveMinor: z.number().int().min(0),
        setBy: setBySchema,
        setAt: z.string(),
      }),
    ),
  }),
);
export type SpendSettings = z.infer<typeof spendSettingsSchema>;
export type SpendLimit = SpendSettings['limits'][number];
export type ApprovalThreshold = SpendSettings['approvals'][number];

const emptySettings: SpendSettings = { version: 1, limits: [], approvals: [] };

export function openSpendSettings(store: Store): Promise<DocumentHandle<SpendSettings>> {
  return store.documents.open('spend', spendSettingsSchema, emptySettings);
}

/** `usd`, `USD` → `USD`; anything but three letters is refused, naming what was typed. */
export function currencyCode(text: string, label = 'currency'): string {
  const code = text.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(code)) {
    throw new UserInputError(`${label} must be a three-letter currency code such as USD, not ${echo(text)}.`);
  }
  return code;
}

/** A decimal amount typed by an owner, in the currency's minor units; refuses more decimals than it has. */
export function amountInMinor(amount: number, currency: string, label = 'amount'): number {
  const digits = minorDigits(currency);
  const text = String(amount);
  const decimals = text.includes('e') ? digits + 1 : (text.split('.')[1]?.length ?? 0);
  if (!Number.isFinite(amount) || amount < 0 || decimals > digits) {
    throw new UserInputError(
      `${label} must be an amount in ${currency} with at most ${digits} decimals, not ${echo(amount)}.`,
    );
  }
  return toMinorUnits(text, digits);
}

export function limitFor(settings: DeepReadonly<SpendSettings>, currency: string) {
  return settings.limits.find((l) => l.currency === currency);
}

export function thresholdFor(settings: DeepReadonly<SpendSettings>, currency: string) {
  return settings.approvals.find((a) => a.currency === currency);
}

/** Minor units back to the decimal amount the JSON shows (`1250` USD → 12.5). */
export function amountOfMinor(minor: number, currency: string): number {
  return minor / 10 ** minorDigits(currency);
}
