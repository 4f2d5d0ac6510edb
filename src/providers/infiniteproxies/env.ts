import { z } from 'zod';
import { optionalBaseUrl } from '../env-fields.js';
import type { ProviderEnvVar } from '../settings.js';
import { defaultGateway, defaultProxyUsername, isProxyUsernameFormat, parseGateway } from './proxies.js';

export const vendorBaseUrl = 'https://reseller.infiniteproxies.com/v2';
/** The docs' header row is named `INFINITE-KEY` while its text says `X-INFINITE-KEY`. */
export const defaultAuthHeader = 'X-INFINITE-KEY';

export const env: ProviderEnvVar[] = [
  {
    name: 'INFINITEPROXIES_API_KEY',
    description: 'InfiniteProxies reseller API v2 key (Master Plan or higher, issued by InfiniteProxies).',
    secret: true,
  },
  { name: 'INFINITEPROXIES_BASE_URL', description: 'InfiniteProxies reseller API base URL.', default: vendorBaseUrl },
  {
    name: 'INFINITEPROXIES_AUTH_HEADER',
    description: 'Header that carries the key (the docs name both INFINITE-KEY and X-INFINITE-KEY).',
    default: defaultAuthHeader,
  },
  {
    name: 'INFINITEPROXIES_GATEWAY',
    description: 'HTTP proxy gateway (host:port) used in the proxy strings handed to customers.',
    default: defaultGateway,
  },
  {
    name: 'INFINITEPROXIES_SOCKS5_GATEWAY',
    description: 'SOCKS5 gateway (host:port); when set, customers also get a SOCKS5 proxy string.',
  },
  {
    name: 'INFINITEPROXIES_PROXY_USERNAME',
    description: 'Proxy user name built from the account name, e.g. infproxy_{username}.',
    default: defaultProxyUsername,
  },
];

/** Empty means unset, as everywhere in the configuration. */
const optional = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

export const envSchema = z.object({
  INFINITEPROXIES_API_KEY: optional,
  INFINITEPROXIES_BASE_URL: optionalBaseUrl(vendorBaseUrl),
  INFINITEPROXIES_AUTH_HEADER: optional.refine((v) => v === undefined || /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(v), {
    message: 'must be an HTTP header name, e.g. X-INFINITE-KEY',
  }),
  INFINITEPROXIES_GATEWAY: optional.refine((v) => v === undefined || parseGateway(v) !== undefined, {
    message: 'must be host:port, e.g. resi.infiniteproxies.com:1111',
  }),
  INFINITEPROXIES_SOCKS5_GATEWAY: optional.refine((v) => v === undefined || parseGateway(v) !== undefined, {
    message: 'must be host:port',
  }),
  INFINITEPROXIES_PROXY_USERNAME: optional.refine((v) => v === undefined || isProxyUsernameFormat(v), {
    message: 'must contain {username} and no spaces, ":" or "@"',
  }),
});
