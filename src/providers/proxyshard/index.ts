import { defineProvider } from '../define.js';
import { choiceField, integerField, textField } from '../env-fields.js';
import { balance } from './balance.js';
import type { ProxyShardSettings } from './client.js';
import { configs } from './configs.js';
import { createContext, proxyshardDefaults as defaults } from './context.js';
import { customers } from './customers.js';
import { orders } from './orders.js';
import { passwords } from './passwords.js';
import { readProfile, resellerBalance } from './reseller-balance.js';
import { pools } from './rules.js';
import { usage } from './usage.js';

export type { ProxyShardSettings } from './client.js';
export { proxyshardDefaults } from './context.js';

/**
 * ProxyShard User API: customers are residential sub-users in two pools, with traffic in whole GB; orders are
 * datacenter and ISP proxies bought from the wallet.
 */
export const proxyshard = defineProvider({
  id: 'proxyshard',
  displayName: 'ProxyShard',
  vendorBaseUrl: 'https://user-api.proxyshard.com',
  key: { name: 'PROXYSHARD_API_KEY', description: 'ProxyShard User API key (dashboard); enables the provider.' },
  baseUrl: 'ProxyShard User API base URL.',
  env: {
    PROXYSHARD_GATEWAY: textField('Residential relay host for proxy strings.', { default: defaults.gatewayHost }),
    PROXYSHARD_HTTP_PORT: integerField('Relay HTTP port.', { default: defaults.httpPort, min: 1, max: 65535 }),
    PROXYSHARD_SOCKS_PORT: integerField('Relay SOCKS5 port.', { default: defaults.socksPort, min: 1, max: 65535 }),
    PROXYSHARD_PROXY_USERNAME: textField(
      'Proxy login template; {user_id}, {name} and {plan} (limited|premium) are filled in.',
      { default: defaults.proxyUsernameTemplate },
    ),
    PROXYSHARD_POOL: choiceField(
      'Residential pool (standart|premium) for create without plan:, searched first.',
      pools,
      defaults.defaultPool,
    ),
    PROXYSHARD_SUBUSER_DATA_UNIT: choiceField(
      'Unit of sub-user data/data_spent in API answers (bytes|GB).',
      ['bytes', 'GB'],
      defaults.subUserDataUnit,
    ),
  },
  settings: (env) => ({
    gatewayHost: env.PROXYSHARD_GATEWAY,
    httpPort: env.PROXYSHARD_HTTP_PORT,
    socksPort: env.PROXYSHARD_SOCKS_PORT,
    proxyUsernameTemplate: env.PROXYSHARD_PROXY_USERNAME,
    defaultPool: env.PROXYSHARD_POOL,
    subUserDataUnit: env.PROXYSHARD_SUBUSER_DATA_UNIT,
  }),
  context: (settings: ProxyShardSettings) => createContext(settings),
  capabilities: { customers, balance, passwords, proxyConfig: configs, usage, resellerBalance, orders },
  ping: ({ client }) => readProfile(client),
});
