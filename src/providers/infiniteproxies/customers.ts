import { UserInputError } from '../../errors.js';
import type { CustomersSpec } from '../define-implementation.js';
import { checkPaging, pageOf } from '../paging.js';
import type { CreateCustomerInput, CreatedCustomer, Customer, CustomerListQuery, CustomerPage } from '../types.js';
import { type Context, readAccount } from './context.js';
import { residentialCost } from './costs.js';
import { createCostMb, vendorName } from './rules.js';
import { credentialsSchema, customersSchema } from './schema.js';

/** "To prevent abuse, we substracted 100 MB from your balance": keep the charge, it is money. */
function chargeFrom(message: string | undefined): number | undefined {
  const match = message ? /(\d+(?:\.\d+)?)\s*MB/i.exec(message) : null;
  return match ? Number(match[1]) : undefined;
}

export const customers: CustomersSpec<Context> = {
  build({ client }) {
    const listAll = async (): Promise<Customer[]> => {
      // GET /customers returns every customer at once: the vendor has no pagination.
      const payload = await client.call({ method: 'GET', path: '/customers', what: 'customer list' }, customersSchema);
      return payload.users.map((u) => u.customer);
    };

    return {
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
        const created = await client.call(
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
        return (await readAccount(client, username)).customer;
      },

      async list(query: CustomerListQuery = {}): Promise<CustomerPage> {
        const paging = checkPaging(query);
        // Every account is active (the vendor has no way to disable one), so `disabled` lists none.
        return pageOf(await listAll(), query, paging);
      },

      listAll,

      createCost: () =>
        residentialCost(client, createCostMb, `InfiniteProxies takes ${createCostMb} MB for every new customer.`),
    };
  },
};
