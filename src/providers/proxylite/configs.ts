import type { CapabilitySpec } from '../define-implementation.js';
import { gatewayEndpoints } from '../gateways.js';
import type { ProxyConfigCapability } from '../types.js';
import { type Context, checkProxyLiteUsername, findAccount } from './context.js';

export const configs: CapabilitySpec<Context, ProxyConfigCapability> = {
  build: ({ client, gateways }) => ({
    async proxies(username) {
      const account = await findAccount(client, checkProxyLiteUsername(username));
      const credentials = { username: account.username, password: account.password ?? undefined };
      return gatewayEndpoints(gateways, credentials, { http: 'gateway', socks5: 'gateway' });
    },
  }),
};
