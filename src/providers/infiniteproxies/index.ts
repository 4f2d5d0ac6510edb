import { defineProvider } from '../define.js';
import { gatewayField, textField } from '../env-fields.js';
import { passwordsDeclaration } from '../password.js';
import { MB } from '../units.js';
import {
  defaultAuthHeader,
  defaultGateway,
  defaultProxyUsername,
  historyDays,
  isProxyUsernameFormat,
  passwordPicker,
  stepMb,
  usernameRule,
} from './rules.js';

/** InfiniteProxies reseller API v2: customers are residential accounts with an MB balance; each new one costs 100 MB. */
export const infiniteproxies = defineProvider({
  id: 'infiniteproxies',
  displayName: 'InfiniteProxies',
  vendorBaseUrl: 'https://reseller.infiniteproxies.com/v2',
  keyHelp: 'InfiniteProxies reseller API v2 key (Master Plan or higher, issued by InfiniteProxies).',
  env: {
    INFINITEPROXIES_AUTH_HEADER: textField(
      'Header that carries the key (the docs name both INFINITE-KEY and X-INFINITE-KEY).',
      {
        default: defaultAuthHeader,
        check: (v) => /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(v),
        message: 'must be an HTTP header name, e.g. X-INFINITE-KEY',
      },
    ),
    INFINITEPROXIES_GATEWAY: gatewayField(
      'HTTP proxy gateway (host:port) used in the proxy strings handed to customers.',
      {
        default: defaultGateway,
        example: defaultGateway,
      },
    ),
    INFINITEPROXIES_SOCKS5_GATEWAY: gatewayField(
      'SOCKS5 gateway (host:port); when set, customers also get a SOCKS5 proxy string.',
      { example: 'socks.example.com:1080' },
    ),
    INFINITEPROXIES_PROXY_USERNAME: textField(
      'Proxy user name built from the account name, e.g. infproxy_{username}.',
      {
        default: defaultProxyUsername,
        check: isProxyUsernameFormat,
        message: 'must contain {username} and no spaces, ":" or "@"',
      },
    ),
  },
  settings: (env) => ({
    authHeader: env.INFINITEPROXIES_AUTH_HEADER ?? defaultAuthHeader,
    gateway: env.INFINITEPROXIES_GATEWAY ?? defaultGateway,
    socks5Gateway: env.INFINITEPROXIES_SOCKS5_GATEWAY,
    proxyUsername: env.INFINITEPROXIES_PROXY_USERNAME ?? defaultProxyUsername,
  }),
  usernameRule,
  capabilities: {
    customers: {
      summary: 'create (costs 100 MB)',
      createCosts: true,
      fields: { resellerChargedMb: { label: 'Charged', format: 'MB' } },
      // customer/create takes only a username; the service adds starting traffic with add_balance.
      constants: { createTakesTraffic: false },
      has: ['create', 'createCost'],
    },
    balance: {
      summary: 'MB, steps of 10',
      constants: { unit: 'bytes', displayUnit: 'MB', step: stepMb * MB, minimum: stepMb * MB },
      has: ['remove', 'cost'],
    },
    passwords: passwordsDeclaration(passwordPicker),
    proxyConfig: { summary: 'proxy strings' },
    usage: { summary: '14 days, daily', constants: { maxDays: historyDays } },
    resellerBalance: { summary: 'residential and mobile traffic (MB)' },
  },
  implementation: () => import('./implementation.js'),
});
