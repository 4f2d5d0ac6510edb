import type { CapabilitySpec } from '../define-implementation.js';
import { gatewayEndpoints } from '../gateways.js';
import { badResponse } from '../http.js';
import type { ProxyConfigCapability } from '../types.js';
import { providerId } from './client.js';
import { type Context, readAccount } from './context.js';

export const configs: CapabilitySpec<Context, ProxyConfigCapability> = {
  build: ({ client, gateways, usernameFormat }) => ({
    async proxies(username) {
      const account = await readAccount(client, username);
      if (!account.proxyPassword) throw badResponse(providerId, 'customer: no proxy_password');
      const credentials = {
        username: usernameFormat.replaceAll('{username}', account.customer.username),
        password: account.proxyPassword,
      };
      return gatewayEndpoints(gateways, credentials, {
        http: 'residential gateway',
        socks5: 'residential gateway (SOCKS5)',
      });
    },
  }),
};
