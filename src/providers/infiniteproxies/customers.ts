import { UserInputError } from '../../errors.js';
import { urlPath } from '../http.js';
import type {
  CreateCustomerInput,
  CreatedCustomer,
  Customer,
  CustomerListQuery,
  CustomerPage,
  CustomersCapability,
} from '../types.js';
import type { Vendor } from './envelope.js';
import { vendorName } from './names.js';
import { credentialsSchema, customerSchema, customersSchema } from './schema.js';

const defaultPerPage = 25;

/** The customer with its proxy password, for the few callers that need the credentials. */
export async function readAccount(vendor: Vendor, username: string) {
  const name = vendorName(username);
  return vendor.call({ method: 'GET', path: urlPath`/customer/@${name}`, what: 'customer' }, customerSchema);
}

function positiveInteger(value: number | undefined, fallback: number, what: string): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 1) throw new UserInputError(`${what} must be a whole number from 1.`);
  return value;
}

/** "To prevent abuse, we substracted 100 MB from your balance": keep the charge, it is money. */
function chargeFrom(message: string | undefined): number | undefined {
  const match = message ? /(\d+(?:\.\d+)?)\s*MB/i.exec(message) : null;
  return match ? Number(match[1]) : undefined;
}

export function createCustomers(vendor: Vendor): CustomersCapability {
  const listAll = async (): Promise<Customer[]> => {
    // GET /customers returns every customer at once: the vendor has no pagination.
    const payload = await vendor.call({ method: 'GET', path: '/customers', what: 'customer list' }, customersSchema);
    return payload.users.map((u) => u.customer);
  };

  return {
    // customer/create takes only a username; the service adds starting traffic with add_balance.
    createTakesTraffic: false,
    async create(input: CreateCustomerInput): Promise<CreatedCustomer> {
      const name = vendorName(input.username);
      if (input.password !== undefined) {
        throw new UserInputError('InfiniteProxies generates the proxy password itself; leave out password:.');
      }
      if (input.trafficBytes !== undefined && input.trafficBytes !== 0) {
        throw new UserInputError('InfiniteProxies creates accounts without traffic.', {
          hint: 'Create the customer first, then use /balance add.',
        });
      }
      if (input.plan !== undefined) throw new UserInputError('InfiniteProxies has no plans to choose from.');
      let message: string | undefined;
      const created = await vendor.call(
        { method: 'POST', path: '/customer/create', query: { username: name }, what: 'new customer', spends: true },
        credentialsSchema,
        (status) => {
          message = status.message;
        },
      );
      const charge = chargeFrom(message);
      const customer: Customer = {
        username: created.username,
        status: 'active',
        ...(charge === undefined ? {} : { extra: { resellerChargedMb: charge } }),
      };
      return { customer, password: created.proxy_password };
    },

    async get(username: string): Promise<Customer> {
      return (await readAccount(vendor, username)).customer;
    },

    async list(query: CustomerListQuery = {}): Promise<CustomerPage> {
      const page = positiveInteger(query.page, 1, 'page');
      const perPage = positiveInteger(query.perPage, defaultPerPage, 'perPage');
      const all = await listAll();
      // Every InfiniteProxies account is active: the vendor has no way to disable one.
      const matching = query.status === 'disabled' ? [] : all;
      const pages = Math.max(1, Math.ceil(matching.length / perPage));
      const customers = matching.slice((page - 1) * perPage, page * perPage);
      return { customers, page, pages, total: matching.length };
    },

    listAll,
  };
}
