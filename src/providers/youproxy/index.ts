import { defineProvider } from '../define.js';
import { balance } from './balance.js';
import type { YouproxySettings } from './client.js';
import { configs } from './configs.js';
import { createContext } from './context.js';
import { customers } from './customers.js';
import { orders } from './orders.js';
import { readBalance, resellerBalance } from './reseller-balance.js';
import { orderIdRule } from './rules.js';

export type { YouproxySettings } from './client.js';

/**
 * Youproxy client API v1. There are no customer accounts: a "customer" is an order, read from the IP
 * list, and a balance change extends the order by a rental period the vendor offers.
 */
export const youproxy = defineProvider({
  id: 'youproxy',
  displayName: 'Youproxy',
  vendorBaseUrl: 'https://youproxy.io/client/api/v1',
  key: {
    name: 'YOUPROXY_API_KEY',
    description: 'Youproxy client API key; it goes in the URL path, so it is redacted from every log and error.',
  },
  baseUrl: 'Youproxy client API base; the key is appended to it as the next path segment.',
  context: (settings: YouproxySettings) => createContext(settings),
  usernameRule: orderIdRule,
  usernameHint: 'the order id',
  capabilities: { customers, balance, proxyConfig: configs, resellerBalance, orders },
  ping: ({ client }) => readBalance(client),
});
