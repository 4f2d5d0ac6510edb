import type { SimRequest, SimResponse } from '../server.js';
import { type Api, bodyField, fail, invalid, ok, passwordErrors, usernameErrors, withAccount } from './api.js';
import {
  accountJson,
  byUsername,
  DAY_MS,
  newAccount,
  type SimAccount,
  stamp,
  type VpnResellersState,
  ymd,
} from './state.js';

/** Laravel's paginator: `data`, `links`, `meta`. */
function paginate(req: SimRequest, base: string, items: SimAccount[]): SimResponse {
  const perPageRaw = req.query.get('per_page');
  const pageRaw = req.query.get('page');
  const errors: Record<string, string[]> = {};
  if (perPageRaw !== null && !/^[1-9]\d*$/.test(perPageRaw)) errors.per_page = ['The per page must be an integer.'];
  if (pageRaw !== null && !/^[1-9]\d*$/.test(pageRaw)) errors.page = ['The page must be an integer.'];
  if (Object.keys(errors).length > 0) return invalid(errors);
  const perPage = Number(perPageRaw ?? 15);
  const page = Number(pageRaw ?? 1);
  const lastPage = Math.max(1, Math.ceil(items.length / perPage));
  const slice = items.slice((page - 1) * perPage, page * perPage);
  const path = `${base}/accounts`;
  const url = (n: number) => `${path}?page=${n}`;
  const numbered = Array.from({ length: lastPage }, (_, i) => ({
    url: url(i + 1),
    label: String(i + 1),
    active: i + 1 === page,
  }));
  return {
    body: {
      data: slice.map(accountJson),
      links: {
        first: url(1),
        last: url(lastPage),
        prev: page > 1 ? url(page - 1) : null,
        next: page < lastPage ? url(page + 1) : null,
      },
      meta: {
        current_page: page,
        from: slice.length ? (page - 1) * perPage + 1 : null,
        last_page: lastPage,
        links: [
          { url: page > 1 ? url(page - 1) : null, label: '« Previous', active: false },
          ...numbered,
          { url: page < lastPage ? url(page + 1) : null, label: 'Next »', active: false },
        ],
        path,
        per_page: perPage,
        to: slice.length ? (page - 1) * perPage + slice.length : null,
        total: items.length,
      },
      code: 200,
    },
  };
}

/** Accounts by id and by username: lookups, create (charged to the reseller), delete, enable/disable. */
export function customersRoutes(api: Api, state: VpnResellersState, now: () => number): void {
  const touch = (account: SimAccount) => {
    account.updated = stamp(now());
  };
  const byId = withAccount(state);

  // Registered before `/accounts/:account`, which would otherwise swallow it.
  api.route('GET', '/accounts/check_username', (req) => {
    const username = req.query.get('username') ?? '';
    const errors = usernameErrors(username);
    if (errors) return invalid({ username: errors });
    if (byUsername(state, username)) return invalid({ username: ['The username has already been taken.'] });
    return { body: { message: 'The username checking was successfully.', code: 200 } };
  });

  api.route('GET', '/accounts', (req) => {
    const status = req.query.get('status');
    if (status !== null && status !== 'Active' && status !== 'Disabled') {
      return invalid({ status: ['The selected status is invalid.'] });
    }
    const items = [...state.accounts.values()].filter((a) => status === null || a.status === status);
    return paginate(req, api.baseUrl, items);
  });

  api.route('POST', '/accounts', (req) => {
    const username = bodyField(req, 'username');
    const password = bodyField(req, 'password');
    const errors: Record<string, string[]> = {};
    const u = usernameErrors(username);
    if (u) errors.username = u;
    else if (byUsername(state, username as string)) errors.username = ['The username has already been taken.'];
    const pw = passwordErrors(password);
    if (pw) errors.password = pw;
    if (Object.keys(errors).length > 0) return invalid(errors, 'The given data was invalid.');
    if (state.balanceCents < state.accountPriceCents) return fail(402);
    state.balanceCents -= state.accountPriceCents;
    const today = Math.floor(now() / DAY_MS) * DAY_MS;
    const account = newAccount(state, {
      username: username as string,
      password: password as string,
      expiresOn: ymd(today + state.newAccountDays * DAY_MS),
      createdMs: now(),
    });
    return ok(accountJson(account), 201);
  });

  api.route(
    'GET',
    '/accounts/:account',
    byId((account) => ok(accountJson(account))),
  );

  api.route(
    'DELETE',
    '/accounts/:account',
    byId((account) => {
      state.accounts.delete(account.id);
      return { body: { code: 200 } };
    }),
  );

  for (const action of ['enable', 'disable'] as const) {
    const status = action === 'enable' ? 'Active' : 'Disabled';
    api.route(
      'PUT',
      `/accounts/:account/${action}`,
      byId((account) => {
        account.status = status;
        touch(account);
        return ok(accountJson(account));
      }),
    );
    // The by-username variant takes the name in the body.
    api.route('PUT', `/un/accounts/${action}`, (req) => {
      const username = bodyField(req, 'username');
      const errors = usernameErrors(username);
      if (errors) return invalid({ username: errors }, 'The given data was invalid.');
      const account = byUsername(state, username as string);
      if (!account) return fail(404);
      account.status = status;
      touch(account);
      return ok(accountJson(account));
    });
  }

  api.route('POST', '/accounts/:account/validate', (req) => {
    const username = bodyField(req, 'username');
    const password = bodyField(req, 'password');
    const errors: Record<string, string[]> = {};
    if (usernameErrors(username)) errors.username = ['The username field is required.'];
    if (typeof password !== 'string' || password === '') errors.password = ['The password field is required.'];
    if (Object.keys(errors).length > 0) return invalid(errors, 'The given data was invalid.');
    const account = byUsername(state, username as string);
    if (!account) return fail(460);
    if (account.password !== password) return fail(461);
    return { body: { id: account.id, success: true, message: 'Username has been successfully validated.', code: 200 } };
  });

  // The one endpoint with HTTP Basic auth: the VPN account's own username and password.
  api.open('GET', '/un/accounts/show', (req) => {
    const header = String(req.headers.authorization ?? '');
    const match = /^Basic\s+(.+)$/i.exec(header);
    const decoded = match ? Buffer.from(match[1] as string, 'base64').toString('utf8') : '';
    const colon = decoded.indexOf(':');
    const account = colon > 0 ? byUsername(state, decoded.slice(0, colon)) : undefined;
    if (!account || account.password !== decoded.slice(colon + 1)) return fail(401);
    const asked = req.query.get('username');
    if (!asked || asked.toLowerCase() !== account.username.toLowerCase()) return fail(404);
    return ok(accountJson(account));
  });
}
