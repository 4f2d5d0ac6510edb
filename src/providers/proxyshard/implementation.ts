import { defineImplementation } from '../define-implementation.js';
import { balance } from './balance.js';
import type { ProxyShardSettings } from './client.js';
import { configs } from './configs.js';
import { createContext } from './context.js';
import { customers } from './customers.js';
import { orders } from './orders.js';
import { passwords } from './passwords.js';
import { readProfile, resellerBalance } from './reseller-balance.js';
import { usage } from './usage.js';

/** ProxyShard's client, answer schemas and capabilities: loaded when one is first called (see index.ts). */
export default defineImplementation({
  context: (settings: ProxyShardSettings) => createContext(settings),
  capabilities: { customers, balance, passwords, proxyConfig: configs, usage, resellerBalance, orders },
  ping: ({ client }) => readProfile(client),
});
