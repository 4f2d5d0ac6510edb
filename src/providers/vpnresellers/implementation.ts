import { defineImplementation } from '../define-implementation.js';
import { balance } from './balance.js';
import type { VpnResellersSettings } from './client.js';
import { configs } from './configs.js';
import { createContext } from './context.js';
import { customers } from './customers.js';
import { passwords } from './passwords.js';
import { readProfile, resellerBalance } from './reseller-balance.js';

/** VPNresellers' client, answer schemas and capabilities: loaded when one is first called (see index.ts). */
export default defineImplementation({
  context: (settings: VpnResellersSettings) => createContext(settings),
  capabilities: { customers, balance, passwords, vpnConfig: configs, resellerBalance },
  ping: ({ client }) => readProfile(client),
});
