import { z } from 'zod';
import { optionalBaseUrl } from '../env-fields.js';
import { createHttpClient } from '../http.js';
import type { ProviderModule, ProviderSettings } from '../settings.js';
import type { Provider } from '../types.js';
import { createBalance, createResellerBalance } from './balance.js';
import { createCustomers, createOrderReader, createOrders, orderIdRule } from './customers.js';
import { createYouproxyApi, providerId } from './envelope.js';
import { balanceSchema } from './schema.js';

export const youproxyBaseUrl = 'https://youproxy.io/client/api/v1';

/** Youproxy needs nothing beyond the shared settings: the key travels in the path. */
export type YouproxySettings = ProviderSettings;

/**
 * Youproxy client API v1. There are no customer accounts: a "customer" is an order, read from the IP
 * list, and a balance change extends the order by a rental period the vendor offers.
 */
export function createYouproxyProvider(settings: YouproxySettings): Provider {
  const http = createHttpClient({
    provider: providerId,
    baseUrl: settings.baseUrl,
    headers: { Accept: 'application/json' },
    secrets: [settings.apiKey],
    timeoutMs: settings.timeoutMs,
    // GET /ipAddress lists every IP unpaginated (IPv6 orders run to thousands): about 350 B an IP, some 90,000 fit.
    maxResponseBytes: settings.maxResponseBytes ?? 32_000_000,
    retry: settings.retry,
    fetch: settings.fetch,
    logger: settings.logger,
  });
  const api = createYouproxyApi(http, settings.apiKey);
  const reader = createOrderReader(api);
  const orders = createOrders(reader);
  return {
    id: providerId,
    displayName: 'Youproxy',
    usernameRule: orderIdRule,
    customers: createCustomers(reader),
    balance: createBalance(api, reader),
    proxyConfig: { proxies: orders.proxies },
    resellerBalance: createResellerBalance(api),
    orders,
    async ping() {
      await api.call({ method: 'GET', path: '/balance', schema: balanceSchema, what: 'balance' });
    },
  };
}

const unsetWhenEmpty = z
  .string()
  .optional()
  .transform((v) => (v?.trim() ? v.trim() : undefined));

const envSchema = z.object({
  YOUPROXY_API_KEY: unsetWhenEmpty,
  YOUPROXY_BASE_URL: optionalBaseUrl('https://youproxy.io/client/api/v1'),
});

export const youproxyModule: ProviderModule<YouproxySettings> = {
  id: providerId,
  displayName: 'Youproxy',
  vendorBaseUrl: youproxyBaseUrl,
  env: [
    {
      name: 'YOUPROXY_API_KEY',
      description: 'Youproxy client API key; it goes in the URL path, so it is redacted from every log and error.',
      secret: true,
    },
    {
      name: 'YOUPROXY_BASE_URL',
      description: 'Youproxy client API base; the key is appended to it as the next path segment.',
      default: youproxyBaseUrl,
    },
  ],
  envSchema,
  settingsFromEnv(env) {
    const parsed = envSchema.parse(env);
    if (!parsed.YOUPROXY_API_KEY) return undefined;
    return { apiKey: parsed.YOUPROXY_API_KEY, baseUrl: parsed.YOUPROXY_BASE_URL ?? youproxyBaseUrl };
  },
  create: createYouproxyProvider,
};
