import type { CustomersSpec } from '../define-implementation.js';
import { checkPaging, pageOf } from '../paging.js';
import { type Context, toCustomer } from './context.js';

/** Customers are orders read from the IP list: no create, enable/disable or delete upstream. */
export const customers: CustomersSpec<Context> = {
  build: ({ orders }) => ({
    async get(username) {
      return toCustomer(await orders.one(username));
    },
    async list(query = {}) {
      const paging = checkPaging(query);
      return pageOf((await orders.all()).map(toCustomer), query, paging);
    },
    async listAll() {
      return (await orders.all()).map(toCustomer);
    },
  }),
};
