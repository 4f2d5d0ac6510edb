import type { CustomerSettings } from '../services/customer-settings.js';
import { accountRef } from '../services/links.js';
import type { Link, LinkedUser, OutboxEntry } from '../storage/store.js';
import { dmChannel } from './direct.js';
import type { Alert } from './evaluate.js';
import { messageId } from './group.js';
import type { AlertMessage } from './message.js';
import { entriesFor } from './outbox.js';
import type { Rule } from './rules.js';

/**
 * Alerts addressed to customers (`notify:customer` or `notify:both` on a traffic or expiry rule):
 * each linked customer gets their own account's warnings as a direct message on the platform they
 * are linked on, queued in the same commit as the staff alerts, so they too are sent once.
 */

export type Audience = 'staff' | 'customer' | 'both';

export function audienceOf(rule: Rule): Audience {
  return 'notify' in rule && rule.notify ? rule.notify : 'staff';
}

const reachesStaff = (a: Audience) => a !== 'customer';
const reachesCustomer = (a: Audience) => a !== 'staff';

/** Who is linked to which account, and who muted their alerts: read before a sweep commits. */
export interface Recipients {
  byAccount: Map<string, Link>;
  muted: Set<string>;
}

const accountKey = (provider: string, username: string) => `${provider}:customer:${username.toLowerCase()}`;
const userKey = (u: LinkedUser) => `${u.platform}:${u.id}`;

export function recipientsFrom(links: readonly Link[], settings: Pick<CustomerSettings, 'muted'>): Recipients {
  return {
    byAccount: new Map(links.map((l) => [accountKey(l.provider, l.username), l])),
    muted: new Set(settings.muted.map(userKey)),
  };
}

export function wantsCustomers(rules: readonly Rule[]): boolean {
  return rules.some((r) => reachesCustomer(audienceOf(r)));
}

/** Staff see the alerts of rules addressed to staff; the rest are for customers only. */
export function staffAlerts(alerts: readonly Alert[], rules: readonly Rule[]): Alert[] {
  const audience = new Map(rules.map((r) => [r.id, audienceOf(r)]));
  return alerts.filter((a) => reachesStaff(audience.get(a.ruleId) ?? 'staff'));
}

/**
 * One DM per account per sweep, with that account's alerts only, to the linked customer unless
 * they muted their alerts. Accounts nobody is linked to get none.
 */
export function customerMessages(
  alerts: readonly Alert[],
  rules: readonly Rule[],
  recipients: Recipients,
  options: { createdAt: string; displayName: (providerId: string) => string },
): Array<{ message: AlertMessage; user: LinkedUser }> {
  const audience = new Map(rules.map((r) => [r.id, audienceOf(r)]));
  const byAccount = new Map<string, { link: Link; alerts: Alert[] }>();
  for (const alert of alerts) {
    if (!reachesCustomer(audience.get(alert.ruleId) ?? 'staff') || !alert.name) continue;
    if (!alert.group.startsWith(`${alert.provider}:customer:`)) continue;
    const link = recipients.byAccount.get(accountKey(alert.provider, alert.name));
    if (!link || recipients.muted.has(userKey(link.user))) continue;
    const key = accountKey(link.provider, link.username);
    const found = byAccount.get(key);
    if (found) found.alerts.push(alert);
    else byAccount.set(key, { link, alerts: [alert] });
  }
  return [...byAccount.values()].map(({ link, alerts: list }) => {
    const worst = list.some((a) => a.severity === 'error') ? 'error' : 'warning';
    const facts: Record<string, string> = {};
    for (const a of list) Object.assign(facts, a.facts);
    const subject = list[0]?.group ?? accountKey(link.provider, link.username);
    const message: AlertMessage = {
      id: messageId([
        'dm',
        options.createdAt,
        userKey(link.user),
        subject,
        ...list.map((a) => `${a.ruleId}:${a.line}`),
      ]),
      title: `Your account ${accountRef(link)}`,
      lines: [
        ...list.map((a) => a.line),
        'Ask your reseller to top it up or renew it. Mute these with /my alerts off.',
      ],
      fields: [
        { label: 'Service', value: options.displayName(link.provider), inline: true },
        ...Object.entries(facts).map(([label, value]) => ({ label, value, inline: true })),
      ],
      tone: worst,
      subject,
      provider: link.provider,
      createdAt: options.createdAt,
    };
    return { message, user: link.user };
  });
}

export function dmEntries(dms: ReadonlyArray<{ message: AlertMessage; user: LinkedUser }>, now: number): OutboxEntry[] {
  return dms.flatMap(({ message, user }) =>
    entriesFor(message, [{ platform: user.platform, channelId: dmChannel(user) }], now),
  );
}

/**
 * With no alerts channel set, a sweep records nothing it fired, so staff alerts fire once a channel
 * is set; the keys of rules that reach customers are kept, or their DMs would repeat every sweep.
 */
export function firedWithoutStaff<T>(
  before: Readonly<Record<string, T>>,
  after: Readonly<Record<string, T>>,
  rules: readonly Rule[],
): Record<string, T> {
  const ids = new Set(rules.filter((r) => reachesCustomer(audienceOf(r))).map((r) => r.id));
  const ruleOf = (key: string) => key.slice(0, key.indexOf('|'));
  const kept: Record<string, T> = {};
  for (const [key, value] of Object.entries(before)) if (!ids.has(ruleOf(key))) kept[key] = value;
  for (const [key, value] of Object.entries(after)) if (ids.has(ruleOf(key))) kept[key] = value;
  return kept;
}
