import { ProviderError, UserInputError } from '../../errors.js';
import type { CustomersSpec } from '../define-implementation.js';
import { checkPaging, pageOf } from '../paging.js';
import { generatePassword } from '../password.js';
import type {
  CreateCustomerInput,
  CreatedCustomer,
  Customer,
  CustomerListQuery,
  CustomersCapability,
} from '../types.js';
import { type Client, PROVIDER } from './client.js';
import { type Context, checkProxyLiteUsername, findAccount, paths, readAccounts, toCustomer } from './context.js';
import {
  checkNewUsername,
  checkPassword,
  checkRemark,
  generatedPasswordLength,
  propagationNotices,
  trafficToGb,
} from './rules.js';

/** `plan:` is the product_type number, 9 (dynamic residential traffic) by default. */
const defaultProductType = 9;

function productType(plan: string | undefined): number {
  if (plan === undefined || plan === '') return defaultProductType;
  if (!/^[1-9]\d{0,2}$/.test(plan)) {
    throw new UserInputError(
      `"${plan.slice(0, 20)}" is not a ProxyLite plan: use the product_type number, e.g. 9 (dynamic residential traffic), 11, 14 or 25.`,
    );
  }
  return Number(plan);
}

export const customers: CustomersSpec<Context> = {
  build: ({ client }) => createCustomers(client),
};

function createCustomers(client: Client): CustomersCapability {
  async function create(input: CreateCustomerInput): Promise<CreatedCustomer> {
    const username = checkNewUsername(input.username);
    const password =
      input.password === undefined ? generatePassword(generatedPasswordLength) : checkPassword(input.password);
    const product_type = productType(input.plan);
    const remark = input.note === undefined ? '' : checkRemark(input.note);
    const limitGb = input.trafficBytes === undefined ? undefined : trafficToGb(input.trafficBytes);

    // The vendor documents no duplicate error, and a batch "accounts" string could half-apply: ask first.
    const existing = await readAccounts(client);
    if (existing.some((a) => a.username.toLowerCase() === username.toLowerCase())) {
      throw new ProviderError(PROVIDER, 'conflict', `ProxyLite already has a proxy account named "${username}".`);
    }
    await client.post(paths.add, { accounts: `${username}:${password}`, remark, product_type }, 'adding the account');

    const account = {
      id: '',
      username,
      remark,
      product_type,
      created_at: null,
      usage_flow: 0,
      limit_flow: 0,
      status: 1 as const,
    };
    if (limitGb === undefined) return { customer: toCustomer(account), password };
    // A second, separate change: if it fails the account exists without a cap, and the caller must know.
    try {
      await client.post(paths.changeLimit, { account: username, limit: limitGb }, 'setting the traffic limit');
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      const unknown = error instanceof ProviderError && error.kind === 'outcome_unknown';
      const state = unknown ? 'may or may not have been set' : 'was NOT set';
      const notice = `The account was created but its traffic limit ${state} (${why}). Check it with /customer info: without a limit ProxyLite lets it use traffic without a cap; set one in the ProxyLite dashboard.`;
      return { customer: toCustomer(account, notice), password };
    }
    return { customer: toCustomer({ ...account, limit_flow: limitGb }, propagationNotices.limit), password };
  }

  async function list(query: CustomerListQuery = {}) {
    const paging = checkPaging(query, { maxPerPage: 100 });
    // No pagination upstream: the whole list arrives at once and is paged here.
    return pageOf(
      (await readAccounts(client)).map((a) => toCustomer(a)),
      query,
      paging,
    );
  }

  async function setStatus(username: string, status: 0 | 1): Promise<Customer> {
    const account = await findAccount(client, checkProxyLiteUsername(username));
    const path = status === 1 ? paths.enable : paths.disable;
    await client.post(
      path,
      { accounts: account.username },
      status === 1 ? 'enabling the account' : 'disabling the account',
    );
    return toCustomer({ ...account, status }, status === 0 ? propagationNotices.disable : undefined);
  }

  return {
    create,
    list,
    async get(username) {
      return toCustomer(await findAccount(client, checkProxyLiteUsername(username)));
    },
    async listAll() {
      return (await readAccounts(client)).map((a) => toCustomer(a));
    },
    enable: (username) => setStatus(username, 1),
    disable: (username) => setStatus(username, 0),
    async delete(username) {
      const account = await findAccount(client, checkProxyLiteUsername(username));
      await client.post(paths.delete, { accounts: account.username }, 'deleting the account');
    },
  };
}
