import { type Api, bodyField, fail, invalid, ok, passwordErrors, usernameErrors, withAccount } from './api.js';
import { accountJson, byUsername, stamp, type VpnResellersState } from './state.js';

/** By account id, and by username in the body. */
export function passwordsRoutes(api: Api, state: VpnResellersState, now: () => number): void {
  api.route(
    'PUT',
    '/accounts/:account/change_password',
    withAccount(state)((account, req) => {
      const password = bodyField(req, 'password');
      const errors = passwordErrors(password);
      if (errors) return invalid({ password: errors }, 'The given data was invalid.');
      account.password = password as string;
      account.updated = stamp(now());
      return ok(accountJson(account));
    }),
  );

  api.route('PUT', '/un/accounts/change_password', (req) => {
    const username = bodyField(req, 'username');
    const password = bodyField(req, 'password');
    const errors: Record<string, string[]> = {};
    const u = usernameErrors(username);
    if (u) errors.username = u;
    const pw = passwordErrors(password);
    if (pw) errors.password = pw;
    if (Object.keys(errors).length > 0) return invalid(errors, 'The given data was invalid.');
    const account = byUsername(state, username as string);
    if (!account) return fail(404);
    account.password = password as string;
    account.updated = stamp(now());
    return ok(accountJson(account));
  });
}
