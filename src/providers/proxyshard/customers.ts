import { ProviderError, UserInputError } from '../../errors.js';
import type { CustomersSpec } from '../define-implementation.js';
import { urlPath } from '../http.js';
import { checkPaging } from '../paging.js';
import type { CreateCustomerInput, CreatedCustomer, Customer, CustomerListQuery, CustomerPage } from '../types.js';
import { checkUsername } from '../username.js';
import { PROVIDER } from './client.js';
import { type Context, fetchPool, fetchPoolPage, findByName, toCustomer } from './context.js';
import { maxPageSize, type Pool, pools, wholeGigabytes } from './rules.js';
import { plainSuccessSchema, subUserReadSchema } from './schema.js';

export function parsePool(plan: string | undefined, fallback: Pool): Pool {
  if (plan === undefined || plan === '') return fallback;
  const wanted = plan.trim().toLowerCase();
  // "standard" is what people type; the vendor's query value is "standart".
  const pool = wanted === 'standard' ? 'standart' : wanted;
  if ((pools as readonly string[]).includes(pool)) return pool as Pool;
  throw new UserInputError(`"${plan}" is not a ProxyShard residential pool: use standart or premium.`);
}

/** Customers are residential sub-users, in two pools; they cannot be disabled upstream. */
export const customers: CustomersSpec<Context> = {
  build(ctx) {
    const { client, subUsers, searchOrder, bytesPerUnit } = ctx;

    async function create(input: CreateCustomerInput): Promise<CreatedCustomer> {
      const username = checkUsername(input.username, 'ProxyShard');
      if (input.password !== undefined) {
        throw new UserInputError('ProxyShard generates sub-user passwords itself: leave password: out.');
      }
      const pool = parsePool(input.plan, ctx.settings.defaultPool);
      const gigabytes = wholeGigabytes(input.trafficBytes ?? 0, 'Starting traffic', true);
      const existing = await findByName(client, searchOrder, username);
      if (existing.length > 0) {
        throw new ProviderError(PROVIDER, 'conflict', `ProxyShard already has a sub-user named "${username}".`);
      }
      const body = await client.call(
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
      subUsers.remember(username, { userId: user.user_id, pool });
      return { customer: toCustomer({ user, pool }, bytesPerUnit), password: user.proxy_password };
    }

    async function list(query: CustomerListQuery = {}): Promise<CustomerPage> {
      const { page, perPage } = checkPaging(query, { perPage: 20, maxPerPage: maxPageSize });
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
      const pages = totalKnown
        ? Math.max(1, Math.ceil(total / perPage))
        : page + (customers.length === perPage ? 1 : 0);
      return { customers, page, pages, ...(totalKnown ? { total } : {}) };
    }

    async function listAll(): Promise<Customer[]> {
      const all: Customer[] = [];
      for (const pool of searchOrder) {
        for (const user of await fetchPool(client, pool)) all.push(toCustomer({ user, pool }, bytesPerUnit));
      }
      return all;
    }

    return {
      create,
      get: async (username) => toCustomer(await subUsers.read(username), bytesPerUnit),
      list,
      listAll,
      async delete(username) {
        const record = await subUsers.read(username);
        // The spec gives DELETE no proxy_type: user ids are account-wide.
        await client.call(
          { method: 'DELETE', path: urlPath`/user/api/proxies/sub-user/${record.user.user_id}` },
          plainSuccessSchema,
          'sub-user deletion',
        );
        subUsers.forget(username);
      },
    };
  },
};
