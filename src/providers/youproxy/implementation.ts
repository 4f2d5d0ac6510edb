import { defineImplementation } from '../define-implementation.js';
import { balance } from './balance.js';
import type { YouproxySettings } from './client.js';
import { configs } from './configs.js';
import { createContext } from './context.js';
import { customers } from './customers.js';
import { orders } from './orders.js';
import { readBalance, resellerBalance } from './reseller-balance.js';

/** Youproxy's client, answer schemas and capabilities: loaded when one is first called (see index.ts). */
export default defineImplementation({
  context: (settings: YouproxySettings) => createContext(settings),
  capabilities: { customers, balance, proxyConfig: configs, resellerBalance, orders },
  ping: ({ client }) => readBalance(client),
});
