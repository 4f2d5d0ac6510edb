import { ProviderError } from '../../errors.js';
import { urlPath } from '../http.js';
import type { ProviderSettings } from '../settings.js';
import type { Customer } from '../types.js';
import { GB } from '../units.js';
import { checkUsername } from '../username.js';
import { type Client, createClient, PROVIDER, type ProxyShardSettings } from './client.js';
import { maxPageSize, type Pool, pools, proxyshardDefaults } from './rules.js';
import { type SubUser, subUserListSchema, subUserReadSchema } from './schema.js';

export interface Located {
  userId: string;
  pool: Pool;
}

export interface SubUserRecord {
  user: SubUser;
  pool: Pool;
}

/** What the capabilities share: the client, the settings with their defaults, and the sub-user lookup. */
export interface Context {
  client: Client;
  settings: Required<Omit<ProxyShardSettings, keyof ProviderSettings>>;
  /** Bytes per unit of the vendor's sub-user `data`/`data_spent`/`data_remain` fields. */
  bytesPerUnit: number;
  /** Pools in the order lookups search them: the default pool first. */
  searchOrder: Pool[];
  subUsers: SubUserLookup;
}

export function createContext(settings: ProxyShardSettings): Context {
  const s = {
    gatewayHost: settings.gatewayHost ?? proxyshardDefaults.gatewayHost,
    httpPort: settings.httpPort ?? proxyshardDefaults.httpPort,
    socksPort: settings.socksPort ?? proxyshardDefaults.socksPort,
    proxyUsernameTemplate: settings.proxyUsernameTemplate ?? proxyshardDefaults.proxyUsernameTemplate,
    defaultPool: settings.defaultPool ?? proxyshardDefaults.defaultPool,
    subUserDataUnit: settings.subUserDataUnit ?? proxyshardDefaults.subUserDataUnit,
  };
  const client = createClient(settings);
  const searchOrder: Pool[] = [s.defaultPool, ...pools.filter((p) => p !== s.defaultPool)];
  return {
    client,
    settings: s,
    bytesPerUnit: s.subUserDataUnit === 'GB' ? GB : 1,
    searchOrder,
    subUsers: createSubUserLookup(client, searchOrder),
  };
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

export async function fetchPoolPage(client: Client, pool: Pool, offset: number, limit: number): Promise<PoolPage> {
  const body = await client.call(
    { method: 'GET', path: '/user/api/proxies/sub-users', query: { proxy_type: pool, offset, limit } },
    subUserListSchema,
    'sub-user list',
  );
  return { users: body.data, count: body.count };
}

/** Every sub-user of one pool, a page of 100 at a time, stopping at `count` or a short page. */
export async function fetchPool(client: Client, pool: Pool): Promise<SubUser[]> {
  const all: SubUser[] = [];
  for (let offset = 0; ; offset += maxPageSize) {
    const page = await fetchPoolPage(client, pool, offset, maxPageSize);
    all.push(...page.users);
    const total = page.count ?? Number.POSITIVE_INFINITY;
    if (page.users.length < maxPageSize || all.length >= total) return all;
  }
}

/** GET of one sub-user; the spec puts it in a one-element `data` array. */
export async function fetchSubUser(client: Client, located: Located): Promise<SubUserRecord> {
  const body = await client.call(
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
export async function findByName(client: Client, searchOrder: readonly Pool[], name: string): Promise<Located[]> {
  const found: Located[] = [];
  for (const pool of searchOrder) {
    for (const user of await fetchPool(client, pool)) {
      if (user.first_name === name) found.push({ userId: user.user_id, pool });
    }
  }
  return found;
}

function ambiguous(name: string, matches: Located[]): ProviderError {
  const where = matches.map((m) => `${m.userId} (${m.pool})`).join(', ');
  return new ProviderError(
    PROVIDER,
    'conflict',
    `ProxyShard has ${matches.length} sub-users named "${name}": ${where}. Rename or delete one in the dashboard.`,
  );
}

export interface SubUserLookup {
  /** A read of the sub-user by name: remembered id first, a fresh scan when it has gone stale. */
  read(username: string): Promise<SubUserRecord>;
  remember(username: string, located: Located): void;
  forget(username: string): void;
}

/**
 * Usernames are sub-user names (`name` on create, `first_name` on reads); the vendor's `user_id` is
 * found by scanning the pools and remembered, and every use re-reads it so a stale id is noticed.
 */
function createSubUserLookup(client: Client, searchOrder: readonly Pool[]): SubUserLookup {
  const known = new Map<string, Located>();

  async function locateFresh(username: string): Promise<Located> {
    const matches = await findByName(client, searchOrder, username);
    if (matches.length > 1) throw ambiguous(username, matches);
    const match = matches[0];
    if (!match) throw new ProviderError(PROVIDER, 'not_found', `ProxyShard has no sub-user named "${username}".`);
    known.set(username, match);
    return match;
  }

  return {
    async read(username) {
      checkUsername(username, 'ProxyShard');
      const remembered = known.get(username);
      if (remembered) {
        try {
          const record = await fetchSubUser(client, remembered);
          if (record.user.first_name === username) return record;
        } catch (error) {
          if (!(error instanceof ProviderError && error.kind === 'not_found')) throw error;
        }
        known.delete(username);
      }
      return fetchSubUser(client, await locateFresh(username));
    },
    remember: (username, located) => known.set(username, located),
    forget: (username) => known.delete(username),
  };
}
