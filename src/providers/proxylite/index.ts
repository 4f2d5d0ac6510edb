import { z } from 'zod';
import { UserInputError } from '../../errors.js';
import { optionalBaseUrl } from '../env-fields.js';
import { generatePassword } from '../password.js';
import type { ProviderModule, ProviderSettings } from '../settings.js';
import type { PasswordCapability, Provider, ProxyConfigCapability, ProxyEndpoint } from '../types.js';
import {
  checkPassword,
  checkProxyLiteUsername,
  displayName,
  findAccount,
  paths,
  propagationMs,
  propagationNotices,
  usernameRule,
} from './accounts.js';
import { createCustomers, generatedPasswordLength } from './customers.js';
import { createProxyLiteApi, PROVIDER, type ProxyLiteApi } from './envelope.js';
import { createBalance } from './traffic.js';
import { createResellerBalance, createUsage, readSummary } from './usage.js';

export { propagationNotices };

export const vendorBaseUrl = 'https://api.proxylite.com';
/**
 * The doc names no proxy gateway. These are placeholders in the vendor's domain with the customary
 * ports; the reseller should set the real ones from the ProxyLite dashboard.
 */
export const defaultHttpGateway = 'gate.proxylite.com:8000';
export const defaultSocks5Gateway = 'gate.proxylite.com:1080';

export interface ProxyLiteSettings extends ProviderSettings {
  /** host:port of the HTTP gateway used in proxy strings. */
  httpGateway?: string;
  /** host:port of the SOCKS5 gateway used in proxy strings. */
  socks5Gateway?: string;
  /** The clock for usage windows (tests pin it to the simulator's). */
  now?: () => Date;
}

const gatewayPattern = /^[A-Za-z0-9.-]+:([1-9]\d{0,4})$/;

function isGateway(value: string): boolean {
  const m = gatewayPattern.exec(value);
  return Boolean(m) && Number(m?.[1]) <= 65_535;
}

function parseGateway(value: string): { host: string; port: number } {
  if (!isGateway(value)) throw new UserInputError(`"${value}" is not a ProxyLite gateway: use host:port.`);
  const at = value.lastIndexOf(':');
  return { host: value.slice(0, at), port: Number(value.slice(at + 1)) };
}

function createProxyConfig(api: ProxyLiteApi, settings: ProxyLiteSettings): ProxyConfigCapability {
  const http = parseGateway(settings.httpGateway ?? defaultHttpGateway);
  const socks5 = parseGateway(settings.socks5Gateway ?? defaultSocks5Gateway);
  return {
    async proxies(username) {
      const account = await findAccount(api, checkProxyLiteUsername(username));
      const credentials = { username: account.username, password: account.password ?? undefined };
      const endpoints: ProxyEndpoint[] = [
        { ...http, protocol: 'http', ...credentials, label: 'gateway' },
        { ...socks5, protocol: 'socks5', ...credentials, label: 'gateway' },
      ];
      return endpoints;
    },
  };
}

function createPasswords(api: ProxyLiteApi): PasswordCapability {
  return {
    vendorGenerates: false,
    notice: propagationNotices.password,
    appliesWithinMs: propagationMs,
    async reset(username, password) {
      const chosen = password === undefined ? generatePassword(generatedPasswordLength) : checkPassword(password);
      const account = await findAccount(api, checkProxyLiteUsername(username));
      await api.post(paths.changePassword, { account: account.username, password: chosen }, 'changing the password');
      return { password: chosen };
    },
  };
}

export function createProxyLiteProvider(settings: ProxyLiteSettings): Provider {
  const api = createProxyLiteApi(settings);
  const now = settings.now ?? (() => new Date());
  return {
    id: PROVIDER,
    displayName,
    usernameRule,
    customers: createCustomers(api),
    balance: createBalance(api),
    passwords: createPasswords(api),
    proxyConfig: createProxyConfig(api, settings),
    usage: createUsage(api, now),
    resellerBalance: createResellerBalance(api),
    async ping() {
      await readSummary(api, 9);
    },
  };
}

const optional = z
  .string()
  .optional()
  .transform((v) => (v === '' ? undefined : v));
const gateway = optional.refine((v) => v === undefined || isGateway(v), {
  message: 'must be host:port, e.g. gate.example.com:8000',
});

export const proxyliteModule: ProviderModule<ProxyLiteSettings> = {
  id: PROVIDER,
  displayName,
  vendorBaseUrl,
  env: [
    {
      name: 'PROXYLITE_APP_KEY',
      description: 'ProxyLite app_key (account centre homepage); enables ProxyLite.',
      secret: true,
    },
    { name: 'PROXYLITE_BASE_URL', description: 'ProxyLite OpenAPI base URL.', default: vendorBaseUrl },
    {
      name: 'PROXYLITE_GATEWAY',
      description: 'host:port of the HTTP proxy gateway put in proxy strings (not documented; check your dashboard).',
      default: defaultHttpGateway,
    },
    {
      name: 'PROXYLITE_SOCKS5_GATEWAY',
      description: 'host:port of the SOCKS5 proxy gateway put in proxy strings (not documented; check your dashboard).',
      default: defaultSocks5Gateway,
    },
  ],
  envSchema: z.object({
    PROXYLITE_APP_KEY: optional,
    PROXYLITE_BASE_URL: optionalBaseUrl(vendorBaseUrl),
    PROXYLITE_GATEWAY: gateway,
    PROXYLITE_SOCKS5_GATEWAY: gateway,
  }),
  settingsFromEnv(env) {
    const text = (name: string) => {
      const value = env[name];
      return typeof value === 'string' && value !== '' ? value : undefined;
    };
    const apiKey = text('PROXYLITE_APP_KEY');
    if (!apiKey) return undefined;
    return {
      apiKey,
      baseUrl: text('PROXYLITE_BASE_URL') ?? vendorBaseUrl,
      httpGateway: text('PROXYLITE_GATEWAY') ?? defaultHttpGateway,
      socks5Gateway: text('PROXYLITE_SOCKS5_GATEWAY') ?? defaultSocks5Gateway,
    };
  },
  create: createProxyLiteProvider,
};
