import { UserInputError } from '../errors.js';
import { decimal } from '../kit/decimal.js';
import { shownNumber } from '../kit/echo.js';
import type { BalanceCapability, DisplayUnit } from '../providers/types.js';

/** Decimal, as vendors bill (docs/commands.md#amounts-and-units). */
export const bytesPer: Record<'KB' | 'MB' | 'GB', number> = { KB: 1e3, MB: 1e6, GB: 1e9 };

export type AmountUnit = 'mb' | 'gb' | 'days';

export const amountUnitChoices = [
  { name: 'MB', value: 'mb' },
  { name: 'GB', value: 'gb' },
  { name: 'days', value: 'days' },
] as const;

/** More days than this in one change is far likelier a typo than a wish (ten years). */
export const maxDaysPerChange = 3650;

/** Rounds away float noise (0.1 GB × 1e9) without hiding real fractions. */
function exact(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

/** An amount in the capability's own unit (bytes or days), as the reseller reads it: `10 MB`, `30 days`. */
export function capabilityAmount(value: number, cap: BalanceCapability): string {
  if (cap.unit === 'days') return `${shownNumber(value)} day${value === 1 ? '' : 's'}`;
  const unit = cap.displayUnit as 'KB' | 'MB' | 'GB';
  return `${shownNumber(exact(value / bytesPer[unit]))} ${unit}`;
}

export interface CapabilityAmount {
  /** In the capability's unit: bytes or days. */
  value: number;
  shownAmount: number;
  shownUnit: DisplayUnit;
}

/**
 * Converts what the user typed into the capability's unit (bytes or days) and checks it against what
 * the vendor takes (minimum, steps). Every refusal names the amount given and what would work.
 */
export function toCapabilityAmount(
  amount: number,
  unit: AmountUnit | undefined,
  cap: BalanceCapability,
  providerName: string,
): CapabilityAmount {
  const typed = shownNumber(amount);
  if (!Number.isFinite(amount) || amount <= 0) {
    throw new UserInputError(`The amount must be more than 0, not ${typed}.`);
  }
  if (cap.unit === 'days') {
    if (unit && unit !== 'days') {
      throw new UserInputError(`${providerName} balance is counted in days; use unit:days or leave unit out.`);
    }
    if (!Number.isInteger(amount)) {
      throw new UserInputError(`${typed} days is not a whole number of days; ${providerName} takes whole days.`, {
        hint: `Try ${Math.max(1, Math.floor(amount))} or ${Math.ceil(amount)}.`,
      });
    }
    if (amount > maxDaysPerChange) {
      throw new UserInputError(
        `${typed} days is more than one change may add: at most ${shownNumber(maxDaysPerChange)} days (ten years).`,
      );
    }
    return checked({ value: amount, shownAmount: amount, shownUnit: 'days' }, cap, providerName);
  }
  if (unit === 'days') {
    throw new UserInputError(`${providerName} balance is traffic; use unit:mb or unit:gb.`);
  }
  const shownUnit = unit ? (unit.toUpperCase() as 'MB' | 'GB') : (cap.displayUnit as 'KB' | 'MB' | 'GB');
  const value = exact(amount * bytesPer[shownUnit]);
  if (!Number.isSafeInteger(Math.round(value))) {
    const most = Math.floor(Number.MAX_SAFE_INTEGER / bytesPer[shownUnit]);
    throw new UserInputError(
      `${typed} ${shownUnit} is more than the bot can count exactly: at most ${shownNumber(most)} ${shownUnit} per change.`,
    );
  }
  if (!Number.isInteger(value)) {
    throw new UserInputError(`${typed} ${shownUnit} is not a whole number of bytes.`);
  }
  return checked({ value, shownAmount: amount, shownUnit }, cap, providerName);
}

/** `1 day`, `30 days`, `1,500 MB`: an amount as the user gave it, for replies and questions. */
export function shownAmount(amount: number, unit: DisplayUnit): string {
  return `${shownNumber(amount)} ${unit === 'days' && amount === 1 ? 'day' : unit}`;
}

function checked(result: CapabilityAmount, cap: BalanceCapability, providerName: string): CapabilityAmount {
  const typed = shownAmount(result.shownAmount, result.shownUnit);
  if (cap.minimum !== undefined && result.value < cap.minimum) {
    throw new UserInputError(
      `${providerName} takes at least ${capabilityAmount(cap.minimum, cap)} per change, not ${typed}.`,
    );
  }
  if (cap.step !== undefined && result.value % cap.step !== 0) {
    const below = Math.floor(result.value / cap.step) * cap.step;
    const near = [below, below + cap.step].filter((v) => v > 0 && v >= (cap.minimum ?? 0));
    throw new UserInputError(
      `${providerName} takes amounts in steps of ${capabilityAmount(cap.step, cap)}; ${typed} is not one.`,
      { hint: `Try ${near.map((v) => capabilityAmount(v, cap)).join(' or ')}.` },
    );
  }
  return result;
}

/** A byte count in the given unit, to three decimals. */
export function inUnit(bytes: number, unit: 'KB' | 'MB' | 'GB'): number {
  return Math.round((bytes / bytesPer[unit]) * 1000) / 1000;
}

/** Traffic as a person writes it, the one format of every reply and alert: `500 MB`, `1.5 GB`, `12.3 GB`. */
export function formatBytes(bytes: number): string {
  const abs = Math.abs(bytes);
  const [per, unit] = abs >= 1e9 ? [1e9, 'GB'] : abs >= 1e6 ? [1e6, 'MB'] : abs >= 1e3 ? [1e3, 'KB'] : [1, 'B'];
  const n = bytes / per;
  const digits = Math.abs(n) >= 100 ? 0 : Math.abs(n) >= 10 ? 1 : 2;
  return `${decimal(n, digits)} ${unit}`;
}

/**
 * Traffic counted in a vendor's own unit (a reseller balance, an alert threshold in it): the one size
 * format, with the vendor's figure beside it when it reads differently (`4,817 GB (4,817,000,000 KB)`).
 */
export function formatVendorTraffic(bytes: number, unit: 'KB' | 'MB' | 'GB'): string {
  const own = `${decimal(inUnit(bytes, unit))} ${unit}`;
  const human = formatBytes(bytes);
  return human === own ? own : `${human} (${own})`;
}

export function formatMoney(minor: number, currency: string): string {
  return `${(minor / 100).toFixed(2)} ${currency}`;
}
