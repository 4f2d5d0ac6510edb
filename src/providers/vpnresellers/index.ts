import { defineProvider } from '../define.js';
import { integerField, textField } from '../env-fields.js';
import { balance } from './balance.js';
import type { VpnResellersSettings } from './client.js';
import { configs } from './configs.js';
import { createContext, defaultCurrency, defaultPageSize } from './context.js';
import { customers } from './customers.js';
import { passwords } from './passwords.js';
import { readProfile, resellerBalance } from './reseller-balance.js';

export type { VpnResellersSettings } from './client.js';

/** VPNresellers API v4.1: customers are VPN accounts, and their balance is the expiry date, moved in days. */
export const vpnresellers = defineProvider({
  id: 'vpnresellers',
  displayName: 'VPNresellers',
  vendorBaseUrl: 'https://api.vpnresellers.com/v4_1',
  key: { name: 'VPNRESELLERS_API_TOKEN', description: 'API token from app.vpnresellers.com/api-access (Bearer).' },
  baseUrl: 'VPNresellers API base, version included.',
  env: {
    VPNRESELLERS_CURRENCY: textField(
      'Currency of the reseller balance (the API returns a bare number and never names it).',
      {
        default: defaultCurrency,
        check: (v) => /^[A-Za-z]{3}$/.test(v),
        message: 'a three-letter currency code such as USD',
      },
    ),
    VPNRESELLERS_PAGE_SIZE: integerField(
      'Accounts per page (per_page) when looking a username up; the vendor documents no maximum.',
      { default: defaultPageSize, min: 1, max: 1000 },
    ),
  },
  settings: (env) => ({
    currency: env.VPNRESELLERS_CURRENCY?.toUpperCase() ?? defaultCurrency,
    pageSize: env.VPNRESELLERS_PAGE_SIZE ?? defaultPageSize,
  }),
  context: (settings: VpnResellersSettings) => createContext(settings),
  capabilities: { customers, balance, passwords, vpnConfig: configs, resellerBalance },
  ping: ({ client }) => readProfile(client),
});
