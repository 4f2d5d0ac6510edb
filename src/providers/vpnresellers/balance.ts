import { ProviderError, UserInputError } from '../../errors.js';
import { type BalanceDirection, balanceFromOneRead } from '../balance-from-one-read.js';
import type { CapabilitySpec } from '../define-implementation.js';
import { urlPath } from '../http.js';
import type { BalanceCapability } from '../types.js';
import { checkUsername } from '../username.js';
import { jsonHeaders, PROVIDER } from './client.js';
import type { Context } from './context.js';
import { type Account, accountEnvelope, toCustomer } from './schema.js';

/**
 * `balance add|remove N` moves an account's expiry by whole days. The vendor
 * takes a calendar date (`expire_at: 'Y-m-d'`) and reports midnight UTC of that date, so all the
 * arithmetic here is on UTC calendar days.
 */

const DAY_MS = 86_400_000;
/** Ten years: anything longer is a typo, not a top-up. */
export const MAX_DAYS = 3650;

export function checkDays(amount: number): number {
  if (!Number.isInteger(amount) || amount <= 0) {
    throw new UserInputError(`VPNresellers time is added in whole days: ${amount} is not a positive whole number.`, {
      hint: 'Use e.g. 30 (days).',
    });
  }
  if (amount > MAX_DAYS) {
    throw new UserInputError(`${amount} days is more than ${MAX_DAYS} (ten years) at once.`, {
      hint: `Use at most ${MAX_DAYS} days.`,
    });
  }
  return amount;
}

/** Days since the epoch of the UTC calendar date an instant falls on. */
function dayNumber(instant: number): number {
  return Math.floor(instant / DAY_MS);
}

function ymd(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function autoRenewal(username: string): ProviderError {
  return new ProviderError(
    PROVIDER,
    'conflict',
    `The VPNresellers account ${username} has no expiry date: it renews automatically every period, so there are no days to add or remove.`,
    { hint: 'Auto-renewal is charged to the reseller balance; disable or delete the account to stop it.' },
  );
}

/** The new `expire_at` for adding days: counted from the later of today and the current expiry. */
export function extendedExpiry(username: string, expiresAt: string | null, days: number, now: number): string {
  if (expiresAt === null) throw autoRenewal(username);
  const from = Math.max(dayNumber(now), dayNumber(Date.parse(expiresAt)));
  return ymd(from + days);
}

/** The new `expire_at` for removing days; never earlier than today, which would cut off time already sold. */
export function shortenedExpiry(username: string, expiresAt: string | null, days: number, now: number): string {
  if (expiresAt === null) throw autoRenewal(username);
  const today = dayNumber(now);
  const current = dayNumber(Date.parse(expiresAt));
  const removable = Math.max(0, current - today);
  if (current - days < today) {
    throw new UserInputError(
      removable === 0
        ? `${username} expires ${ymd(current)}, not after today: there are no days left to remove.`
        : `${username} expires ${ymd(current)}: at most ${removable} day(s) can be removed without moving it before today.`,
      removable === 0 ? undefined : { hint: `Remove at most ${removable} day(s).` },
    );
  }
  return ymd(current - days);
}

export const balance: CapabilitySpec<Context, BalanceCapability> = {
  build({ client, directory, now }) {
    /** Writes the new expiry, worked out from `account` as it was just read. */
    const move = async (account: Account, days: number, direction: BalanceDirection) => {
      checkDays(days);
      const expireAt =
        direction === 'add'
          ? extendedExpiry(account.username, account.expired_at, days, now())
          : shortenedExpiry(account.username, account.expired_at, days, now());
      const { data } = await client.call({
        // The request field is `expire_at`; the account reports it back as `expired_at`.
        request: {
          method: 'PUT',
          path: urlPath`/accounts/${account.id}/expire`,
          body: { expire_at: expireAt },
          headers: jsonHeaders,
        },
        schema: accountEnvelope,
        what: 'account after expire',
        subject: `named ${account.username}`,
      });
      return toCustomer(data);
    };
    return balanceFromOneRead({
      checkUsername: (username) => checkUsername(username, 'VPNresellers'),
      checkAmount: (days) => checkDays(days),
      find: (username) => directory.find(username),
      toCustomer,
      change: move,
    });
  },
};
