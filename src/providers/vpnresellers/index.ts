import { defineProvider } from '../define.js';
import { integerField, textField } from '../env-fields.js';
import { passwordsDeclaration } from '../password.js';
import { defaultCurrency, defaultPageSize, passwordPicker } from './rules.js';

/** VPNresellers API v4.1: customers are VPN accounts, and their balance is the expiry date, moved in days. */
export const vpnresellers = defineProvider({
  id: 'vpnresellers',
  displayName: 'VPNresellers',
  vendorBaseUrl: 'https://api.vpnresellers.com/v4_1',
  keyVariable: 'VPNRESELLERS_API_TOKEN',
  keyHelp: 'API token from app.vpnresellers.com/api-access (Bearer).',
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
  capabilities: {
    customers: {
      summary: 'create (billed), delete, enable/disable',
      createCosts: true,
      // autoRenewal is what "Expires: renews automatically" already says.
      fields: {
        autoRenewal: null,
        vendorStatus: { label: 'Vendor status' },
        wireguardIp: { label: 'WireGuard IP' },
        updatedAt: { label: 'Updated', format: 'date' },
      },
      has: ['create', 'createCost', 'enable', 'disable', 'delete'],
    },
    balance: {
      summary: 'days (expiry)',
      constants: { unit: 'days', displayUnit: 'days', step: 1, minimum: 1 },
      has: ['remove'],
    },
    passwords: passwordsDeclaration(passwordPicker),
    vpnConfig: { summary: 'OpenVPN / WireGuard + QR' },
    resellerBalance: { summary: 'money (currency from VPNRESELLERS_CURRENCY)' },
  },
  implementation: () => import('./implementation.js'),
});
