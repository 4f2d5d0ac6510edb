/**
 * Dates as the reseller's team reads them: calendar days in their time zone (the TIMEZONE setting),
 * so an account made today for 30 days "expires in 30 days", not 29 after a few seconds have passed.
 */
const formats = new Map<string, Intl.DateTimeFormat>();

function dayFormat(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formats.set(timeZone, format);
  }
  return format;
}

/** Whether `timeZone` is an IANA zone this Node knows (`Europe/Madrid`, `UTC`). */
export function isTimeZone(timeZone: string): boolean {
  try {
    dayFormat(timeZone);
    return true;
  } catch {
    return false;
  }
}

/**
 * The machine's own zone (it follows TZ), the default of TIMEZONE. Its callers ask for it when a date
 * is first counted, not at start-up: the first Intl date format loads ICU's time zone data, some
 * 20-40 ms that a command showing no date (a terminal `/help`) does without.
 */
export function hostTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/**
 * A date with no time of day: `2025-12-30`, or midnight UTC exactly, which is how a vendor that keeps
 * only dates reports them (VPNresellers). It is that date in every time zone, not an instant.
 */
const dateOnly = /^(\d{4}-\d{2}-\d{2})(?:T00:00(?::00(?:\.0+)?)?(?:Z|[+-]00:?00))?$/;

/** `YYYY-MM-DD` of an instant in `timeZone`; a date without a time is that date everywhere. */
export function calendarDate(at: Date | string | number, timeZone: string): string {
  const date = typeof at === 'string' ? dateOnly.exec(at)?.[1] : undefined;
  if (date) return date;
  const parts = Object.fromEntries(
    dayFormat(timeZone)
      .formatToParts(new Date(at))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** Calendar days from `now` to `at` in `timeZone`: 0 today, 1 tomorrow, -5 five days ago. */
export function calendarDaysUntil(at: Date | string | number, now: Date, timeZone: string): number {
  return Math.round((Date.parse(calendarDate(at, timeZone)) - Date.parse(calendarDate(now, timeZone))) / 86_400_000);
}

/** `today`, `in 1 day`, `in 30 days`, `expired 5 days ago`; `expired today` once the moment has passed. */
export function relativeDays(at: string, now: Date, timeZone: string): string {
  const days = calendarDaysUntil(at, now, timeZone);
  if (days === 0) return !dateOnly.test(at) && Date.parse(at) <= now.getTime() ? 'expired today' : 'today';
  const count = `${Math.abs(days)} day${Math.abs(days) === 1 ? '' : 's'}`;
  return days > 0 ? `in ${count}` : `expired ${count} ago`;
}

/** An expiry for a reply: `2025-12-30, in 30 days`. */
export function describeExpiry(at: string, now: Date, timeZone: string): string {
  if (Number.isNaN(Date.parse(at))) return at;
  return `${calendarDate(at, timeZone)}, ${relativeDays(at, now, timeZone)}`;
}
