import { defineProvider } from '../define.js';
import { gatewayField } from '../env-fields.js';
import { passwordsDeclaration } from '../password.js';
import { GB } from '../units.js';
import {
  defaultHttpGateway,
  defaultSocks5Gateway,
  displayName,
  maxUsageDays,
  passwordPicker,
  propagationMs,
  propagationNotices,
  usernameRule,
} from './rules.js';

export { defaultHttpGateway, defaultSocks5Gateway, propagationNotices } from './rules.js';

/** ProxyLite OpenAPI: customers are proxy (whitelist) accounts, and their balance is a traffic limit in whole GB. */
export const proxylite = defineProvider({
  id: 'proxylite',
  displayName,
  vendorBaseUrl: 'https://api.proxylite.com',
  keyVariable: 'PROXYLITE_APP_KEY',
  keyHelp: 'ProxyLite app_key (account centre homepage); enables ProxyLite.',
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
  usernameRule,
  capabilities: {
    customers: {
      summary: 'create, delete, enable/disable',
      planHint: 'product type',
      // limitGb is the Limit the reply already shows.
      fields: { productType: { label: 'Product type' }, limitGb: null },
      constants: {
        // A new account is unlimited, which balance.add refuses to cap; create sets the first limit itself.
        createTakesTraffic: true,
        deleteNotice: propagationNotices.delete,
        appliesWithinMs: { disable: propagationMs, delete: propagationMs },
      },
      has: ['create', 'enable', 'disable', 'delete'],
    },
    balance: {
      summary: 'GB (limit)',
      constants: { unit: 'bytes', displayUnit: 'GB', step: GB, minimum: GB, appliesWithinMs: propagationMs },
      has: ['remove'],
    },
    passwords: passwordsDeclaration(passwordPicker, {
      notice: propagationNotices.password,
      appliesWithinMs: propagationMs,
    }),
    proxyConfig: { summary: 'proxy strings' },
    usage: { summary: 'daily', constants: { maxDays: maxUsageDays } },
    resellerBalance: { summary: 'traffic packages (KB)' },
    orders: {
      summary: 'catalog, quote (pre-check), buy from the account balance, renew static IPs, list, info',
      has: ['buy', 'quoteRenewal', 'renew'],
    },
  },
  implementation: () => import('./implementation.js'),
});
