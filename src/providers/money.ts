/** Digits after the decimal point in the currency's minor unit (USD 2, JPY 0), 2 when unknown to Intl. */
export function minorDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/**
 * A vendor amount (25.03, or "253.70") in minor units (2503), rounded half away from zero on the decimal
 * the vendor wrote rather than on its binary approximation (1.005 is 101 cents, where
 * Math.round(1.005 * 100) is 100).
 */
export function toMinorUnits(amount: number | string, digits = 2): number {
  const raw = typeof amount === 'string' ? amount.trim() : String(amount);
  const sign = raw.startsWith('-') ? -1 : 1;
  const text = raw.replace(/^[-+]/, '');
  if (/e/i.test(text)) return sign * Math.round(Math.abs(Number(raw)) * 10 ** digits);
  const [whole = '0', fraction = ''] = text.split('.');
  const kept = fraction.slice(0, digits).padEnd(digits, '0');
  const roundUp = (fraction[digits] ?? '0') >= '5' ? 1 : 0;
  return sign * (Number(whole + kept) + roundUp);
}

/** A vendor amount in its currency as Money: minor units, currency upper case. */
export function moneyOf(amount: number | string, currency: string): { minor: number; currency: string } {
  const code = currency.toUpperCase();
  return { minor: toMinorUnits(amount, minorDigits(code)), currency: code };
}
