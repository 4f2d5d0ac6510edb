import { accountProductTypes, lettersAndDigits } from '../../providers/proxylite/rules.js';
import { type Api, fail, field, findAccount, ok, parameterError, singleAccountRoute } from './api.js';
import { formatTime, type ProxyLiteState, type SimAccount } from './state.js';

function names(value: unknown): string[] {
  return typeof value === 'string' ? value.split(',').map((s) => s.trim()) : [];
}

/** Proxy (whitelist) accounts: the list, batch add/enable/disable/delete, and the remark. */
export function customersRoutes(api: Api, state: ProxyLiteState, now: () => Date): void {
  api('GET', '/end-point/whitelist-account/list', false, () => ok({ list: state.accounts.map((a) => ({ ...a })) }));

  api('POST', '/end-point/whitelist-account/add', true, (req) => {
    const pairs = names(field(req, 'accounts')).map((pair) => pair.split(':'));
    const productType = Number(field(req, 'product_type') ?? 9);
    const remark = String(field(req, 'remark') ?? '');
    const valid = (p: string[]) =>
      p.length === 2 && lettersAndDigits.test(p[0] ?? '') && lettersAndDigits.test(p[1] ?? '');
    if (pairs.length === 0 || !pairs.every(valid)) {
      return parameterError({ accounts: ['Account and password only support numbers and letters.'] });
    }
    if (!(accountProductTypes as readonly number[]).includes(productType))
      return parameterError({ product_type: ['The selected product type is invalid.'] });
    if (remark.length > 64) return parameterError({ remark: ['The remark may not be greater than 64 characters.'] });
    const taken = pairs.find(([u]) => findAccount(state, u));
    if (taken) return fail(400, `Proxy account already exists: ${taken[0]}`);
    for (const [username, password] of pairs) {
      state.accounts.push({
        id: state.nextAccountId++,
        username: username as string,
        password: password as string,
        created_at: formatTime(now()),
        remark,
        product_type: productType,
        usage_flow: 0,
        limit_flow: 0,
        status: 1,
      });
    }
    return ok();
  });

  const batch = (path: string, apply: (account: SimAccount) => void) =>
    api('POST', path, true, (req) => {
      const list = names(field(req, 'accounts'));
      if (list.length === 0 || list.some((u) => !lettersAndDigits.test(u))) {
        return parameterError({ accounts: ['Proxy account, only letters and numbers are supported.'] });
      }
      const missing = list.find((u) => !findAccount(state, u));
      if (missing) return fail(400, `Proxy account does not exist: ${missing}`);
      for (const u of list) apply(findAccount(state, u) as SimAccount);
      return ok();
    });
  batch('/end-point/whitelist-account/enable', (a) => {
    a.status = 1;
  });
  batch('/end-point/whitelist-account/disable', (a) => {
    a.status = 0;
  });
  batch('/end-point/whitelist-account/delete', (a) => {
    state.accounts.splice(state.accounts.indexOf(a), 1);
  });

  singleAccountRoute(
    api,
    state,
    '/end-point/whitelist-account/change-remark',
    'remark',
    (v) =>
      typeof v === 'string' && v.length <= 64 ? undefined : 'Within 32 Chinese characters or 64 English characters.',
    (a, v) => {
      a.remark = v as string;
    },
  );
}
