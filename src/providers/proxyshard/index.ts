import { defineProvider } from '../define.js';
import { choiceField, integerField, textField } from '../env-fields.js';
import { passwordsDeclaration } from '../password.js';
import { GB } from '../units.js';
import { proxyshardDefaults as defaults, passwordPicker, pools } from './rules.js';

export { proxyshardDefaults } from './rules.js';

/**
 * ProxyShard User API: customers are residential sub-users in two pools, with traffic in whole GB; orders are
 * datacenter and ISP proxies bought from the wallet.
 */
export const proxyshard = defineProvider({
  id: 'proxyshard',
  displayName: 'ProxyShard',
  vendorBaseUrl: 'https://user-api.proxyshard.com',
  keyHelp: 'ProxyShard User API key (dashboard); enables the provider.',
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
  capabilities: {
    customers: {
      summary: 'create, delete',
      planHint: 'pool (standart|premium)',
      fields: { pool: { label: 'Pool' } },
      constants: { createTakesTraffic: true },
      has: ['create', 'delete'],
    },
    balance: {
      summary: 'GB',
      constants: { unit: 'bytes', displayUnit: 'GB', step: GB, minimum: GB },
      has: ['remove', 'cost'],
    },
    passwords: passwordsDeclaration(passwordPicker),
    proxyConfig: { summary: 'proxy strings / order proxy list' },
    usage: { summary: 'totals', constants: { maxDays: 0 } },
    resellerBalance: { summary: 'wallet (USD)' },
    orders: {
      summary:
        'catalog, quote, buy, renew (on-hold), auto-renew, bandwidth, cycle, list, info, proxies (datacenter/ISP)',
      has: ['buy', 'proxies', 'quoteRenewal', 'renew', 'setAutoRenew', 'quoteBandwidth', 'addBandwidth', 'changeCycle'],
    },
  },
  implementation: () => import('./implementation.js'),
});
