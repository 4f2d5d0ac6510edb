import { ProviderError } from '../../errors.js';
import { type Gateway, gatewayOrThrow } from '../gateways.js';
import { parseBody } from '../parse.js';
import type { Customer } from '../types.js';
import { GB, KB } from '../units.js';
import { checkUsername } from '../username.js';
import { type Client, createClient, PROVIDER, type ProxyLiteSettings } from './client.js';
import { defaultHttpGateway, defaultSocks5Gateway, displayName, usernameRule } from './rules.js';
import { accountListSchema, type VendorAccount } from './schema.js';

/** What the capabilities share: the client, the clock for usage windows, and the gateways. */
export interface Context {
  client: Client;
  now: () => Date;
  gateways: { http: Gateway; socks5: Gateway };
}

export function createContext(settings: ProxyLiteSettings): Context {
  return {
    client: createClient(settings),
    now: settings.now ?? (() => new Date()),
    gateways: {
      http: gatewayOrThrow(settings.httpGateway ?? defaultHttpGateway, 'The ProxyLite gateway'),
      socks5: gatewayOrThrow(settings.socks5Gateway ?? defaultSocks5Gateway, 'The ProxyLite SOCKS5 gateway'),
    },
  };
}

export const paths = {
  list: '/end-point/whitelist-account/list',
  add: '/end-point/whitelist-account/add',
  delete: '/end-point/whitelist-account/delete',
  enable: '/end-point/whitelist-account/enable',
  disable: '/end-point/whitelist-account/disable',
  changePassword: '/end-point/whitelist-account/change-password',
  changeLimit: '/end-point/whitelist-account/change-limit',
  usage: '/end-point/user-usage-flow/total',
  summary: '/end-point/user-product/summary',
} as const;

/**
 * For names that must already exist: the bot's own rule keeps the request safe, and a name outside the
 * vendor's rule cannot exist there, so it is not_found without asking.
 */
export function checkProxyLiteUsername(username: string): string {
  checkUsername(username, displayName);
  if (!usernameRule.pattern.test(username)) {
    throw new ProviderError(PROVIDER, 'not_found', `ProxyLite has no proxy account named "${username}".`, {
      hint: `ProxyLite account names are ${usernameRule.description}.`,
    });
  }
  return username;
}

/** created_at is "Y-m-d H:i:s" with no zone (the vendor's local time, probably UTC+8): kept zone-less. */
function isoish(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})$/.exec(value);
  return m ? `${m[1]}T${m[2]}` : value;
}

/** Never copies the password: a Customer may be logged and audited. */
export function toCustomer(account: VendorAccount, notice?: string): Customer {
  const usedBytes = Math.round(account.usage_flow * KB);
  const limitBytes = account.limit_flow === 0 ? null : account.limit_flow * GB;
  const extra: Customer['extra'] = { productType: account.product_type ?? null, limitGb: account.limit_flow };
  if (notice) extra.notice = notice;
  const customer: Customer = {
    username: account.username,
    status: account.status === 1 ? 'active' : 'disabled',
    usedBytes,
    limitBytes,
    extra,
  };
  if (account.id) customer.id = account.id;
  if (limitBytes !== null) customer.remainingBytes = Math.max(0, limitBytes - usedBytes);
  const createdAt = isoish(account.created_at);
  if (createdAt) customer.createdAt = createdAt;
  if (account.remark) customer.note = account.remark;
  return customer;
}

/** There is no single-account read: every lookup is the whole list (the doc gives it no pagination). */
export async function readAccounts(client: Client): Promise<VendorAccount[]> {
  const data = await client.get(paths.list, {}, 'the proxy account list');
  return parseBody(PROVIDER, accountListSchema, data, 'the proxy account list').list;
}

export function notFound(username: string): ProviderError {
  return new ProviderError(PROVIDER, 'not_found', `ProxyLite has no proxy account named "${username}".`);
}

export async function findAccount(client: Client, username: string): Promise<VendorAccount> {
  const account = (await readAccounts(client)).find((a) => a.username === username);
  if (!account) throw notFound(username);
  return account;
}
