import { openCustomerSettings } from '../services/customer-settings.js';
import { sameUser } from '../storage/links.js';
import type { LinkedUser, Store } from '../storage/store.js';
import { type DmBookkeeping, dmUser } from './direct.js';
import { messageId } from './group.js';
import type { AlertMessage } from './message.js';
import { entriesFor, type Target } from './outbox.js';

export function undeliverableNotice(user: LinkedUser, reason: string, at: string): AlertMessage {
  return {
    id: messageId(['dm-undeliverable', user.platform, user.id, at]),
    title: 'A customer cannot be reached by DM',
    lines: [
      `Alerts for <@${user.id}> (${user.platform}) could not be sent as a direct message: ${reason}.`,
      'They may have closed their DMs or left. Staff are told once; the next DM that gets through clears this.',
    ],
    fields: [{ label: 'Customer', value: `${user.platform}:${user.id}`, inline: true }],
    tone: 'warning',
    subject: `customer-dm:${user.platform}:${user.id}`,
    createdAt: at,
  };
}

/**
 * What happens after a DM: one that cannot be delivered for good (DMs closed, user gone) is
 * recorded against the customer, and the first such failure tells staff once, in the alerts
 * channels; a later delivery that works clears the record, so a new failure is told again.
 */
export function dmBookkeeping(store: Store, staffTargets: () => Promise<Target[]>, now: () => number): DmBookkeeping {
  return {
    async undeliverable(entry, reason) {
      const user = dmUser(entry);
      if (!user) return false;
      const at = new Date(now()).toISOString();
      const settings = await openCustomerSettings(store);
      const fresh = await settings.update((draft) => {
        if (draft.undeliverable.some((u) => sameUser(u, user))) return false;
        draft.undeliverable.push({ ...user, since: at, reason: reason.slice(0, 200) });
        return true;
      });
      if (!fresh) return false;
      const targets = await staffTargets();
      if (targets.length === 0) return false;
      await store.notify.enqueue(entriesFor(undeliverableNotice(user, reason.slice(0, 200), at), targets, now()));
      return true;
    },
    async delivered(entry) {
      const user = dmUser(entry);
      if (!user) return;
      const settings = await openCustomerSettings(store);
      if (!(await settings.read()).undeliverable.some((u) => sameUser(u, user))) return;
      await settings.update((draft) => {
        draft.undeliverable = draft.undeliverable.filter((u) => !sameUser(u, user));
      });
    },
  };
}
