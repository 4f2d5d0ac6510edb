import * as z from 'zod';

// The schemas below are built when first used (z.lazy): a command that reads none of these records
// (a terminal `/help`) does not build them at start-up.

/**
 * Customer registry: which account exists on which provider, who created it and when, and which
 * chat user owns it. Small per-customer facts only; nothing secret. Keyed by (provider, username
 * lowercased).
 */
export const chatUserSchema = z.object({ platform: z.string().min(1), userId: z.string().min(1) });
export const actorSchema = z.lazy(() => chatUserSchema.extend({ name: z.string().optional() }));

export const customerRecordSchema = z.lazy(() =>
  z.object({
    provider: z.string().min(1),
    username: z.string().min(1),
    createdBy: actorSchema,
    createdAt: z.string(),
    ownerChatUser: chatUserSchema.optional(),
    note: z.string().optional(),
    updatedAt: z.string(),
  }),
);

export type ChatUser = z.infer<typeof chatUserSchema>;
export type Actor = z.infer<typeof actorSchema>;
export type CustomerRecord = z.infer<typeof customerRecordSchema>;

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
  get(provider: string, username: string): Promise<CustomerRecord | undefined>;
  /** Sorted by provider, then username. */
  list(filter?: CustomerFilter): Promise<CustomerRecord[]>;
  upsert(input: UpsertCustomerInput): Promise<{ record: CustomerRecord; created: boolean }>;
  /** True when a record was removed. */
  remove(provider: string, username: string): Promise<boolean>;
  count(provider?: string): Promise<number>;
}

export function customerKey(provider: string, username: string): string {
  return `${provider}\u0000${username.toLowerCase()}`;
}

/** The record an upsert leaves: `existing` changed as asked, or a new one. */
export function upserted(existing: CustomerRecord | undefined, input: UpsertCustomerInput, at: string): CustomerRecord {
  const record: CustomerRecord = existing
    ? structuredClone(existing)
    : {
        provider: input.provider,
        username: input.username,
        createdBy: { ...input.createdBy },
        createdAt: input.createdAt ?? at,
        updatedAt: at,
      };
  if (input.ownerChatUser === null) delete record.ownerChatUser;
  else if (input.ownerChatUser)
    record.ownerChatUser = { platform: input.ownerChatUser.platform, userId: input.ownerChatUser.userId };
  if (input.note === null) delete record.note;
  else if (input.note !== undefined) record.note = input.note;
  record.updatedAt = at;
  return record;
}

export function matchesFilter(record: CustomerRecord, filter: CustomerFilter): boolean {
  if (filter.provider !== undefined && record.provider !== filter.provider) return false;
  if (filter.owner) {
    const owner = record.ownerChatUser;
    if (!owner || owner.platform !== filter.owner.platform || owner.userId !== filter.owner.userId) return false;
  }
  return filter.prefix === undefined || record.username.toLowerCase().startsWith(filter.prefix.toLowerCase());
}

export function compareCustomers(a: CustomerRecord, b: CustomerRecord): number {
  return compare(a.provider, b.provider) || compare(a.username.toLowerCase(), b.username.toLowerCase());
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
