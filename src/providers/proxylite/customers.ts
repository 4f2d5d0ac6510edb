import { ProviderError, UserInputError } from '../../errors.js';
import { generatePassword } from '../password.js';
import type {
  CreateCustomerInput,
  CreatedCustomer,
  Customer,
  CustomerListQuery,
  CustomersCapability,
} from '../types.js';
import {
  checkNewUsername,
  checkPassword,
  checkProxyLiteUsername,
  checkRemark,
  findAccount,
  paths,
  propagationMs,
  propagationNotices,
  readAccounts,
  toCustomer,
} from './accounts.js';
import { PROVIDER, type ProxyLiteApi } from './envelope.js';
import { trafficToGb } from './traffic.js';

/** SPEC: ProxyLite `plan:` is the product_type number, 9 (dynamic residential traffic) by default. */
const defaultProductType = 9;
const defaultPerPage = 25;
/** 12 letters and digits: inside the documented 6–16 whatever end of it ProxyLite counts inclusively. */
export const generatedPasswordLength = 12;

function productType(plan: string | undefined): number {
  if (plan === undefined || plan === '') return defaultProductType;
  if (!/^[1-9]\d{0,2}$/.test(plan)) {
    throw new UserInputError(
      `"${plan.slice(0, 20)}" is not a ProxyLite plan: use the product_type number, e.g. 9 (dynamic residential traffic), 11, 14 or 25.`,
    );
  }
  return Number(plan);
}

function pageNumber(value: number | undefined, fallback: number, name: string, max: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new UserInputError(`${name} must be a whole number from 1 to ${max}.`);
  }
  return value;
}

export function createCustomers(api: ProxyLiteApi): CustomersCapability {
  async function create(input: CreateCustomerInput): Promise<CreatedCustomer> {
    const username = checkNewUsername(input.username);
    const password =
      input.password === undefined ? generatePassword(generatedPasswordLength) : checkPassword(input.password);
    const product_type = productType(input.plan);
    const remark = input.note === undefined ? '' : checkRemark(input.note);
    const limitGb = input.trafficBytes === undefined ? undefined : trafficToGb(input.trafficBytes);

    // The vendor documents no duplicate error, and a batch "accounts" string could half-apply: ask first.
    const existing = await readAccounts(api);
    if (existing.some((a) => a.username.toLowerCase() === username.toLowerCase())) {
      throw new ProviderError(PROVIDER, 'conflict', `ProxyLite already has a proxy account named "${username}".`);
    }
    await api.post(paths.add, { accounts: `${username}:${password}`, remark, product_type }, 'adding the account');

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
      await api.post(paths.changeLimit, { account: username, limit: limitGb }, 'setting the traffic limit');
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
    const page = pageNumber(query.page, 1, 'page', 1_000_000);
    const perPage = pageNumber(query.perPage, defaultPerPage, 'perPage', 100);
    // No pagination upstream: the whole list arrives at once and is paged here.
    const all = (await readAccounts(api)).map((a) => toCustomer(a));
    const matching = query.status ? all.filter((c) => c.status === query.status) : all;
    const pages = Math.max(1, Math.ceil(matching.length / perPage));
    const customers = matching.slice((page - 1) * perPage, page * perPage);
    return { customers, page, pages, total: matching.length };
  }

  async function setStatus(username: string, status: 0 | 1): Promise<Customer> {
    const account = await findAccount(api, checkProxyLiteUsername(username));
    const path = status === 1 ? paths.enable : paths.disable;
    await api.post(
      path,
      { accounts: account.username },
      status === 1 ? 'enabling the account' : 'disabling the account',
    );
    return toCustomer({ ...account, status }, status === 0 ? propagationNotices.disable : undefined);
  }

  return {
    // A new account is unlimited, which balance.add refuses to cap; create sets the first limit itself.
    createTakesTraffic: true,
    create,
    list,
    async get(username) {
      return toCustomer(await findAccount(api, checkProxyLiteUsername(username)));
    },
    async listAll() {
      return (await readAccounts(api)).map((a) => toCustomer(a));
    },
    deleteNotice: propagationNotices.delete,
    appliesWithinMs: { disable: propagationMs, delete: propagationMs },
    enable: (username) => setStatus(username, 1),
    disable: (username) => setStatus(username, 0),
    async delete(username) {
      const account = await findAccount(api, checkProxyLiteUsername(username));
      await api.post(paths.delete, { accounts: account.username }, 'deleting the account');
    },
  };
}
