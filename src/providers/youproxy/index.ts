import { defineProvider } from '../define.js';
import { orderIdRule } from './rules.js';

/**
 * Youproxy client API v1. There are no customer accounts: a "customer" is an order, read from the IP
 * list, and a balance change extends the order by a rental period the vendor offers.
 */
export const youproxy = defineProvider({
  id: 'youproxy',
  displayName: 'Youproxy',
  vendorBaseUrl: 'https://youproxy.io/client/api/v1',
  keyHelp: 'Youproxy client API key; it goes in the URL path, so it is redacted from every log and error.',
  baseUrlHelp: 'Base URL of the Youproxy client API; the key is appended to it as the next path segment.',
  usernameRule: orderIdRule,
  usernameHint: 'the order id',
  capabilities: {
    customers: {
      summary: 'orders, read only (the order id is the username)',
      fields: {
        proxyType: { label: 'Proxy type' },
        ipCount: { label: 'IPs', format: 'count' },
        orderNumber: { label: 'Order number' },
      },
      constants: { noCreateHint: 'Youproxy works with orders: use the order id as the username.' },
    },
    balance: {
      summary: 'days (extend order, add only)',
      constants: { unit: 'days', displayUnit: 'days' },
      has: ['cost'],
    },
    proxyConfig: { summary: 'order IP list', constants: { endpointsFrom: 'order' } },
    resellerBalance: { summary: 'money' },
    orders: {
      summary: 'catalog, quote, buy, renew (extend), auto-renew, list, info, proxies',
      has: ['buy', 'proxies', 'quoteRenewal', 'renew', 'setAutoRenew'],
    },
  },
  implementation: () => import('./implementation.js'),
});
