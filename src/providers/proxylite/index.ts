import { defineProvider } from '../define.js';
import { gatewayField } from '../env-fields.js';
import { balance } from './balance.js';
import type { ProxyLiteSettings } from './client.js';
import { configs } from './configs.js';
import { createContext, defaultHttpGateway, defaultSocks5Gateway } from './context.js';
import { customers } from './customers.js';
import { orders } from './orders.js';
import { passwords } from './passwords.js';
import { readSummary, resellerBalance } from './reseller-balance.js';
import { displayName, usernameRule } from './rules.js';
import { usage } from './usage.js';

export type { ProxyLiteSettings } from './client.js';
export { defaultHttpGateway, defaultSocks5Gateway } from './context.js';
export { propagationNotices } from './rules.js';

/** ProxyLite OpenAPI: customers are proxy (whitelist) accounts, and their balance is a traffic limit in whole GB. */
export const proxylite = defineProvider({
  id: 'proxylite',
  displayName,
  vendorBaseUrl: 'https://api.proxylite.com',
  key: { name: 'PROXYLITE_APP_KEY', description: 'ProxyLite app_key (account centre homepage); enables ProxyLite.' },
  baseUrl: 'ProxyLite OpenAPI base URL.',
  env: {
    PROXYLITE_GATEWAY: gatewayField(
      'host:port of the HTTP proxy gateway put in proxy strings (not documented; check your dashboard).',
      { default: defaultHttpGateway, example: 'gate.example.com:8000' },
    ),
    PROXYLITE_SOCKS5_GATEWAY: gatewayField(
      'host:port of the SOCKS5 proxy gateway put in proxy strings (not documented; check your dashboard).',
      { default: defaultSocks5Gateway, example: 'gate.example.com:1080' },
    ),
  },
  settings: (env) => ({
    httpGateway: env.PROXYLITE_GATEWAY ?? defaultHttpGateway,
    socks5Gateway: env.PROXYLITE_SOCKS5_GATEWAY ?? defaultSocks5Gateway,
  }),
  context: (settings: ProxyLiteSettings) => createContext(settings),
  usernameRule,
  capabilities: { customers, balance, passwords, proxyConfig: configs, usage, resellerBalance, orders },
  ping: ({ client }) => readSummary(client, 9),
});
