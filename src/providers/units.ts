/** Traffic units, decimal as the vendors bill (1 GB = 1000 MB). */
export const KB = 1_000;
export const MB = 1_000_000;
export const GB = 1_000_000_000;

const unitBytes = { KB, MB, GB } as const;

/**
 * The whole steps on either side of an amount a vendor refuses ("4 GB or 5 GB"), or the first step
 * alone when the amount is below it, for the hint in the error.
 */
export function nearestSteps(bytes: number, stepBytes: number, unit: keyof typeof unitBytes): string {
  const lower = Math.floor(bytes / stepBytes) * stepBytes;
  const upper = lower + stepBytes;
  const show = (n: number) => `${n / unitBytes[unit]} ${unit}`;
  return lower >= stepBytes ? `${show(lower)} or ${show(upper)}` : show(upper);
}
