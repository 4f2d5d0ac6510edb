import { consume, formatTime, type ProxyLiteState, type SimAccount, seedState, summarise } from './proxylite/state.js';
import { createSimServer, type SimRequest, type SimResponse, type SimServer } from './server.js';
import type { Simulator, SimulatorOptions } from './types.js';

/**
 * ProxyLite OpenAPI as documented: every answer is HTTP 200 with the verdict in `code` (200 here, as on
 * all whitelist/usage/user-product endpoints) and the text in `msg`; `app_key` is accepted in the query
 * or the POST body; a wrong key is `code` 3. The doc gives no codes for a duplicate or unknown account:
 * those answer `code` 400 with a `msg`, and malformed parameters answer the documented ErrorResponse.
 */

export interface ProxyLiteSimulator extends Simulator {
  readonly state: ProxyLiteState;
  /** Spends traffic through an account, drawing on the reseller's packages. */
  consume(username: string, kb: number): void;
}

const ok = (data: unknown = null): SimResponse => ({ body: { code: 200, msg: 'success', data } });
const fail = (code: number, msg: string): SimResponse => ({ body: { code, msg, data: null } });
const parameterError = (errors: Record<string, string[]>): SimResponse => ({
  body: { code: 400, message: 'Parameter error', errors },
});

const alnum = /^[A-Za-z0-9]+$/;
const whitelistTypes = new Set([9, 11, 14, 25]);
const vendorTime = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

function field(req: SimRequest, name: string): unknown {
  const body = req.body && typeof req.body === 'object' ? (req.body as Record<string, unknown>) : {};
  return body[name] ?? req.query.get(name) ?? undefined;
}

function names(value: unknown): string[] {
  return typeof value === 'string' ? value.split(',').map((s) => s.trim()) : [];
}

export async function startProxyLiteSimulator(options: SimulatorOptions = {}): Promise<ProxyLiteSimulator> {
  const apiKey = options.apiKey ?? 'sandbox-proxylite-key';
  const now = options.now ?? (() => new Date());
  const state = seedState(now(), options.seed !== false, options.extraCustomers ?? 0);
  const server: SimServer = createSimServer({
    notFound: () => ({ status: 404, body: { code: 404, msg: 'Not Found' } }),
  });

  /** `mentions156`: the endpoints whose doc lists code 156 refuse while the account is unverified. */
  const endpoint = (
    method: 'GET' | 'POST',
    path: string,
    mentions156: boolean,
    handler: (req: SimRequest) => SimResponse,
  ) => {
    server.route(method, path, (req) => {
      if (field(req, 'app_key') !== apiKey) return fail(3, 'app_key invalid');
      if (mentions156 && !state.realNameVerified) return fail(156, 'Account not authenticated');
      return handler(req);
    });
  };
  const find = (username: unknown): SimAccount | undefined => state.accounts.find((a) => a.username === username);

  endpoint('GET', '/end-point/whitelist-account/list', false, () =>
    ok({ list: state.accounts.map((a) => ({ ...a })) }),
  );

  endpoint('POST', '/end-point/whitelist-account/add', true, (req) => {
    const pairs = names(field(req, 'accounts')).map((pair) => pair.split(':'));
    const productType = Number(field(req, 'product_type') ?? 9);
    const remark = String(field(req, 'remark') ?? '');
    if (pairs.length === 0 || pairs.some((p) => p.length !== 2 || !alnum.test(p[0] ?? '') || !alnum.test(p[1] ?? ''))) {
      return parameterError({ accounts: ['Account and password only support numbers and letters.'] });
    }
    if (!whitelistTypes.has(productType))
      return parameterError({ product_type: ['The selected product type is invalid.'] });
    if (remark.length > 64) return parameterError({ remark: ['The remark may not be greater than 64 characters.'] });
    const taken = pairs.find(([u]) => find(u));
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
    endpoint('POST', path, true, (req) => {
      const list = names(field(req, 'accounts'));
      if (list.length === 0 || list.some((u) => !alnum.test(u))) {
        return parameterError({ accounts: ['Proxy account, only letters and numbers are supported.'] });
      }
      const missing = list.find((u) => !find(u));
      if (missing) return fail(400, `Proxy account does not exist: ${missing}`);
      for (const u of list) apply(find(u) as SimAccount);
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

  const single = (
    path: string,
    name: string,
    check: (value: unknown) => string | undefined,
    apply: (a: SimAccount, value: unknown) => void,
  ) =>
    endpoint('POST', path, true, (req) => {
      const account = field(req, 'account');
      const value = field(req, name);
      if (typeof account !== 'string' || !alnum.test(account)) {
        return parameterError({ account: ['Proxy account, only letters and numbers are supported.'] });
      }
      const problem = check(value);
      if (problem) return parameterError({ [name]: [problem] });
      const found = find(account);
      if (!found) return fail(400, `Proxy account does not exist: ${account}`);
      apply(found, value);
      return ok();
    });
  single(
    '/end-point/whitelist-account/change-password',
    'password',
    (v) => (typeof v === 'string' && alnum.test(v) ? undefined : 'The password only supports numbers and letters.'),
    (a, v) => {
      a.password = v as string;
    },
  );
  single(
    '/end-point/whitelist-account/change-remark',
    'remark',
    (v) =>
      typeof v === 'string' && v.length <= 64 ? undefined : 'Within 32 Chinese characters or 64 English characters.',
    (a, v) => {
      a.remark = v as string;
    },
  );
  single(
    '/end-point/whitelist-account/change-limit',
    'limit',
    (v) =>
      Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 102_400
        ? undefined
        : 'Traffic limit, unit: GB, 0 to 102400.',
    (a, v) => {
      a.limit_flow = v as number;
    },
  );

  endpoint('GET', '/end-point/user-usage-flow/total', true, (req) => {
    const start = req.query.get('start_time') ?? formatTime(new Date(now().getTime() - 7 * 86_400_000));
    const end = req.query.get('end_time') ?? formatTime(now());
    if (!vendorTime.test(start) || !vendorTime.test(end)) {
      return parameterError({ start_time: ['The time format must be Y-m-d H:i:s.'] });
    }
    const username = req.query.get('username');
    const productType = req.query.get('product_type');
    const byDay = new Map<string, number>();
    for (const r of state.usage) {
      if (r.day < start.slice(0, 10) || r.day > end.slice(0, 10)) continue;
      if (username && r.username !== username) continue;
      if (productType && r.product_type !== Number(productType)) continue;
      byDay.set(r.day, (byDay.get(r.day) ?? 0) + r.flow);
    }
    const list = [...byDay].sort(([a], [b]) => (a < b ? -1 : 1)).map(([day, flow]) => ({ day, flow }));
    return ok({ list });
  });

  endpoint('GET', '/end-point/user-product/summary', true, (req) => {
    const type = Number(req.query.get('product_type') ?? 9);
    if (type !== 9 && type !== 12) return parameterError({ product_type: ['Only 9 and 12 are supported.'] });
    return ok(summarise(state, type, now()));
  });

  endpoint('GET', '/end-point/user-product/list', true, (req) => {
    const page = Math.max(1, Number(req.query.get('page') ?? 1) || 1);
    const size = Math.max(1, Number(req.query.get('size') ?? 20) || 20);
    const type = req.query.get('product_type');
    const tradeNo = req.query.get('trade_no');
    const matching = state.packages.filter(
      (p) => (!type || p.product_type === Number(type)) && (!tradeNo || p.trade_no === tradeNo),
    );
    const list = matching.slice((page - 1) * size, page * size).map((p) => ({
      id: p.id,
      created_at: p.created_at,
      expired_at: p.expired_at,
      product_type: p.product_type,
      trade_no: p.trade_no,
      order: {
        created_at: p.created_at,
        pay_at: p.created_at,
        title: p.product_type === 9 ? 'Dynamic residential traffic' : 'Long-term IDC traffic',
      },
    }));
    return ok({
      list,
      page,
      page_size: size,
      total_count: matching.length,
      total_page: Math.ceil(matching.length / size),
    });
  });

  await server.listen();
  return {
    server,
    state,
    apiKey,
    get baseUrl() {
      return server.url;
    },
    consume: (username, kb) => consume(state, username, kb, now()),
    close: () => server.close(),
  };
}
