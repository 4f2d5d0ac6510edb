import * as z from 'zod';
import { ProviderError, UserInputError } from '../../errors.js';
import type { CustomersSpec } from '../define-implementation.js';
import { urlPath } from '../http.js';
import { checkPaging } from '../paging.js';
import { generatePassword } from '../password.js';
import type { CreateCustomerInput, CustomersCapability } from '../types.js';
import { checkUsername } from '../username.js';
import { expectSuccess, fieldMessages, jsonHeaders, PROVIDER } from './client.js';
import type { Context } from './context.js';
import { checkPassword } from './rules.js';
import { type Account, accountEnvelope, toCustomer } from './schema.js';

const deleted = z.unknown();

export const customers: CustomersSpec<Context> = {
  build: (ctx) => createCustomers(ctx),
};

function createCustomers({ client, directory }: Context): CustomersCapability {
  const valid = (username: string) => checkUsername(username, 'VPNresellers');

  const put = async (account: Account, action: 'enable' | 'disable') => {
    const { data } = await client.call({
      request: { method: 'PUT', path: urlPath`/accounts/${account.id}/${action}`, headers: jsonHeaders },
      schema: accountEnvelope,
      what: `account after ${action}`,
      subject: `named ${account.username}`,
    });
    return toCustomer(data);
  };

  return {
    /** The API bills each new account but documents no price, so the question says it cannot tell. */
    async createCost() {
      return {
        known: false,
        reason:
          'VPNresellers bills each new account, but its API does not say how much: check your plan in the VPNresellers panel.',
      };
    },
    async create(input: CreateCustomerInput) {
      const username = valid(input.username);
      if (input.trafficBytes !== undefined || input.plan !== undefined) {
        throw new UserInputError('VPNresellers accounts take no traffic or plan; add time with /balance add (days).');
      }
      // `note` is not sent: the vendor has no field for it, and the bot keeps notes in its own registry.
      const password = input.password === undefined ? generatePassword(16) : checkPassword(input.password);
      const response = await client.request({
        method: 'POST',
        path: '/accounts',
        body: { username, password },
        headers: jsonHeaders,
      });
      const taken = fieldMessages(response.body, 'username').filter((m) => /taken/i.test(m));
      if (response.status === 422 && taken.length > 0) {
        throw new ProviderError(PROVIDER, 'conflict', `VPNresellers already has the username ${username}.`, {
          status: 422,
          vendorMessage: taken.join(' '),
        });
      }
      expectSuccess(response, true);
      // The account exists now: an unreadable answer must not cost the user its password.
      const parsed = accountEnvelope.safeParse(response.body);
      const customer = parsed.success
        ? toCustomer(parsed.data.data)
        : await directory.find(username).then(toCustomer, () => ({ username, status: 'active' as const }));
      if (parsed.success) directory.remember(parsed.data.data);
      return { customer, password };
    },
    async get(username) {
      return toCustomer(await directory.find(valid(username)));
    },
    async list(query = {}) {
      const status = query.status === undefined ? undefined : query.status === 'active' ? 'Active' : 'Disabled';
      const { page, perPage } = checkPaging(query, { maxPerPage: 1000 });
      const result = await directory.page(page, perPage, status);
      return {
        customers: result.data.map(toCustomer),
        page: result.meta.current_page,
        pages: Math.max(1, result.meta.last_page),
        ...(result.meta.total === undefined ? {} : { total: result.meta.total }),
      };
    },
    async listAll() {
      return (await directory.all()).map(toCustomer);
    },
    async enable(username) {
      return put(await directory.find(valid(username)), 'enable');
    },
    async disable(username) {
      return put(await directory.find(valid(username)), 'disable');
    },
    async delete(username) {
      const account = await directory.find(valid(username));
      await client.call({
        request: { method: 'DELETE', path: urlPath`/accounts/${account.id}`, headers: jsonHeaders },
        schema: deleted,
        what: 'delete answer',
        subject: `named ${account.username}`,
      });
      directory.forget(account.username);
    },
  };
}
