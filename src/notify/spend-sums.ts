import type { Money } from '../providers/types.js';
import { formatMoney } from '../services/units.js';
import type { Store } from '../storage/store.js';

/** The audit commands that spend the reseller's money at a vendor. */
const spendCommands = new Set(['order buy', 'order renew', 'order bandwidth']);

/** Money spent at each vendor since `since`, per currency, from the audit log (what went through). */
export async function spentSince(store: Store, since: number): Promise<Map<string, Money[]>> {
  const spent = new Map<string, Money[]>();
  // Newest first; a day of a busy team's changes fits well within this many lines.
  for (const entry of await store.audit.recent({ limit: 5_000 })) {
    if (Date.parse(entry.at) < since) break;
    if (entry.result !== 'ok' || !spendCommands.has(entry.command) || !entry.provider) continue;
    const amount = entry.details?.amount;
    const currency = entry.details?.currency;
    if (typeof amount !== 'number' || typeof currency !== 'string') continue;
    const sums = spent.get(entry.provider) ?? [];
    const same = sums.find((m) => m.currency === currency);
    const minor = Math.round(amount * 100);
    if (same) same.minor += minor;
    else sums.push({ minor, currency });
    spent.set(entry.provider, sums);
  }
  return spent;
}

/** "3.60 USD + 12.00 EUR". */
export const shownSpend = (sums: readonly Money[]) => sums.map((m) => formatMoney(m.minor, m.currency)).join(' + ');
