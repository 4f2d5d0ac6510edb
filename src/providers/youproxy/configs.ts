import type { CapabilitySpec } from '../define-implementation.js';
import type { ProxyConfigCapability } from '../types.js';
import type { Context } from './context.js';
import { toProxyEndpoints } from './orders.js';

/** An order's own IPs are its proxies. */
export const configs: CapabilitySpec<Context, ProxyConfigCapability> = {
  build: ({ orders }) => ({
    proxies: async (orderId) => toProxyEndpoints(await orders.one(orderId)),
  }),
};
