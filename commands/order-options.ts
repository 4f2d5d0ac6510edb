import type { OptionSpec } from '../src/kit/options.js';

/** The options of `/order quote` and `/order buy`, after `<provider> <product>` (docs/commands.md#orders). */
export const productOption = {
  name: 'product',
  type: 'string',
  description: 'Youproxy ipv4|ipv6|mobile|isp; ProxyShard product or alias; ProxyLite product id (see /order catalog)',
  required: true,
  autocomplete: 'order-product',
  maxLength: 64,
} as const satisfies OptionSpec;

export const orderIdOption = {
  name: 'order',
  type: 'string',
  description: 'Order id (from /order list)',
  required: true,
  autocomplete: 'order',
  maxLength: 64,
} as const satisfies OptionSpec;

export const periodOption = {
  name: 'period',
  type: 'string',
  description: 'Youproxy days, ProxyShard cycle, ProxyLite days (renewal: 1m|2m|em)',
  autocomplete: 'order-period',
  maxLength: 32,
} as const satisfies OptionSpec;

export const promoOption = {
  name: 'promo',
  type: 'string',
  description: 'Promo code (an invalid one is shown before anything is bought)',
  maxLength: 64,
} as const satisfies OptionSpec;

export const purchaseOptions = [
  {
    name: 'country',
    type: 'string',
    description: 'Country or location from the catalog (Youproxy alpha-3, ProxyShard code)',
    autocomplete: 'order-country',
    maxLength: 16,
  },
  { name: 'quantity', type: 'integer', description: 'IPs, GB or packages (default 1)' },
  periodOption,
  { name: 'protocol', type: 'string', description: 'Youproxy IPv6: http or socks', maxLength: 16 },
  {
    name: 'operator',
    type: 'string',
    description: 'Youproxy mobile operator',
    autocomplete: 'order-operator',
    maxLength: 32,
  },
  {
    name: 'rotation',
    type: 'integer',
    description: 'Youproxy mobile rotation time in seconds (from the operator list)',
    min: 0,
  },
  {
    name: 'auth',
    type: 'choice',
    description: 'Youproxy: log in with a login or by IP',
    choices: [
      { name: 'login', value: 'login' },
      { name: 'ip', value: 'ip' },
    ],
  },
  { name: 'authip', type: 'string', description: 'The IPv4 address proxies are bound to, with auth:ip', maxLength: 15 },
  { name: 'goal', type: 'string', description: 'Youproxy: what the proxies are for', maxLength: 100 },
  promoOption,
  {
    name: 'regions',
    type: 'string',
    description: 'ProxyLite static IPs in several regions: US:2,DE:1',
    maxLength: 200,
  },
  { name: 'autorenew', type: 'boolean', description: 'ProxyShard datacenter, ISP and unmetered: renew on its own' },
] as const satisfies readonly OptionSpec[];
