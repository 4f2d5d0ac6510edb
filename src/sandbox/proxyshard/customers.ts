import { GB } from '../../providers/units.js';
import { type Api, fail, gigabytes, needJson, ok, pageParams, poolOf, subUserIn } from './api.js';
import { addSubUser, type ProxyShardState, remainingBytes, subUserJson } from './state.js';

/** Sub-users per pool: list, read, create (taking traffic from the pool) and delete (giving it back). */
export function customersRoutes(api: Api, state: ProxyShardState): void {
  api('GET', '/user/api/proxies/sub-users', (req) => {
    const pool = poolOf(req);
    if (!pool) return fail(400, 'Invalid proxy_type');
    const paging = pageParams(req);
    if ('error' in paging) return paging.error;
    const users = [...state.subUsers.values()].filter((u) => u.pool === pool);
    return ok({ count: users.length, data: users.slice(paging.offset, paging.offset + paging.limit).map(subUserJson) });
  });

  api('GET', '/user/api/proxies/sub-user/:user_id', (req) => {
    const pool = poolOf(req);
    if (!pool) return fail(400, 'Invalid proxy_type');
    const user = subUserIn(state, req, pool);
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
    const user = subUserIn(state, req, undefined);
    if (!user) return fail(400, 'Sub-user not found');
    // Unspent traffic goes back to the reseller's pool.
    state.poolBytes[user.pool] += remainingBytes(user);
    state.subUsers.delete(user.user_id);
    return ok({ message: 'Sub-user deleted', data: {} });
  });
}
