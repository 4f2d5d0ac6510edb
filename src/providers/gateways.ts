import { UserInputError } from '../errors.js';
import type { ProxyEndpoint } from './types.js';

/** A proxy gateway the vendor runs: customers connect here with their account's credentials. */
export interface Gateway {
  host: string;
  port: number;
}

const hostPort =
  /^([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*):(\d{1,5})$/;

export function parseGateway(text: string): Gateway | undefined {
  const match = hostPort.exec(text.trim());
  const port = Number(match?.[2]);
  if (!match || port < 1 || port > 65535) return undefined;
  return { host: match[1] as string, port };
}

export function gatewayOrThrow(text: string, what: string): Gateway {
  const gateway = parseGateway(text);
  if (!gateway) throw new UserInputError(`${what} must be host:port, got "${text}".`);
  return gateway;
}

/** Secret: the endpoints carry the account's credentials. HTTP first, then SOCKS5 when there is one. */
export function gatewayEndpoints(
  gateways: { http: Gateway; socks5?: Gateway },
  credentials: { username?: string; password?: string },
  labels: { http: string; socks5: string },
): ProxyEndpoint[] {
  const endpoints: ProxyEndpoint[] = [{ ...gateways.http, protocol: 'http', ...credentials, label: labels.http }];
  if (gateways.socks5) {
    endpoints.push({ ...gateways.socks5, protocol: 'socks5', ...credentials, label: labels.socks5 });
  }
  return endpoints;
}
