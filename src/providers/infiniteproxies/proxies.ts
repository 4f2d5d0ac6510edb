import { badResponse } from '../http.js';
import type { ProxyConfigCapability, ProxyEndpoint } from '../types.js';
import { readAccount } from './customers.js';
import { providerId, type Vendor } from './envelope.js';

export interface Gateway {
  host: string;
  port: number;
}

/** Public scripts use this host and port; the reseller API itself names no gateway. */
export const defaultGateway = 'resi.infiniteproxies.com:1111';
/** The API's account names are used as is; `infproxy_{username}` is the other form seen in public scripts. */
export const defaultProxyUsername = '{username}';

export function parseGateway(text: string): Gateway | undefined {
  const match =
    /^([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*):(\d{1,5})$/.exec(
      text.trim(),
    );
  const port = Number(match?.[2]);
  if (!match || port < 1 || port > 65535) return undefined;
  return { host: match[1] as string, port };
}

export function isProxyUsernameFormat(text: string): boolean {
  return text.includes('{username}') && !/[\s:@]/.test(text);
}

export interface ProxySettings {
  http: Gateway;
  socks5?: Gateway;
  usernameFormat: string;
}

export function createProxyConfig(vendor: Vendor, settings: ProxySettings): ProxyConfigCapability {
  return {
    async proxies(username): Promise<ProxyEndpoint[]> {
      const account = await readAccount(vendor, username);
      if (!account.proxyPassword) throw badResponse(providerId, 'customer: no proxy_password');
      const credentials = {
        username: settings.usernameFormat.replaceAll('{username}', account.customer.username),
        password: account.proxyPassword,
      };
      const endpoints: ProxyEndpoint[] = [
        { ...settings.http, protocol: 'http', ...credentials, label: 'residential gateway' },
      ];
      if (settings.socks5) {
        endpoints.push({
          ...settings.socks5,
          protocol: 'socks5',
          ...credentials,
          label: 'residential gateway (SOCKS5)',
        });
      }
      return endpoints;
    },
  };
}
