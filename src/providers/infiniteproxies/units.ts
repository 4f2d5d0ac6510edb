import { UserInputError } from '../../errors.js';

/** Decimal, as the vendor bills (SPEC "Details settled"). */
export const bytesPerMb = 1_000_000;
/** add_balance / remove_balance: "Minimum 10 and only steps of ten" (MB). */
export const stepMb = 10;
/** History the transactions endpoint keeps. */
export const historyDays = 14;

export function mbToBytes(mb: number): number {
  return Math.round(mb * bytesPerMb);
}

function formatMb(bytes: number): string {
  const mb = bytes / bytesPerMb;
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
  const stepBytes = stepMb * bytesPerMb;
  if (!Number.isSafeInteger(bytes) || bytes % stepBytes !== 0) {
    const lower = Math.floor(bytes / stepBytes) * stepBytes;
    const upper = lower + stepBytes;
    const options = lower >= stepBytes ? `${formatMb(lower)} or ${formatMb(upper)}` : formatMb(upper);
    throw new UserInputError(
      `InfiniteProxies takes balance in steps of ${stepMb} MB (minimum ${stepMb} MB); ${formatMb(bytes)} is not one.`,
      { hint: `Try ${options}.` },
    );
  }
  return bytes / bytesPerMb;
}
