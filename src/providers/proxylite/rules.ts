import { UserInputError } from '../../errors.js';
import type { UsernameRule } from '../types.js';
import { GB, nearestSteps } from '../units.js';
import { checkUsername } from '../username.js';

/** The vendor's documented rules, checked before any request; its simulator enforces the same ones. */

export const displayName = 'ProxyLite';

/** "Account and password only support numbers and letters" (whitelist-account/add). */
export const lettersAndDigits = /^[A-Za-z0-9]+$/;

export const usernameRule: UsernameRule = {
  pattern: lettersAndDigits,
  description: 'letters and digits only (no "_", "-" or ".")',
};

/** limit_flow's documented maximum, in GB. */
export const maxLimitGb = 102_400;

/** The product types a proxy account can be added under (whitelist-account/add). */
export const accountProductTypes = [9, 11, 14, 25] as const;

/** The product types with a traffic summary; 12 is shown only when the reseller owns some. */
export const summaryTypes = [
  { productType: 9, label: 'Dynamic residential traffic (type 9)', always: true },
  { productType: 12, label: 'Long-term IDC traffic (type 12)', always: false },
] as const;

/**
 * The doc names no proxy gateway. These are placeholders in the vendor's domain with the customary
 * ports; the reseller should set the real ones from the ProxyLite dashboard.
 */
export const defaultHttpGateway = 'gate.proxylite.com:8000';
export const defaultSocks5Gateway = 'gate.proxylite.com:1080';

/** The doc caps nothing (its default window is 7 days); 30 matches what a reseller reviews monthly. */
export const maxUsageDays = 30;

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

/** For names that must be new: the vendor's own rule, so the add cannot be refused for its characters. */
export function checkNewUsername(username: string): string {
  return checkUsername(username, displayName, usernameRule);
}

/** 12 letters and digits: inside the documented 6–16 whatever end of it ProxyLite counts inclusively. */
export const generatedPasswordLength = 12;

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

/** change-limit takes whole GB only; anything that does not convert exactly is refused, never rounded. */
export function trafficToGb(bytes: number): number {
  if (!Number.isFinite(bytes) || bytes <= 0) {
    throw new UserInputError('The amount must be more than zero.');
  }
  if (bytes % GB !== 0) {
    throw new UserInputError(
      `ProxyLite limits are whole gigabytes (1 GB = 1000 MB); try ${nearestSteps(bytes, GB, 'GB')}.`,
    );
  }
  const gb = bytes / GB;
  if (gb > maxLimitGb) throw new UserInputError(`ProxyLite limits are at most ${maxLimitGb} GB.`);
  return gb;
}

/** "Y-m-d H:i:s", the format of every time the API takes or gives. The vendor's zone is undocumented; we send UTC. */
export function vendorTime(date: Date): string {
  return date.toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * Product types bought through /order/create as the bot offers it. Left out: 3 (balance recharge) and
 * 26 (repayment) are not proxies, 11 needs its SKU ids (bandwidth, concurrency, duration), 19 is the
 * renewal package (used by renew) and 20 a replacement quota.
 */
export const unsoldProductTypes: readonly number[] = [3, 11, 19, 20, 26];

/** Static IP packages take `region_list`; `isp` is the matching filter of /ip/static-ip-region. */
export const staticIpTypes: Readonly<Record<number, 0 | 1>> = { 14: 0, 25: 1 };

/** The package that renews static IPs (type 19), filtered by `parent_product_type` 14 or 25. */
export const renewalProductType = 19;

/**
 * `renew_duration`: a string enum in /order/check (1m, 2m, em = end of next month) and an integer in
 * /order/create. 1m and 2m are sent to create as 1 and 2; "em" has no integer and can be quoted only.
 */
export const renewDurations = ['1m', '2m', 'em'] as const;
export const renewMonths: Readonly<Record<string, number>> = { '1m': 1, '2m': 2 };

/** A payment method that pays from the account balance, as /payment/groups names it. */
export const balancePayment = /balance|余额/i;

/** `region_list`: "JP,15,333|DE,10,444" — region, quantity, optional ASN. */
export function regionList(regions: ReadonlyArray<{ code: string; quantity: number; asn?: string }>): string {
  return regions.map((r) => [r.code, r.quantity, ...(r.asn ? [r.asn] : [])].join(',')).join('|');
}

/** The bot picks new passwords by the vendor's rule (passwordsSpec, passwordsDeclaration). */
export const passwordPicker = { length: generatedPasswordLength, check: checkPassword };
