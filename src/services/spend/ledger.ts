import * as z from 'zod';
import { moneyOf } from '../../providers/money.js';
import type { Money } from '../../providers/types.js';
import type { JournalEntry, Store } from '../../storage/store.js';
import { calendarDate } from '../calendar.js';

// The schemas below are built when first used (z.lazy): a command that reads none of these records
// (a terminal `/help`) does not build them at start-up.

/**
 * What the team spent, read from the operation journal: every paid change records the vendor's
 * price in its params (`spendParams`) before the call, and what the vendor says it charged in its
 * result (`charged`). A change counts from the moment it is sent: one still running, or whose
 * outcome is unknown, may have spent the money, so it counts until it is settled as not applied.
 */
const moneySchema = z.lazy(() => z.object({ minor: z.number().int(), currency: z.string() }));
/** How replies and records show money: a decimal amount and its currency as the unit. */
const shownMoneySchema = z.lazy(() =>
  z
    .object({ amount: z.number(), unit: z.string().regex(/^[A-Z]{3}$/) })
    .transform(({ amount, unit }): Money => moneyOf(amount, unit)),
);
const chargedSchema = z.lazy(() => z.union([moneySchema, shownMoneySchema]));

/** The part of a paid change's journal params the spend is read from. */
export function spendParams(price: Money): { spend: Money } {
  return { spend: { minor: price.minor, currency: price.currency } };
}

/** What one journal entry spent; undefined when it spent nothing (or is not a paid change). */
export function spentBy(entry: JournalEntry): Money | undefined {
  const asked = moneySchema.safeParse(entry.params.spend);
  if (!asked.success) return undefined;
  if (entry.status === 'failed') return undefined;
  if (entry.status === 'outcome_unknown' && entry.resolution?.outcome === 'not_applied') return undefined;
  const charged = chargedSchema.safeParse(entry.result?.charged);
  if (entry.status === 'succeeded' && charged.success && charged.data.currency === asked.data.currency) {
    return charged.data;
  }
  return asked.data;
}

export interface DaySpend {
  /** `YYYY-MM-DD` in the reseller's time zone. */
  date: string;
  provider: string;
  currency: string;
  minor: number;
  /** Paid changes counted. */
  changes: number;
}

/** Long enough to cover a calendar day in any time zone (UTC−12 … UTC+14), short of the journal's retention. */
const lookBackMs = 50 * 60 * 60 * 1000;

/** What each provider (or the one named) spent today in `timeZone`, per currency. */
export async function spentToday(store: Store, now: Date, timeZone: string, provider?: string): Promise<DaySpend[]> {
  const today = calendarDate(now, timeZone);
  const entries = await store.journal.startedSince(new Date(now.getTime() - lookBackMs).toISOString(), provider);
  const totals = new Map<string, DaySpend>();
  for (const entry of entries) {
    if (calendarDate(new Date(entry.at), timeZone) !== today) continue;
    const spent = spentBy(entry);
    if (!spent) continue;
    const key = `${entry.provider} ${spent.currency}`;
    const total = totals.get(key) ?? {
      date: today,
      provider: entry.provider,
      currency: spent.currency,
      minor: 0,
      changes: 0,
    };
    total.minor += spent.minor;
    total.changes += 1;
    totals.set(key, total);
  }
  return [...totals.values()].sort((a, b) =>
    a.provider === b.provider ? a.currency.localeCompare(b.currency) : a.provider.localeCompare(b.provider),
  );
}
