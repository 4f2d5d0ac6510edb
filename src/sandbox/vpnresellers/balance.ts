import { type Api, bodyField, bodyHas, invalid, ok, withAccount } from './api.js';
import { accountJson, stamp, type VpnResellersState, ymd } from './state.js';

export function isCalendarDate(value: string): boolean {
  const at = Date.parse(`${value}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(at) && ymd(at) === value;
}

/** An account's "balance" is its expiry date; null means it renews automatically. */
export function balanceRoutes(api: Api, state: VpnResellersState, now: () => number): void {
  api.route(
    'PUT',
    '/accounts/:account/expire',
    withAccount(state)((account, req) => {
      // The request names it `expire_at`; the account reports `expired_at`. Null means auto-renewal.
      const value = bodyHas(req, 'expire_at') ? bodyField(req, 'expire_at') : null;
      if (value !== null && (typeof value !== 'string' || !isCalendarDate(value))) {
        return invalid(
          { expire_at: ['The expire at does not match the format Y-m-d.'] },
          'The given data was invalid.',
        );
      }
      account.expiresOn = value;
      account.updated = stamp(now());
      return ok(accountJson(account));
    }),
  );
}
