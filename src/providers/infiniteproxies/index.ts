import { createHttpClient } from '../http.js';
import type { ProviderModule, ProviderSettings } from '../settings.js';
import type { Provider } from '../types.js';
import { createBalance, createPasswords, createResellerBalance, createUsage } from './account.js';
import { createCustomers } from './customers.js';
import { defaultAuthHeader, env, envSchema, vendorBaseUrl } from './env.js';
import { createVendor, providerId } from './envelope.js';
import { usernameRule } from './names.js';
import { createProxyConfig, defaultGateway, defaultProxyUsername, type Gateway, parseGateway } from './proxies.js';

export interface InfiniteProxiesSettings extends ProviderSettings {
  /** Header carrying the key; default `X-INFINITE-KEY`. */
  authHeader?: string;
  /** `host:port` of the HTTP gateway for proxy strings; default `resi.infiniteproxies.com:1111`. */
  gateway?: string;
  /** `host:port` of a SOCKS5 gateway; none by default. */
  socks5Gateway?: string;
  /** Proxy user name template with `{username}`; default `{username}`. */
  proxyUsername?: string;
}

function gatewayOrThrow(text: string, name: string): Gateway {
  const gateway = parseGateway(text);
  if (!gateway) throw new Error(`InfiniteProxies ${name} must be host:port, got "${text}".`);
  return gateway;
}

export function createInfiniteProxiesProvider(settings: InfiniteProxiesSettings): Provider {
  const secrets = [settings.apiKey];
  const http = createHttpClient({
    provider: providerId,
    baseUrl: settings.baseUrl,
    // "Accept: Equal to 'application/json', no other value allowed."
    headers: { Accept: 'application/json', [settings.authHeader ?? defaultAuthHeader]: settings.apiKey },
    secrets,
    timeoutMs: settings.timeoutMs,
    // GET /customers is unpaginated: about 90 B a customer, so some 350,000 customers fit.
    maxResponseBytes: settings.maxResponseBytes ?? 32_000_000,
    retry: settings.retry,
    fetch: settings.fetch,
    logger: settings.logger,
  });
  const vendor = createVendor(http, secrets);
  const resellerBalance = createResellerBalance(vendor);
  return {
    id: providerId,
    displayName: 'InfiniteProxies',
    usernameRule,
    customers: createCustomers(vendor),
    balance: createBalance(vendor),
    passwords: createPasswords(vendor),
    proxyConfig: createProxyConfig(vendor, {
      http: gatewayOrThrow(settings.gateway ?? defaultGateway, 'gateway'),
      socks5: settings.socks5Gateway ? gatewayOrThrow(settings.socks5Gateway, 'SOCKS5 gateway') : undefined,
      usernameFormat: settings.proxyUsername ?? defaultProxyUsername,
    }),
    usage: createUsage(vendor),
    resellerBalance,
    async ping() {
      await resellerBalance.get();
    },
  };
}

export const infiniteproxiesModule: ProviderModule<InfiniteProxiesSettings> = {
  id: providerId,
  displayName: 'InfiniteProxies',
  vendorBaseUrl,
  env,
  envSchema,
  settingsFromEnv(raw) {
    const parsed = envSchema.parse(raw);
    if (!parsed.INFINITEPROXIES_API_KEY) return undefined;
    return {
      baseUrl: parsed.INFINITEPROXIES_BASE_URL ?? vendorBaseUrl,
      apiKey: parsed.INFINITEPROXIES_API_KEY,
      authHeader: parsed.INFINITEPROXIES_AUTH_HEADER ?? defaultAuthHeader,
      gateway: parsed.INFINITEPROXIES_GATEWAY ?? defaultGateway,
      socks5Gateway: parsed.INFINITEPROXIES_SOCKS5_GATEWAY,
      proxyUsername: parsed.INFINITEPROXIES_PROXY_USERNAME ?? defaultProxyUsername,
    };
  },
  create: createInfiniteProxiesProvider,
};
