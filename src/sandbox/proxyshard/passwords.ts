import { type Api, fail, ok, poolOf, subUserIn } from './api.js';
import { type ProxyShardState, simPassword } from './state.js';

export function passwordsRoutes(api: Api, state: ProxyShardState): void {
  api('POST', '/user/api/proxies/sub-user/:user_id/password', (req) => {
    const pool = poolOf(req);
    if (!pool) return fail(400, 'Invalid proxy_type');
    const user = subUserIn(state, req, pool);
    if (!user) return fail(400, 'Sub-user not found');
    user.proxy_password = simPassword(state);
    return ok({ message: 'Password changed', data: { user_id: user.user_id, proxy_password: user.proxy_password } });
  });
}
