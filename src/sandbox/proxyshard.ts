import { registerOrderRoutes } from './proxyshard/orders.js';
import { fail, gigabytes, intParam, ok } from './proxyshard/respond.js';
import {
  addSubUser,
  createState,
  GB,
  type ProxyShardState,
  type SimPool,
  type SimSubUser,
  simPassword,
  simPools,
} from './proxyshard/seed.js';
import { createSimServer, type SimRequest, type SimResponse, type SimServer } from './server.js';
import type { Simulator, SimulatorOptions } from './types.js';

/**
 * ProxyShard User API as its OpenAPI spec documents it: `Authorization: Bearer`, HTTP 200 with
 * `success:true` (none on /me), errors `{success:false, message}` with 400/401/403, money in cents,
 * sub-user traffic taken in whole GB and reported in bytes, and POSTs refused without Content-Length.
 */
export interface ProxyShardSimulator extends Simulator {
  readonly state: ProxyShardState;
}

function subUserJson(u: SimSubUser) {
  return {
    user_id: u.user_id,
    first_name: u.first_name,
    proxy_password: u.proxy_password,
    data: u.dataBytes,
    data_spent: u.spentBytes,
    data_remain: Math.max(0, u.dataBytes - u.spentBytes),
  };
}

export async function startProxyShardSimulator(options: SimulatorOptions = {}): Promise<ProxyShardSimulator> {
  const apiKey = options.apiKey ?? 'sandbox-proxyshard-key';
  const now = options.now ?? (() => new Date());
  const state = createState({ now: now(), seed: options.seed !== false, extraCustomers: options.extraCustomers ?? 0 });
  const server: SimServer = createSimServer({ notFound: () => fail(404, 'Not Found') });

  /** Auth, then actix's Content-Length rule, then the handler. */
  const api = (method: string, pattern: string, handler: (req: SimRequest) => SimResponse) => {
    server.route(method, pattern, (req) => {
      if (req.headers.authorization !== `Bearer ${apiKey}`) return fail(401, 'Unauthorized');
      if ((method === 'POST' || method === 'PATCH') && req.headers['content-length'] === undefined) {
        return {
          status: 400,
          text: 'invalid Header provided: no Content-Length specified',
          headers: { 'content-type': 'text/plain' },
        };
      }
      return handler(req);
    });
  };

  const poolOf = (req: SimRequest): SimPool | undefined => {
    const value = req.query.get('proxy_type');
    return simPools.includes(value as SimPool) ? (value as SimPool) : undefined;
  };
  /** Sub-users live in one pool; asking for one under the other pool does not find it. */
  const subUserIn = (req: SimRequest, pool: SimPool | undefined): SimSubUser | undefined => {
    const user = state.subUsers.get(req.params.user_id ?? '');
    return user && (pool === undefined || user.pool === pool) ? user : undefined;
  };
  const needJson = (req: SimRequest): SimResponse | undefined =>
    req.body && typeof req.body === 'object' ? undefined : fail(400, 'Json deserialize error: expected a JSON object');

  server.route('GET', '/health', () => ({ body: { status: 'ok' } }));

  api('GET', '/user/api/me', () => ({
    status: 200,
    body: {
      email: state.email,
      active_orders: state.orders.filter((o) => o.status === 'active').length,
      wallet_balance: state.walletCents,
    },
  }));

  api('GET', '/user/api/proxies/profile', (req) => {
    const pool = poolOf(req);
    if (!pool) return fail(400, 'Invalid proxy_type');
    const users = [...state.subUsers.values()].filter((u) => u.pool === pool);
    const spent = users.reduce((sum, u) => sum + u.spentBytes, 0);
    const remain = state.poolBytes[pool] + users.reduce((sum, u) => sum + Math.max(0, u.dataBytes - u.spentBytes), 0);
    return ok({ data: remain + spent, data_remain: remain, data_spent: spent, proxy_password: 'mainPass7Q' });
  });

  api('GET', '/user/api/proxies/sub-users', (req) => {
    const pool = poolOf(req);
    if (!pool) return fail(400, 'Invalid proxy_type');
    const offset = intParam(req.query.get('offset'), 0);
    const limit = intParam(req.query.get('limit'), 20);
    if (offset === undefined || limit === undefined || limit < 1 || limit > 100) {
      return fail(400, 'offset must be >= 0 and limit between 1 and 100');
    }
    const users = [...state.subUsers.values()].filter((u) => u.pool === pool);
    return ok({ count: users.length, data: users.slice(offset, offset + limit).map(subUserJson) });
  });

  api('GET', '/user/api/proxies/sub-user/:user_id', (req) => {
    const pool = poolOf(req);
    if (!pool) return fail(400, 'Invalid proxy_type');
    const user = subUserIn(req, pool);
    return user ? ok({ data: [subUserJson(user)] }) : fail(400, 'Sub-user not found');
  });

  api('POST', '/user/api/proxies/sub-user', (req) => {
    const pool = poolOf(req);
    if (!pool) return fail(400, 'Invalid proxy_type');
    const bad = needJson(req);
    if (bad) return bad;
    const name = (req.body as { name?: unknown }).name;
    if (typeof name !== 'string' || name.trim() === '') return fail(400, 'name is required');
    const data = gigabytes(req.body, 'data', true);
    if (data === undefined) return fail(400, 'data must be a non-negative integer (GB)');
    if (state.poolBytes[pool] < data * GB) return fail(400, 'Insufficient traffic balance');
    state.poolBytes[pool] -= data * GB;
    const user = addSubUser(state, name, pool, data * GB, 0);
    return ok({ message: 'Sub-user created', data: [subUserJson(user)] });
  });

  api('DELETE', '/user/api/proxies/sub-user/:user_id', (req) => {
    const user = subUserIn(req, undefined);
    if (!user) return fail(400, 'Sub-user not found');
    // Unspent traffic goes back to the reseller's pool.
    state.poolBytes[user.pool] += Math.max(0, user.dataBytes - user.spentBytes);
    state.subUsers.delete(user.user_id);
    return ok({ message: 'Sub-user deleted', data: {} });
  });

  /** The shared checks of data/add and data/subtract, in the vendor's order. */
  const dataChange = (
    req: SimRequest,
  ): { error: SimResponse } | { pool: SimPool; user: NonNullable<ReturnType<typeof subUserIn>>; data: number } => {
    const pool = poolOf(req);
    if (!pool) return { error: fail(400, 'Invalid proxy_type') };
    const user = subUserIn(req, pool);
    if (!user) return { error: fail(400, 'Sub-user not found') };
    const bad = needJson(req);
    if (bad) return { error: bad };
    const data = gigabytes(req.body, 'data', false);
    if (data === undefined) return { error: fail(400, 'data must be a positive integer (GB)') };
    return { pool, user, data };
  };

  api('POST', '/user/api/proxies/sub-user/:user_id/data/add', (req) => {
    const change = dataChange(req);
    if ('error' in change) return change.error;
    const { pool, user, data } = change;
    if (state.poolBytes[pool] < data * GB) return fail(400, 'Insufficient traffic balance');
    state.poolBytes[pool] -= data * GB;
    user.dataBytes += data * GB;
    return ok({ message: 'Traffic added', data: subUserJson(user) });
  });

  api('POST', '/user/api/proxies/sub-user/:user_id/data/subtract', (req) => {
    const change = dataChange(req);
    if ('error' in change) return change.error;
    const { pool, user, data } = change;
    if (user.dataBytes - user.spentBytes < data * GB) {
      return fail(400, "Cannot subtract more than the sub-user's remaining traffic");
    }
    user.dataBytes -= data * GB;
    state.poolBytes[pool] += data * GB;
    return ok({ message: 'Traffic subtracted', data: subUserJson(user) });
  });

  api('POST', '/user/api/proxies/sub-user/:user_id/password', (req) => {
    const pool = poolOf(req);
    if (!pool) return fail(400, 'Invalid proxy_type');
    const user = subUserIn(req, pool);
    if (!user) return fail(400, 'Sub-user not found');
    user.proxy_password = simPassword(state);
    return ok({ message: 'Password changed', data: { user_id: user.user_id, proxy_password: user.proxy_password } });
  });

  registerOrderRoutes(api, state);

  await server.listen();
  return {
    server,
    state,
    apiKey,
    // The vendor base has no path: https://user-api.proxyshard.com
    baseUrl: server.url,
    close: () => server.close(),
  };
}
