import { type Gateway, gatewayOrThrow } from '../gateways.js';
import { urlPath } from '../http.js';
import { type Client, createClient, type InfiniteProxiesSettings } from './client.js';
import { defaultGateway, defaultProxyUsername, vendorName } from './rules.js';
import { customerSchema } from './schema.js';

/** What the capabilities share: the client, and the gateways proxy strings are built on. */
export interface Context {
  client: Client;
  gateways: { http: Gateway; socks5?: Gateway };
  usernameFormat: string;
}

export function createContext(settings: InfiniteProxiesSettings): Context {
  return {
    client: createClient(settings),
    gateways: {
      http: gatewayOrThrow(settings.gateway ?? defaultGateway, 'The InfiniteProxies gateway'),
      ...(settings.socks5Gateway
        ? { socks5: gatewayOrThrow(settings.socks5Gateway, 'The InfiniteProxies SOCKS5 gateway') }
        : {}),
    },
    usernameFormat: settings.proxyUsername ?? defaultProxyUsername,
  };
}

/** The customer with its proxy password, for the few callers that need the credentials. */
export async function readAccount(client: Client, username: string) {
  const name = vendorName(username);
  return client.call({ method: 'GET', path: urlPath`/customer/@${name}`, what: 'customer' }, customerSchema);
}
