import { UserInputError } from '../errors.js';
import type { BalanceCapability, DisplayUnit } from '../providers/types.js';

/** Decimal, as vendors bill (SPEC "Details settled"). */
export const bytesPer: Record<'KB' | 'MB' | 'GB', number> = { KB: 1e3, MB: 1e6, GB: 1e9 };

export type AmountUnit = 'mb' | 'gb' | 'days';

export const amountUnitChoices = [
  { name: 'MB', value: 'mb' },
  { name: 'GB', value: 'gb' },
  { name: 'days', value: 'days' },
] as const;

/** Rounds away float noise (0.1 GB × 1e9) without hiding real fractions. */
function exact(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

/** Converts what the user typed into the capability's unit (bytes or days), refusing what does not fit. */
export function toCapabilityAmount(
  amount: number,
  unit: AmountUnit | undefined,
  cap: BalanceCapability,
  providerName: string,
): { value: number; shownAmount: number; shownUnit: DisplayUnit } {
  if (!(amount > 0) || !Number.isFinite(amount)) {
    throw new UserInputError(`The amount must be a positive number, not ${amount}.`);
  }
  if (cap.unit === 'days') {
    if (unit && unit !== 'days') {
      throw new UserInputError(`${providerName} balance is counted in days; use unit:days or leave unit out.`);
    }
    if (!Number.isInteger(amount)) throw new UserInputError('Days must be a whole number.');
    return { value: amount, shownAmount: amount, shownUnit: 'days' };
  }
  if (unit === 'days') {
    throw new UserInputError(`${providerName} balance is traffic; use unit:mb or unit:gb.`);
  }
  const shownUnit: DisplayUnit = unit ? (unit.toUpperCase() as 'MB' | 'GB') : cap.displayUnit;
  const value = exact(amount * bytesPer[shownUnit as 'MB' | 'GB' | 'KB']);
  if (!Number.isInteger(value)) throw new UserInputError(`${amount} ${shownUnit} is not a whole number of bytes.`);
  return { value, shownAmount: amount, shownUnit };
}

/** A byte count in the given unit, to three decimals. */
export function inUnit(bytes: number, unit: 'KB' | 'MB' | 'GB'): number {
  return Math.round((bytes / bytesPer[unit]) * 1000) / 1000;
}

/** Human-readable traffic: the largest unit that keeps the number ≥ 1. */
export function formatBytes(bytes: number): string {
  const abs = Math.abs(bytes);
  if (abs >= 1e9) return `${(bytes / 1e9).toFixed(2)} GB`;
  if (abs >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  if (abs >= 1e3) return `${(bytes / 1e3).toFixed(0)} KB`;
  return `${bytes} B`;
}

export function formatMoney(minor: number, currency: string): string {
  return `${(minor / 100).toFixed(2)} ${currency}`;
}

/** Whole days from `now` until `iso` (negative when past). */
export function daysUntil(iso: string, now: Date): number {
  return Math.floor((Date.parse(iso) - now.getTime()) / 86_400_000);
}
