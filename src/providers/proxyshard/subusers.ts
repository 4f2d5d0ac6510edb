import { ProviderError } from '../../errors.js';
import { type HttpClient, urlPath } from '../http.js';
import type { Customer } from '../types.js';
import { call, PROVIDER } from './envelope.js';
import { type SubUser, subUserListSchema, subUserReadSchema } from './schema.js';

/** The vendor's residential pools, spelled as the vendor spells them (`standart`, sic). */
export const pools = ['standart', 'premium'] as const;
export type Pool = (typeof pools)[number];

/** The vendor's page-size ceiling for sub-user lists. */
export const maxPageSize = 100;

export interface Located {
  userId: string;
  pool: Pool;
}

export interface SubUserRecord {
  user: SubUser;
  pool: Pool;
}

/** Sub-user traffic fields are read in this many bytes per unit (bytes unless configured as GB). */
export function toCustomer(record: SubUserRecord, bytesPerUnit: number): Customer {
  const { user, pool } = record;
  const limitBytes = user.data * bytesPerUnit;
  const usedBytes = user.data_spent * bytesPerUnit;
  const remainingBytes =
    user.data_remain === undefined ? Math.max(0, limitBytes - usedBytes) : user.data_remain * bytesPerUnit;
  return {
    username: user.first_name,
    id: user.user_id,
    status: 'active',
    limitBytes,
    usedBytes,
    remainingBytes,
    extra: { pool },
  };
}

export interface PoolPage {
  users: SubUser[];
  /** Total in the pool when the vendor says so. */
  count?: number;
}

export async function fetchPoolPage(client: HttpClient, pool: Pool, offset: number, limit: number): Promise<PoolPage> {
  const body = await call(
    client,
    { method: 'GET', path: '/user/api/proxies/sub-users', query: { proxy_type: pool, offset, limit } },
    subUserListSchema,
    'sub-user list',
  );
  return { users: body.data, count: body.count };
}

/** Every sub-user of one pool, a page of 100 at a time, stopping at `count` or a short page. */
export async function fetchPool(client: HttpClient, pool: Pool): Promise<SubUser[]> {
  const all: SubUser[] = [];
  for (let offset = 0; ; offset += maxPageSize) {
    const page = await fetchPoolPage(client, pool, offset, maxPageSize);
    all.push(...page.users);
    const total = page.count ?? Number.POSITIVE_INFINITY;
    if (page.users.length < maxPageSize || all.length >= total) return all;
  }
}

/** GET of one sub-user; the spec puts it in a one-element `data` array. */
export async function fetchSubUser(client: HttpClient, located: Located): Promise<SubUserRecord> {
  const body = await call(
    client,
    {
      method: 'GET',
      path: urlPath`/user/api/proxies/sub-user/${located.userId}`,
      query: { proxy_type: located.pool },
    },
    subUserReadSchema,
    'sub-user',
  );
  const user = body.data[0];
  if (!user) throw new ProviderError(PROVIDER, 'not_found', `ProxyShard has no sub-user ${located.userId}.`);
  return { user, pool: located.pool };
}

/**
 * Names are not documented as unique upstream, so a lookup scans every pool and refuses to guess
 * between two sub-users with the same name.
 */
export async function findByName(client: HttpClient, searchOrder: readonly Pool[], name: string): Promise<Located[]> {
  const found: Located[] = [];
  for (const pool of searchOrder) {
    for (const user of await fetchPool(client, pool)) {
      if (user.first_name === name) found.push({ userId: user.user_id, pool });
    }
  }
  return found;
}

export function ambiguous(name: string, matches: Located[]): ProviderError {
  const where = matches.map((m) => `${m.userId} (${m.pool})`).join(', ');
  return new ProviderError(
    PROVIDER,
    'conflict',
    `ProxyShard has ${matches.length} sub-users named "${name}": ${where}. Rename or delete one in the dashboard.`,
  );
}
