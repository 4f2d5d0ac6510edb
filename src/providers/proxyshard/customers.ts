import { ProviderError, UserInputError } from '../../errors.js';
import { type HttpClient, urlPath } from '../http.js';
import type { CreateCustomerInput, CreatedCustomer, Customer, CustomerListQuery, CustomerPage } from '../types.js';
import { checkUsername } from '../username.js';
import { call, PROVIDER } from './envelope.js';
import { passwordChangeSchema, plainSuccessSchema, subUserReadSchema } from './schema.js';
import {
  ambiguous,
  fetchPool,
  fetchPoolPage,
  fetchSubUser,
  findByName,
  type Located,
  maxPageSize,
  type Pool,
  pools,
  type SubUserRecord,
  toCustomer,
} from './subusers.js';

export const GB = 1_000_000_000;

export interface SubUserOptions {
  client: HttpClient;
  /** Pool for create when no plan is given; searched first on lookups. */
  defaultPool: Pool;
  /** Bytes per unit of the vendor's sub-user `data`/`data_spent`/`data_remain` fields. */
  bytesPerUnit: number;
}

export function parsePool(plan: string | undefined, fallback: Pool): Pool {
  if (plan === undefined || plan === '') return fallback;
  const wanted = plan.trim().toLowerCase();
  // "standard" is what people type; the vendor's query value is "standart".
  const pool = wanted === 'standard' ? 'standart' : wanted;
  if ((pools as readonly string[]).includes(pool)) return pool as Pool;
  throw new UserInputError(`"${plan}" is not a ProxyShard residential pool: use standart or premium.`);
}

/** Traffic moves in whole GB upstream; anything else is refused before a request is sent. */
export function wholeGigabytes(bytes: number, what: string, allowZero = false): number {
  if (!Number.isFinite(bytes) || bytes < 0 || (!allowZero && bytes === 0)) {
    throw new UserInputError(`${what} must be a positive amount of traffic.`);
  }
  if (!Number.isInteger(bytes / GB)) {
    const lower = Math.floor(bytes / GB);
    const options = lower > 0 ? `${lower} GB or ${lower + 1} GB` : '1 GB';
    throw new UserInputError(`ProxyShard moves sub-user traffic in whole GB only: try ${options}.`, {
      hint: 'Use unit:gb with a whole number.',
    });
  }
  return bytes / GB;
}

/**
 * Usernames are sub-user names (`name` on create, `first_name` on reads); the vendor's `user_id` is
 * found by scanning the pools and remembered, and every use re-reads it so a stale id is noticed.
 */
export function createSubUsers(options: SubUserOptions) {
  const { client, defaultPool, bytesPerUnit } = options;
  const searchOrder: Pool[] = [defaultPool, ...pools.filter((p) => p !== defaultPool)];
  const known = new Map<string, Located>();

  async function locateFresh(username: string): Promise<Located> {
    const matches = await findByName(client, searchOrder, username);
    if (matches.length > 1) throw ambiguous(username, matches);
    const match = matches[0];
    if (!match) throw new ProviderError(PROVIDER, 'not_found', `ProxyShard has no sub-user named "${username}".`);
    known.set(username, match);
    return match;
  }

  /** A read of the sub-user by name: remembered id first, a fresh scan when it has gone stale. */
  async function read(username: string): Promise<SubUserRecord> {
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
  }

  const get = async (username: string): Promise<Customer> => toCustomer(await read(username), bytesPerUnit);

  async function create(input: CreateCustomerInput): Promise<CreatedCustomer> {
    const username = checkUsername(input.username, 'ProxyShard');
    if (input.password !== undefined) {
      throw new UserInputError('ProxyShard generates sub-user passwords itself: leave password: out.');
    }
    const pool = parsePool(input.plan, defaultPool);
    const gigabytes = wholeGigabytes(input.trafficBytes ?? 0, 'Starting traffic', true);
    const existing = await findByName(client, searchOrder, username);
    if (existing.length > 0) {
      throw new ProviderError(PROVIDER, 'conflict', `ProxyShard already has a sub-user named "${username}".`);
    }
    const body = await call(
      client,
      {
        method: 'POST',
        path: '/user/api/proxies/sub-user',
        query: { proxy_type: pool },
        body: { name: username, data: gigabytes },
      },
      subUserReadSchema,
      'created sub-user',
    );
    const user = body.data[0];
    if (!user)
      throw new ProviderError(PROVIDER, 'bad_response', 'ProxyShard created a sub-user but did not return it.');
    known.set(username, { userId: user.user_id, pool });
    return { customer: toCustomer({ user, pool }, bytesPerUnit), password: user.proxy_password };
  }

  async function list(query: CustomerListQuery = {}): Promise<CustomerPage> {
    const page = Math.max(1, Math.floor(query.page ?? 1));
    const perPage = Math.min(maxPageSize, Math.max(1, Math.floor(query.perPage ?? 20)));
    // Sub-users cannot be disabled upstream: every one is active.
    if (query.status === 'disabled') return { customers: [], page, pages: 1, total: 0 };
    // The pools are read as one list, default pool first.
    let skip = (page - 1) * perPage;
    const customers: Customer[] = [];
    let total = 0;
    let totalKnown = true;
    for (const pool of searchOrder) {
      const want = perPage - customers.length;
      const result = await fetchPoolPage(client, pool, skip, Math.max(1, want));
      const taken = want > 0 ? result.users.slice(0, want) : [];
      customers.push(...taken.map((user) => toCustomer({ user, pool }, bytesPerUnit)));
      if (result.count === undefined) totalKnown = false;
      const poolTotal = result.count ?? skip + result.users.length;
      total += poolTotal;
      skip = Math.max(0, skip - poolTotal);
    }
    const pages = totalKnown ? Math.max(1, Math.ceil(total / perPage)) : page + (customers.length === perPage ? 1 : 0);
    return { customers, page, pages, ...(totalKnown ? { total } : {}) };
  }

  async function listAll(): Promise<Customer[]> {
    const all: Customer[] = [];
    for (const pool of searchOrder) {
      for (const user of await fetchPool(client, pool)) all.push(toCustomer({ user, pool }, bytesPerUnit));
    }
    return all;
  }

  async function remove(username: string): Promise<void> {
    const record = await read(username);
    // The spec gives DELETE no proxy_type: user ids are account-wide.
    await call(
      client,
      { method: 'DELETE', path: urlPath`/user/api/proxies/sub-user/${record.user.user_id}` },
      plainSuccessSchema,
      'sub-user deletion',
    );
    known.delete(username);
  }

  async function changeTraffic(username: string, bytes: number, direction: 'add' | 'subtract'): Promise<Customer> {
    checkUsername(username, 'ProxyShard');
    const gigabytes = wholeGigabytes(bytes, direction === 'add' ? 'The amount to add' : 'The amount to remove');
    const record = await read(username);
    const path =
      direction === 'add'
        ? urlPath`/user/api/proxies/sub-user/${record.user.user_id}/data/add`
        : urlPath`/user/api/proxies/sub-user/${record.user.user_id}/data/subtract`;
    await call(
      client,
      { method: 'POST', path, query: { proxy_type: record.pool }, body: { data: gigabytes } },
      plainSuccessSchema,
      `sub-user traffic ${direction}`,
    );
    return toCustomer(await fetchSubUser(client, { userId: record.user.user_id, pool: record.pool }), bytesPerUnit);
  }

  async function resetPassword(username: string, password?: string): Promise<{ password: string }> {
    checkUsername(username, 'ProxyShard');
    if (password !== undefined) {
      throw new UserInputError('ProxyShard generates the new password itself: leave password: out.');
    }
    const record = await read(username);
    const located = { userId: record.user.user_id, pool: record.pool };
    const body = await call(
      client,
      {
        method: 'POST',
        path: urlPath`/user/api/proxies/sub-user/${located.userId}/password`,
        query: { proxy_type: located.pool },
      },
      passwordChangeSchema,
      'password change',
    );
    const data = Array.isArray(body.data) ? body.data[0] : body.data;
    const fresh = body.proxy_password ?? data?.proxy_password;
    if (fresh) return { password: fresh };
    // The 1.0.0 spec returns no password here: the sub-user read shows the new one.
    const reread = await fetchSubUser(client, located);
    if (reread.user.proxy_password === record.user.proxy_password) {
      throw new ProviderError(
        PROVIDER,
        'bad_response',
        'ProxyShard accepted the password change but still shows the old password.',
      );
    }
    return { password: reread.user.proxy_password };
  }

  return { read, get, create, list, listAll, remove, changeTraffic, resetPassword };
}

export type SubUsers = ReturnType<typeof createSubUsers>;
