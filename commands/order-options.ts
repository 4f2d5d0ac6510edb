import type { OptionSpec } from '../src/kit/options.js';

/** The options of `/order quote` and `/order buy`, after `<provider> <product>` (docs/commands.md#orders). */
export const productOption = {
  name: 'product',
  type: 'string',
  description: 'Product id or alias, as /order catalog lists them',
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
  description: 'Days or billing cycle, as /order catalog lists them',
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
    description: 'Country or location code, as /order catalog lists them',
    autocomplete: 'order-country',
    maxLength: 16,
  },
  { name: 'quantity', type: 'integer', description: 'IPs, GB or packages (default 1)' },
  periodOption,
  { name: 'protocol', type: 'string', description: 'IPv6 protocol, as /order catalog lists them', maxLength: 16 },
  {
    name: 'operator',
    type: 'string',
    description: 'Mobile operator, as /order catalog lists them',
    autocomplete: 'order-operator',
    maxLength: 32,
  },
  {
    name: 'rotation',
    type: 'integer',
    description: 'Mobile IP rotation time in seconds, as /order catalog lists them',
    min: 0,
  },
  {
    name: 'auth',
    type: 'choice',
    description: 'Proxies take a login, or the IP they are bound to',
    choices: [
      { name: 'login', value: 'login' },
      { name: 'ip', value: 'ip' },
    ],
  },
  { name: 'authip', type: 'string', description: 'The IPv4 address proxies are bound to, with auth:ip', maxLength: 15 },
  { name: 'goal', type: 'string', description: 'What the proxies are for, where the vendor asks', maxLength: 100 },
  promoOption,
  {
    name: 'regions',
    type: 'string',
    description: 'Static IPs in several regions at once: US:2,DE:1',
    maxLength: 200,
  },
  { name: 'autorenew', type: 'boolean', description: 'Renew on its own, where the vendor takes it with the purchase' },
] as const satisfies readonly OptionSpec[];
