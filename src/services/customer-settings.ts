import * as z from 'zod';
import { type LinkedUser, linkedUserSchema, sameUser } from '../storage/links.js';
import type { DocumentHandle, Store } from '../storage/store.js';

// The schemas below are built when first used (z.lazy): a command that reads none of these records
// (a terminal `/help`) does not build them at start-up.

/**
 * What the reseller allows linked customers (`/link policy`), and each customer's own choices
 * (`/my alerts off`), in the store's `customer-settings` document. DMs that could not be delivered
 * are remembered here, so staff hear about each customer once, not once per sweep.
 */
export const customerSettingsSchema = z.lazy(() =>
  z.object({
    version: z.literal(1),
    /** `/my password reset` works only when the reseller turned it on (off by default). */
    passwordReset: z.boolean(),
    /** Customers who turned their alert DMs off. */
    muted: z.array(linkedUserSchema),
    /** Customers the bot could not DM (closed DMs, left the server), since when and why. */
    undeliverable: z.array(linkedUserSchema.extend({ since: z.string(), reason: z.string() })),
  }),
);
export type CustomerSettings = z.infer<typeof customerSettingsSchema>;

const defaults: CustomerSettings = { version: 1, passwordReset: false, muted: [], undeliverable: [] };

export function openCustomerSettings(store: Store): Promise<DocumentHandle<CustomerSettings>> {
  return store.documents.open('customer-settings', customerSettingsSchema, defaults);
}

export class CustomerSettingsService {
  constructor(private readonly store: Store) {}

  async read(): Promise<CustomerSettings> {
    return structuredClone(await (await openCustomerSettings(this.store)).read()) as CustomerSettings;
  }

  async setPasswordReset(on: boolean): Promise<void> {
    await (await openCustomerSettings(this.store)).update((draft) => {
      draft.passwordReset = on;
    });
  }

  async isMuted(user: LinkedUser): Promise<boolean> {
    return (await this.read()).muted.some((m) => sameUser(m, user));
  }

  /** Returns whether anything changed. */
  async setMuted(user: LinkedUser, muted: boolean): Promise<boolean> {
    return (await openCustomerSettings(this.store)).update((draft) => {
      const was = draft.muted.some((m) => sameUser(m, user));
      if (was === muted) return false;
      draft.muted = muted
        ? [...draft.muted, { platform: user.platform, id: user.id }]
        : draft.muted.filter((m) => !sameUser(m, user));
      return true;
    });
  }
}
