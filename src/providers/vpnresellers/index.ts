import { z } from 'zod';
import { optionalBaseUrl } from '../env-fields.js';
import { createHttpClient, type HttpClient } from '../http.js';
import type { ProviderEnvVar, ProviderModule, ProviderSettings } from '../settings.js';
import type { Provider } from '../types.js';
import { createBalance, createCustomers, createPasswords } from './accounts.js';
import { createVpnConfigs } from './configs.js';
import { createAccountDirectory } from './directory.js';
import { call, jsonHeaders } from './envelope.js';
import { profileEnvelope, toMinorUnits } from './schema.js';

export const VPNRESELLERS_BASE_URL = 'https://api.vpnresellers.com/v4_1';

export interface VpnResellersSettings extends ProviderSettings {
  /** The docs show the balance as a bare string ("253.70") and never name its currency. */
  currency?: string;
  /** `per_page` when walking the account list to find a username's id. */
  pageSize?: number;
  /** The clock for "today" in expiry arithmetic (tests). */
  now?: () => number;
}

export const DEFAULT_CURRENCY = 'USD';
/** The vendor's default is 15 and it documents no maximum; 100 keeps a 10,000-account walk at 100 calls. */
export const DEFAULT_PAGE_SIZE = 100;

export function createVpnResellersProvider(settings: VpnResellersSettings): Provider {
  const http: HttpClient = createHttpClient({
    provider: 'vpnresellers',
    baseUrl: settings.baseUrl,
    headers: { Authorization: `Bearer ${settings.apiKey}`, ...jsonHeaders },
    secrets: [settings.apiKey],
    timeoutMs: settings.timeoutMs,
    maxResponseBytes: settings.maxResponseBytes,
    retry: settings.retry,
    fetch: settings.fetch,
    logger: settings.logger,
  });
  const directory = createAccountDirectory(http, settings.pageSize ?? DEFAULT_PAGE_SIZE);
  const ctx = { http, directory, now: settings.now ?? Date.now };
  const currency = settings.currency ?? DEFAULT_CURRENCY;
  const profile = () =>
    call(http, {
      request: { method: 'GET', path: '/profile', headers: jsonHeaders },
      schema: profileEnvelope,
      what: 'profile',
    });

  return {
    id: 'vpnresellers',
    displayName: 'VPNresellers',
    customers: createCustomers(ctx),
    balance: createBalance(ctx),
    passwords: createPasswords(ctx),
    vpnConfig: createVpnConfigs(http, directory),
    resellerBalance: {
      async get() {
        const { data } = await profile();
        return [{ label: 'Reseller balance', kind: 'money', minor: toMinorUnits(data.balance), currency }];
      },
    },
    async ping() {
      await profile();
    },
  };
}

const env: ProviderEnvVar[] = [
  {
    name: 'VPNRESELLERS_API_TOKEN',
    description: 'API token from app.vpnresellers.com/api-access (Bearer).',
    secret: true,
  },
  {
    name: 'VPNRESELLERS_BASE_URL',
    description: 'VPNresellers API base, version included.',
    default: VPNRESELLERS_BASE_URL,
  },
  {
    name: 'VPNRESELLERS_CURRENCY',
    description: 'Currency of the reseller balance (the API returns a bare number and never names it).',
    default: DEFAULT_CURRENCY,
  },
  {
    name: 'VPNRESELLERS_PAGE_SIZE',
    description: 'Accounts per page (per_page) when looking a username up; the vendor documents no maximum.',
    default: String(DEFAULT_PAGE_SIZE),
  },
];

const unsetIfEmpty = (value: unknown) => (value === '' ? undefined : value);

const envSchema = z.object({
  VPNRESELLERS_API_TOKEN: z.preprocess(unsetIfEmpty, z.string().trim().min(1).optional()),
  VPNRESELLERS_BASE_URL: optionalBaseUrl(VPNRESELLERS_BASE_URL),
  VPNRESELLERS_CURRENCY: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .regex(/^[A-Za-z]{3}$/, 'a three-letter currency code such as USD')
      .transform((c) => c.toUpperCase())
      .optional(),
  ),
  VPNRESELLERS_PAGE_SIZE: z.preprocess(unsetIfEmpty, z.coerce.number().int().min(1).max(1000).optional()),
});

export const vpnresellersModule: ProviderModule<VpnResellersSettings> = {
  id: 'vpnresellers',
  displayName: 'VPNresellers',
  vendorBaseUrl: VPNRESELLERS_BASE_URL,
  env,
  envSchema,
  settingsFromEnv(raw) {
    const parsed = envSchema.parse(raw);
    if (!parsed.VPNRESELLERS_API_TOKEN) return undefined;
    return {
      apiKey: parsed.VPNRESELLERS_API_TOKEN,
      baseUrl: parsed.VPNRESELLERS_BASE_URL ?? VPNRESELLERS_BASE_URL,
      currency: parsed.VPNRESELLERS_CURRENCY ?? DEFAULT_CURRENCY,
      pageSize: parsed.VPNRESELLERS_PAGE_SIZE ?? DEFAULT_PAGE_SIZE,
    };
  },
  create: createVpnResellersProvider,
};
