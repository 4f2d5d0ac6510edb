import { z } from 'zod';
import { optionalBaseUrl } from '../env-fields.js';
import { createHttpClient } from '../http.js';
import type { ProviderModule, ProviderSettings } from '../settings.js';
import type { Provider, ProxyEndpoint } from '../types.js';
import { createSubUsers, GB } from './customers.js';
import { call } from './envelope.js';
import { createOrders } from './orders.js';
import { meSchema } from './schema.js';
import { type Pool, pools } from './subusers.js';

export const proxyshardVendorBaseUrl = 'https://user-api.proxyshard.com';

export interface ProxyShardSettings extends ProviderSettings {
  /** Residential relay for proxy strings (not in the official docs; seen in a public client). */
  gatewayHost?: string;
  httpPort?: number;
  socksPort?: number;
  /** Proxy login template: `{user_id}`, `{name}`, `{plan}` (limited|premium) are filled in. */
  proxyUsernameTemplate?: string;
  /** Pool for create without `plan:`, searched first on lookups (the other pool is searched too). */
  defaultPool?: Pool;
  /** What the sub-user `data`/`data_spent`/`data_remain` integers count; the spec does not say. */
  subUserDataUnit?: 'bytes' | 'GB';
}

export const proxyshardDefaults = {
  gatewayHost: 'relay-eu.proxyshard.com',
  httpPort: 8080,
  socksPort: 1080,
  proxyUsernameTemplate: '{user_id}-plan-{plan}-country-any',
  defaultPool: 'standart' as Pool,
  subUserDataUnit: 'bytes' as const,
};

/** Relay usernames name the plan `limited` for the standart pool (public client's mapping). */
const relayPlan: Record<Pool, string> = { standart: 'limited', premium: 'premium' };

export function proxyUsername(template: string, fields: { userId: string; name: string; pool: Pool }): string {
  return template
    .replaceAll('{user_id}', fields.userId)
    .replaceAll('{name}', fields.name)
    .replaceAll('{plan}', relayPlan[fields.pool]);
}

export function createProxyShardProvider(settings: ProxyShardSettings): Provider {
  const s = {
    ...settings,
    gatewayHost: settings.gatewayHost ?? proxyshardDefaults.gatewayHost,
    httpPort: settings.httpPort ?? proxyshardDefaults.httpPort,
    socksPort: settings.socksPort ?? proxyshardDefaults.socksPort,
    proxyUsernameTemplate: settings.proxyUsernameTemplate ?? proxyshardDefaults.proxyUsernameTemplate,
    defaultPool: settings.defaultPool ?? proxyshardDefaults.defaultPool,
    subUserDataUnit: settings.subUserDataUnit ?? proxyshardDefaults.subUserDataUnit,
  };
  const client = createHttpClient({
    provider: 'proxyshard',
    baseUrl: s.baseUrl,
    headers: { Authorization: `Bearer ${s.apiKey}`, Accept: 'application/json' },
    secrets: [s.apiKey],
    timeoutMs: s.timeoutMs,
    maxResponseBytes: s.maxResponseBytes,
    retry: s.retry,
    fetch: s.fetch,
    logger: s.logger,
  });
  const subUsers = createSubUsers({
    client,
    defaultPool: s.defaultPool,
    bytesPerUnit: s.subUserDataUnit === 'GB' ? GB : 1,
  });
  const me = () => call(client, { method: 'GET', path: '/user/api/me' }, meSchema, 'profile');

  return {
    id: 'proxyshard',
    displayName: 'ProxyShard',
    customers: {
      create: subUsers.create,
      createTakesTraffic: true,
      get: subUsers.get,
      list: subUsers.list,
      listAll: subUsers.listAll,
      delete: subUsers.remove,
    },
    balance: {
      unit: 'bytes',
      displayUnit: 'GB',
      step: GB,
      minimum: GB,
      add: (username, amount) => subUsers.changeTraffic(username, amount, 'add'),
      remove: (username, amount) => subUsers.changeTraffic(username, amount, 'subtract'),
    },
    passwords: { vendorGenerates: true, reset: subUsers.resetPassword },
    proxyConfig: {
      async proxies(username): Promise<ProxyEndpoint[]> {
        const { user, pool } = await subUsers.read(username);
        const login = proxyUsername(s.proxyUsernameTemplate, { userId: user.user_id, name: user.first_name, pool });
        const common = { host: s.gatewayHost, username: login, password: user.proxy_password, label: 'gateway' };
        return [
          { ...common, port: s.httpPort, protocol: 'http' },
          { ...common, port: s.socksPort, protocol: 'socks5' },
        ];
      },
    },
    usage: {
      // Totals only: the vendor keeps no per-day history for sub-users.
      maxDays: 0,
      // `days` is moot: there is no history to cut, only the running totals.
      async report(username) {
        const customer = await subUsers.get(username);
        return { days: [], usedBytes: customer.usedBytes, remainingBytes: customer.remainingBytes };
      },
    },
    resellerBalance: {
      async get() {
        const profile = await me();
        // "in cents" per the spec; the currency is not stated, the site prices in USD.
        return [{ label: 'Wallet', kind: 'money', minor: profile.wallet_balance, currency: 'USD' }];
      },
    },
    orders: createOrders(client),
    async ping() {
      await me();
    },
  };
}

const optional = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));
const port = optional
  .transform((v) => (v === undefined ? undefined : Number(v)))
  .pipe(z.number().int().min(1).max(65535).optional());

export const proxyshardEnvSchema = z.object({
  PROXYSHARD_API_KEY: optional,
  PROXYSHARD_BASE_URL: optionalBaseUrl(proxyshardVendorBaseUrl),
  PROXYSHARD_GATEWAY: optional,
  PROXYSHARD_HTTP_PORT: port,
  PROXYSHARD_SOCKS_PORT: port,
  PROXYSHARD_PROXY_USERNAME: optional,
  PROXYSHARD_POOL: optional.pipe(z.enum(pools).optional()),
  PROXYSHARD_SUBUSER_DATA_UNIT: optional.pipe(z.enum(['bytes', 'GB']).optional()),
});

export const proxyshardModule: ProviderModule<ProxyShardSettings> = {
  id: 'proxyshard',
  displayName: 'ProxyShard',
  vendorBaseUrl: proxyshardVendorBaseUrl,
  env: [
    {
      name: 'PROXYSHARD_API_KEY',
      description: 'ProxyShard User API key (dashboard); enables the provider.',
      secret: true,
    },
    { name: 'PROXYSHARD_BASE_URL', description: 'ProxyShard User API base URL.', default: proxyshardVendorBaseUrl },
    {
      name: 'PROXYSHARD_GATEWAY',
      description: 'Residential relay host for proxy strings.',
      default: proxyshardDefaults.gatewayHost,
    },
    { name: 'PROXYSHARD_HTTP_PORT', description: 'Relay HTTP port.', default: String(proxyshardDefaults.httpPort) },
    { name: 'PROXYSHARD_SOCKS_PORT', description: 'Relay SOCKS5 port.', default: String(proxyshardDefaults.socksPort) },
    {
      name: 'PROXYSHARD_PROXY_USERNAME',
      description: 'Proxy login template; {user_id}, {name} and {plan} (limited|premium) are filled in.',
      default: proxyshardDefaults.proxyUsernameTemplate,
    },
    {
      name: 'PROXYSHARD_POOL',
      description: 'Residential pool (standart|premium) for create without plan:, searched first.',
      default: proxyshardDefaults.defaultPool,
    },
    {
      name: 'PROXYSHARD_SUBUSER_DATA_UNIT',
      description: 'Unit of sub-user data/data_spent in API answers (bytes|GB).',
      default: proxyshardDefaults.subUserDataUnit,
    },
  ],
  envSchema: proxyshardEnvSchema,
  settingsFromEnv(env) {
    const parsed = proxyshardEnvSchema.parse(env);
    if (!parsed.PROXYSHARD_API_KEY) return undefined;
    return {
      apiKey: parsed.PROXYSHARD_API_KEY,
      baseUrl: parsed.PROXYSHARD_BASE_URL ?? proxyshardVendorBaseUrl,
      gatewayHost: parsed.PROXYSHARD_GATEWAY,
      httpPort: parsed.PROXYSHARD_HTTP_PORT,
      socksPort: parsed.PROXYSHARD_SOCKS_PORT,
      proxyUsernameTemplate: parsed.PROXYSHARD_PROXY_USERNAME,
      defaultPool: parsed.PROXYSHARD_POOL,
      subUserDataUnit: parsed.PROXYSHARD_SUBUSER_DATA_UNIT,
    };
  },
  create: createProxyShardProvider,
};
