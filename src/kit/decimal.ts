/**
 * `n.toLocaleString('en-US', { maximumFractionDigits })`, the one number format of replies and
 * alerts, with its formatter made once per precision: `toLocaleString` with options builds a new
 * `Intl.NumberFormat` on every call (~50–80 µs), and one alert sweep or a burst of commands formats
 * tens of thousands of numbers on the event loop that answers requests.
 */
const formats = new Map<number, Intl.NumberFormat>();

export function decimal(n: number, maximumFractionDigits = 3): string {
  let format = formats.get(maximumFractionDigits);
  if (!format) {
    format = new Intl.NumberFormat('en-US', { maximumFractionDigits });
    formats.set(maximumFractionDigits, format);
  }
  return format.format(n);
}
