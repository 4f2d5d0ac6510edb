import { GB } from '../../providers/units.js';
import type { SimRequest, SimResponse } from '../server.js';
import { type Api, fail, gigabytes, needJson, ok, poolOf, subUserIn } from './api.js';
import { type ProxyShardState, remainingBytes, type SimPool, type SimSubUser, subUserJson } from './state.js';

/** Traffic moves in whole GB between a sub-user and its pool. */
export function balanceRoutes(api: Api, state: ProxyShardState): void {
  /** The shared checks of data/add and data/subtract, in the vendor's order. */
  const dataChange = (req: SimRequest): { error: SimResponse } | { pool: SimPool; user: SimSubUser; gb: number } => {
    const pool = poolOf(req);
    if (!pool) return { error: fail(400, 'Invalid proxy_type') };
    const user = subUserIn(state, req, pool);
    if (!user) return { error: fail(400, 'Sub-user not found') };
    const bad = needJson(req);
    if (bad) return { error: bad };
    const gb = gigabytes(req.body, 'data', false);
    if (gb === undefined) return { error: fail(400, 'data must be a positive integer (GB)') };
    return { pool, user, gb };
  };

  api('POST', '/user/api/proxies/sub-user/:user_id/data/add', (req) => {
    const change = dataChange(req);
    if ('error' in change) return change.error;
    const { pool, user, gb } = change;
    if (state.poolBytes[pool] < gb * GB) return fail(400, 'Insufficient traffic balance');
    state.poolBytes[pool] -= gb * GB;
    user.data += gb * GB;
    return ok({ message: 'Traffic added', data: subUserJson(user) });
  });

  api('POST', '/user/api/proxies/sub-user/:user_id/data/subtract', (req) => {
    const change = dataChange(req);
    if ('error' in change) return change.error;
    const { pool, user, gb } = change;
    if (remainingBytes(user) < gb * GB) return fail(400, "Cannot subtract more than the sub-user's remaining traffic");
    user.data -= gb * GB;
    state.poolBytes[pool] += gb * GB;
    return ok({ message: 'Traffic subtracted', data: subUserJson(user) });
  });
}
