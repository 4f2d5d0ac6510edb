import type { CapabilitySpec } from '../define-implementation.js';
import { gatewayEndpoints } from '../gateways.js';
import type { ProxyConfigCapability } from '../types.js';
import type { Context } from './context.js';
import type { Pool } from './rules.js';

/** Relay usernames name the plan `limited` for the standart pool (public client's mapping). */
const relayPlan: Record<Pool, string> = { standart: 'limited', premium: 'premium' };

export function proxyUsername(template: string, fields: { userId: string; name: string; pool: Pool }): string {
  return template
    .replaceAll('{user_id}', fields.userId)
    .replaceAll('{name}', fields.name)
    .replaceAll('{plan}', relayPlan[fields.pool]);
}

/** Sub-users reach the residential relay; a datacenter/ISP order's own proxies come from orders. */
export const configs: CapabilitySpec<Context, ProxyConfigCapability> = {
  build: ({ subUsers, settings: s }) => ({
    async proxies(username) {
      const { user, pool } = await subUsers.read(username);
      const login = proxyUsername(s.proxyUsernameTemplate, { userId: user.user_id, name: user.first_name, pool });
      const host = s.gatewayHost;
      return gatewayEndpoints(
        { http: { host, port: s.httpPort }, socks5: { host, port: s.socksPort } },
        { username: login, password: user.proxy_password },
        { http: 'gateway', socks5: 'gateway' },
      );
    },
  }),
};
