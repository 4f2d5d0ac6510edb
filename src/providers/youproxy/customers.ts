import { ProviderError, UserInputError } from '../../errors.js';
import type {
  Customer,
  CustomerListQuery,
  CustomerPage,
  CustomersCapability,
  OrdersCapability,
  UsernameRule,
} from '../types.js';
import { checkUsername } from '../username.js';
import { providerId, type YouproxyApi } from './envelope.js';
import { groupOrders, toCustomer, toOrder, toProxyEndpoints, type YouproxyOrder } from './orders.js';
import { ipAddressListSchema } from './schema.js';

export const orderIdRule: UsernameRule = {
  pattern: /^\d{1,40}$/,
  description: 'an order id: digits only (e.g. 7340012345678901234)',
};

const defaultPerPage = 25;

export interface OrderReader {
  all(): Promise<YouproxyOrder[]>;
  /** One order by id; a name that is not an order id cannot be one, so it is not_found without a request. */
  one(orderId: string): Promise<YouproxyOrder>;
}

export function createOrderReader(api: YouproxyApi): OrderReader {
  const all = async () => {
    // "Get all": one request for every proxy type; Youproxy documents no paging for it.
    const list = await api.call({ method: 'GET', path: '/ipAddress', schema: ipAddressListSchema, what: 'IP list' });
    return groupOrders(list.ipAddresses, Date.now());
  };
  return {
    all,
    async one(orderId) {
      checkUsername(orderId, 'Youproxy');
      if (!orderIdRule.pattern.test(orderId)) {
        throw new ProviderError(providerId, 'not_found', `Youproxy has no order "${orderId}".`, {
          hint: `Youproxy order ids are digits only; \`/customer list youproxy\` shows them.`,
        });
      }
      const order = (await all()).find((o) => o.orderId === orderId);
      if (!order) {
        throw new ProviderError(providerId, 'not_found', `Youproxy has no order ${orderId} on this account.`, {
          hint: 'An order shows up here once it has IP addresses.',
        });
      }
      return order;
    },
  };
}

function checkPaging(query: CustomerListQuery): { page: number; perPage: number } {
  const page = query.page ?? 1;
  const perPage = query.perPage ?? defaultPerPage;
  if (!Number.isInteger(page) || page < 1) throw new UserInputError('page must be a whole number from 1.');
  if (!Number.isInteger(perPage) || perPage < 1) throw new UserInputError('perPage must be a whole number from 1.');
  return { page, perPage };
}

function pageOf(customers: Customer[], { page, perPage }: { page: number; perPage: number }): CustomerPage {
  const pages = Math.max(1, Math.ceil(customers.length / perPage));
  return {
    customers: customers.slice((page - 1) * perPage, page * perPage),
    page,
    pages,
    total: customers.length,
  };
}

/** Customers are orders read from the IP list: no create, enable/disable or delete upstream. */
export function createCustomers(reader: OrderReader): CustomersCapability {
  return {
    async get(username) {
      return toCustomer(await reader.one(username));
    },
    async list(query = {}) {
      const paging = checkPaging(query);
      const customers = (await reader.all()).map(toCustomer);
      const wanted = query.status ? customers.filter((c) => c.status === query.status) : customers;
      return pageOf(wanted, paging);
    },
    async listAll() {
      return (await reader.all()).map(toCustomer);
    },
  };
}

export function createOrders(reader: OrderReader): OrdersCapability {
  return {
    async list(query = {}) {
      const orders = (await reader.all()).map(toOrder);
      return query.status ? orders.filter((o) => o.status === query.status) : orders;
    },
    async get(orderId) {
      return toOrder(await reader.one(orderId));
    },
    async proxies(orderId) {
      return toProxyEndpoints(await reader.one(orderId));
    },
  };
}
