import type { SimRequest, SimResponse, SimServer } from '../server.js';
import { bodyField, bodyHas, fail, invalid, ok, passwordErrors, usernameErrors } from './replies.js';
import { accountJson, newAccount, type SimAccount, stamp, type VpnResellersState, ymd } from './state.js';

type Guard = (req: SimRequest) => SimResponse | undefined;

const DAY_MS = 86_400_000;

/** Usernames are unique regardless of case, as a case-insensitive MySQL collation would make them. */
export function byUsername(state: VpnResellersState, username: string): SimAccount | undefined {
  const wanted = username.toLowerCase();
  for (const account of state.accounts.values()) if (account.username.toLowerCase() === wanted) return account;
  return undefined;
}

/** `{account}` is the numeric id; anything else is simply not found, as route-model binding does. */
function byId(state: VpnResellersState, raw: string | undefined): SimAccount | undefined {
  return raw && /^\d+$/.test(raw) ? state.accounts.get(Number(raw)) : undefined;
}

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

export function accountRoutes(
  server: SimServer,
  state: VpnResellersState,
  guard: Guard,
  base: string,
  now: () => number,
) {
  const p = (path: string) => `/v4_1${path}`;
  const touch = (account: SimAccount) => {
    account.updated = stamp(now());
  };
  const withAccount = (fn: (account: SimAccount, req: SimRequest) => SimResponse) => (req: SimRequest) => {
    const denied = guard(req);
    if (denied) return denied;
    const account = byId(state, req.params.account);
    return account ? fn(account, req) : fail(404);
  };

  // Registered before `/accounts/:account`, which would otherwise swallow it.
  server.route('GET', p('/accounts/check_username'), (req) => {
    const denied = guard(req);
    if (denied) return denied;
    const username = req.query.get('username') ?? '';
    const errors = usernameErrors(username);
    if (errors) return invalid({ username: errors });
    if (byUsername(state, username)) return invalid({ username: ['The username has already been taken.'] });
    return { body: { message: 'The username checking was successfully.', code: 200 } };
  });

  server.route('GET', p('/accounts'), (req) => {
    const denied = guard(req);
    if (denied) return denied;
    const status = req.query.get('status');
    if (status !== null && status !== 'Active' && status !== 'Disabled') {
      return invalid({ status: ['The selected status is invalid.'] });
    }
    const items = [...state.accounts.values()].filter((a) => status === null || a.status === status);
    return paginate(req, base, items);
  });

  server.route('POST', p('/accounts'), (req) => {
    const denied = guard(req);
    if (denied) return denied;
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

  server.route(
    'GET',
    p('/accounts/:account'),
    withAccount((account) => ok(accountJson(account))),
  );

  server.route(
    'DELETE',
    p('/accounts/:account'),
    withAccount((account) => {
      state.accounts.delete(account.id);
      return { body: { code: 200 } };
    }),
  );

  for (const action of ['enable', 'disable'] as const) {
    server.route(
      'PUT',
      p(`/accounts/:account/${action}`),
      withAccount((account) => {
        account.status = action === 'enable' ? 'Active' : 'Disabled';
        touch(account);
        return ok(accountJson(account));
      }),
    );
  }

  server.route(
    'PUT',
    p('/accounts/:account/change_password'),
    withAccount((account, req) => {
      const password = bodyField(req, 'password');
      const errors = passwordErrors(password);
      if (errors) return invalid({ password: errors }, 'The given data was invalid.');
      account.password = password as string;
      touch(account);
      return ok(accountJson(account));
    }),
  );

  server.route(
    'PUT',
    p('/accounts/:account/expire'),
    withAccount((account, req) => {
      // The request names it `expire_at`; the account reports `expired_at`. Null means auto-renewal.
      const value = bodyHas(req, 'expire_at') ? bodyField(req, 'expire_at') : null;
      if (value !== null && (typeof value !== 'string' || !isCalendarDate(value))) {
        return invalid(
          { expire_at: ['The expire at does not match the format Y-m-d.'] },
          'The given data was invalid.',
        );
      }
      account.expiresOn = value;
      touch(account);
      return ok(accountJson(account));
    }),
  );

  server.route('POST', p('/accounts/:account/validate'), (req) => {
    const denied = guard(req);
    if (denied) return denied;
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
}

export function isCalendarDate(value: string): boolean {
  const at = Date.parse(`${value}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(at) && ymd(at) === value;
}
