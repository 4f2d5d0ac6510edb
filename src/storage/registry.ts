import { z } from 'zod';
import type { DeepReadonly, StoredDocument } from './document.js';

/**
 * Customer registry: which account exists on which provider, who created it and when, and which
 * chat user owns it. Small per-customer facts only; nothing secret. Keyed by (provider, username
 * lowercased). Kept in one lowdb document, so every change rewrites it: changes are rare (create,
 * delete, owner/note edits) while reads (autocomplete, ownership checks) are served from memory.
 */
export const chatUserSchema = z.object({ platform: z.string().min(1), userId: z.string().min(1) });
export const actorSchema = chatUserSchema.extend({ name: z.string().optional() });

export const customerRecordSchema = z.object({
  provider: z.string().min(1),
  username: z.string().min(1),
  createdBy: actorSchema,
  createdAt: z.string(),
  ownerChatUser: chatUserSchema.optional(),
  note: z.string().optional(),
  updatedAt: z.string(),
});

export const registryDocumentSchema = z.object({
  version: z.literal(1),
  customers: z.array(customerRecordSchema),
});

export type ChatUser = z.infer<typeof chatUserSchema>;
export type Actor = z.infer<typeof actorSchema>;
export type CustomerRecord = z.infer<typeof customerRecordSchema>;
export type RegistryDocument = z.infer<typeof registryDocumentSchema>;

export const emptyRegistry: RegistryDocument = { version: 1, customers: [] };

export interface UpsertCustomerInput {
  provider: string;
  username: string;
  /** Used only when the record is new; an existing record keeps its creator and creation time. */
  createdBy: Actor;
  /** ISO time of creation, used only when the record is new (default: now). */
  createdAt?: string;
  /** `null` clears it, `undefined` leaves it as it is. */
  ownerChatUser?: ChatUser | null;
  /** `null` clears it, `undefined` leaves it as it is. */
  note?: string | null;
}

export interface CustomerFilter {
  provider?: string;
  owner?: ChatUser;
  /** Case-insensitive username prefix (autocomplete). */
  prefix?: string;
  limit?: number;
}

export interface Registry {
  get(provider: string, username: string): DeepReadonly<CustomerRecord> | undefined;
  /** Sorted by provider, then username. */
  list(filter?: CustomerFilter): DeepReadonly<CustomerRecord>[];
  upsert(input: UpsertCustomerInput): Promise<{ record: DeepReadonly<CustomerRecord>; created: boolean }>;
  /** True when a record was removed. */
  remove(provider: string, username: string): Promise<boolean>;
  count(provider?: string): number;
}

export function customerKey(provider: string, username: string): string {
  return `${provider}\u0000${username.toLowerCase()}`;
}

export function createRegistry(doc: StoredDocument<RegistryDocument>, now: () => Date = () => new Date()): Registry {
  let indexedFrom: DeepReadonly<RegistryDocument> | undefined;
  let index = new Map<string, DeepReadonly<CustomerRecord>>();

  /** The index follows the document: rebuilt only when the document object changed. */
  function current(): Map<string, DeepReadonly<CustomerRecord>> {
    const data = doc.read();
    if (data !== indexedFrom) {
      index = new Map(data.customers.map((record) => [customerKey(record.provider, record.username), record]));
      indexedFrom = data;
    }
    return index;
  }

  function matches(record: DeepReadonly<CustomerRecord>, filter: CustomerFilter, prefix: string | undefined): boolean {
    if (filter.provider !== undefined && record.provider !== filter.provider) return false;
    if (filter.owner) {
      const owner = record.ownerChatUser;
      if (!owner || owner.platform !== filter.owner.platform || owner.userId !== filter.owner.userId) return false;
    }
    return prefix === undefined || record.username.toLowerCase().startsWith(prefix);
  }

  return {
    get: (provider, username) => current().get(customerKey(provider, username)),
    list(filter = {}) {
      const prefix = filter.prefix?.toLowerCase();
      const found = doc.read().customers.filter((record) => matches(record, filter, prefix));
      found.sort(
        (a, b) => compare(a.provider, b.provider) || compare(a.username.toLowerCase(), b.username.toLowerCase()),
      );
      return filter.limit === undefined ? found : found.slice(0, Math.max(0, filter.limit));
    },
    upsert(input) {
      return doc.update((draft) => {
        const key = customerKey(input.provider, input.username);
        const at = now().toISOString();
        let record = draft.customers.find((item) => customerKey(item.provider, item.username) === key);
        const created = record === undefined;
        if (!record) {
          record = {
            provider: input.provider,
            username: input.username,
            createdBy: { ...input.createdBy },
            createdAt: input.createdAt ?? at,
            updatedAt: at,
          };
          draft.customers.push(record);
        }
        if (input.ownerChatUser === null) delete record.ownerChatUser;
        else if (input.ownerChatUser)
          record.ownerChatUser = { platform: input.ownerChatUser.platform, userId: input.ownerChatUser.userId };
        if (input.note === null) delete record.note;
        else if (input.note !== undefined) record.note = input.note;
        record.updatedAt = at;
        return { record: record as DeepReadonly<CustomerRecord>, created };
      });
    },
    async remove(provider, username) {
      if (!current().has(customerKey(provider, username))) return false;
      return doc.update((draft) => {
        const key = customerKey(provider, username);
        const before = draft.customers.length;
        draft.customers = draft.customers.filter((item) => customerKey(item.provider, item.username) !== key);
        return draft.customers.length !== before;
      });
    },
    count(provider) {
      const customers = doc.read().customers;
      return provider === undefined
        ? customers.length
        : customers.filter((record) => record.provider === provider).length;
    },
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
