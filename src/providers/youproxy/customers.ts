import type { CustomersSpec } from '../define.js';
import { checkPaging, pageOf } from '../paging.js';
import { type Context, toCustomer } from './context.js';

/** Customers are orders read from the IP list: no create, enable/disable or delete upstream. */
export const customers: CustomersSpec<Context> = {
  summary: 'orders, read only (the order id is the username)',
  fields: {
    proxyType: { label: 'Proxy type' },
    ipCount: { label: 'IPs', format: 'count' },
    orderNumber: { label: 'Order number' },
  },
  build: ({ orders }) => ({
    noCreateHint: 'Youproxy works with orders: use the order id as the username.',
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
