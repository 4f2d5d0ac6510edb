import { ProviderError, UserInputError } from '../../errors.js';
import { parseBody } from '../parse.js';
import type { Customer, UsernameRule } from '../types.js';
import { checkUsername } from '../username.js';
import { PROVIDER, type ProxyLiteApi } from './envelope.js';
import { accountListSchema, GB, KB, type VendorAccount } from './schema.js';

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

/** "Account and password only support numbers and letters" (whitelist-account/add). */
export const usernameRule: UsernameRule = {
  pattern: /^[A-Za-z0-9]+$/,
  description: 'letters and digits only (no "_", "-" or ".")',
};

export const displayName = 'ProxyLite';

/** For names that must be new: the vendor's own rule, so the add cannot be refused for its characters. */
export function checkNewUsername(username: string): string {
  return checkUsername(username, displayName, usernameRule);
}

/**
 * For names that must already exist: SPEC's rule keeps the request safe, and a name outside the vendor's
 * rule cannot exist there, so it is not_found without asking.
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

/** The documented delay in applying deletes, disables, passwords and limits ("about 5 minutes"). */
export const propagationMs = 5 * 60 * 1000;

/**
 * The documented ~5-minute delays, for the command layer to warn with. Customers returned by a delayed
 * change also carry the matching text in `extra.notice`.
 */
export const propagationNotices = {
  delete:
    'ProxyLite takes about 5 minutes to delete an account; it may keep working, and incurring charges, until then.',
  disable:
    'ProxyLite takes about 5 minutes to disable an account; it may keep working, and incurring charges, until then.',
  password: 'ProxyLite takes about 5 minutes to apply a new password; the old one keeps working until then.',
  limit: 'ProxyLite counts traffic up to 5 minutes late, so the account may use somewhat more than its new limit.',
} as const;

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
export async function readAccounts(api: ProxyLiteApi): Promise<VendorAccount[]> {
  const data = await api.get(paths.list, {}, 'the proxy account list');
  return parseBody(PROVIDER, accountListSchema, data, 'the proxy account list').list;
}

export function notFound(username: string): ProviderError {
  return new ProviderError(PROVIDER, 'not_found', `ProxyLite has no proxy account named "${username}".`);
}

export async function findAccount(api: ProxyLiteApi, username: string): Promise<VendorAccount> {
  const account = (await readAccounts(api)).find((a) => a.username === username);
  if (!account) throw notFound(username);
  return account;
}

/** "6-16 digits or letters" (proxy-account/change), the only length ProxyLite documents. */
export function checkPassword(password: string): string {
  if (!/^[A-Za-z0-9]{6,16}$/.test(password)) {
    throw new UserInputError('ProxyLite passwords must be 6–16 letters and digits, with no symbols or spaces.');
  }
  return password;
}

/** "within 32 Chinese characters or 64 English characters" (change-remark). */
export function checkRemark(note: string): string {
  const wide = /[^\u0000-\u007f]/.test(note);
  const max = wide ? 32 : 64;
  if ([...note].length > max) {
    throw new UserInputError(
      `ProxyLite notes are at most ${max} characters${wide ? ' when they contain non-Latin text' : ''}.`,
    );
  }
  return note;
}
