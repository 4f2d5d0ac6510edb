import { defineImplementation } from '../define-implementation.js';
import { balance } from './balance.js';
import type { InfiniteProxiesSettings } from './client.js';
import { configs } from './configs.js';
import { createContext } from './context.js';
import { customers } from './customers.js';
import { passwords } from './passwords.js';
import { resellerBalance } from './reseller-balance.js';
import { usage } from './usage.js';

/** InfiniteProxies' client, answer schemas and capabilities: loaded when one is first called (see index.ts). */
export default defineImplementation({
  context: (settings: InfiniteProxiesSettings) => createContext(settings),
  capabilities: { customers, balance, passwords, proxyConfig: configs, usage, resellerBalance },
  ping: (ctx) => resellerBalance.build(ctx).get(),
});
