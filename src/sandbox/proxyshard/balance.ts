import { GB } from '../../providers/units.js';
import type { SimRequest, SimResponse } from '../server.js';
import { type Api, fail, gigabytes, needJson, ok, poolOf, subUserIn } from './api.js';
import { type ProxyShardState, type SimPool, type SimSubUser, subUserJson as subUserJsonOf } from './state.js';

/** Traffic moves in whole GB between a sub-user and its pool. */
export function balanceRoutes(api: Api, state: ProxyShardState): void {
  /** The shared checks of data/add and data/subtract, in the vendor's order. */
  const dataChange = (req: SimRequest): { error: SimResponse } | { pool: SimPool; user: SimSubUser; data: number } => {
    const pool = poolOf(req);
    if (!pool) return { error: fail(400, 'Invalid proxy_type') };
    const user = subUserIn(state, req, pool);
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
    return ok({ message: 'Traffic added', data: subUserJsonOf(user) });
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
    return ok({ message: 'Traffic subtracted', data: subUserJsonOf(user) });
  });
}
