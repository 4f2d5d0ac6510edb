import { z } from 'zod';
import { ProviderError, UserInputError } from '../../errors.js';
import { type HttpClient, urlPath } from '../http.js';
import { generatePassword } from '../password.js';
import type {
  BalanceCapability,
  CreateCustomerInput,
  CustomersCapability,
  PasswordCapability,
  UsernameRule,
} from '../types.js';
import { checkUsername } from '../username.js';
import type { AccountDirectory } from './directory.js';
import { call, expectSuccess, fieldMessages, jsonHeaders, PROVIDER } from './envelope.js';
import { checkDays, extendedExpiry, shortenedExpiry } from './expiry.js';
import { type Account, accountEnvelope, toCustomer } from './schema.js';

export interface AccountsContext {
  http: HttpClient;
  directory: AccountDirectory;
  usernameRule?: UsernameRule;
  now: () => number;
}

/** The docs give only the minimum ("at least 6 characters"); 64 keeps a typo'd paste out. */
export function checkPassword(password: string): string {
  if (password.length < 6 || password.length > 64 || /[\s\u0000-\u001f\u007f]/.test(password)) {
    throw new UserInputError('VPNresellers passwords must be 6–64 characters with no spaces or control characters.');
  }
  return password;
}

const deleted = z.unknown();

export function createCustomers(ctx: AccountsContext): CustomersCapability {
  const { http, directory } = ctx;
  const valid = (username: string) => checkUsername(username, 'VPNresellers', ctx.usernameRule);

  const put = async (account: Account, action: 'enable' | 'disable') => {
    const { data } = await call(http, {
      request: { method: 'PUT', path: urlPath`/accounts/${account.id}/${action}`, headers: jsonHeaders },
      schema: accountEnvelope,
      what: `account after ${action}`,
      subject: `named ${account.username}`,
    });
    return toCustomer(data);
  };

  return {
    async create(input: CreateCustomerInput) {
      const username = valid(input.username);
      if (input.trafficBytes !== undefined || input.plan !== undefined) {
        throw new UserInputError('VPNresellers accounts take no traffic or plan; add time with /balance add (days).');
      }
      // `note` is not sent: the vendor has no field for it, and the bot keeps notes in its own registry.
      const password = input.password === undefined ? generatePassword(16) : checkPassword(input.password);
      const response = await http.request({
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
      const pageNumber = query.page ?? 1;
      const perPage = query.perPage ?? 25;
      if (!Number.isInteger(pageNumber) || pageNumber < 1) throw new UserInputError('page: must be 1 or more.');
      if (!Number.isInteger(perPage) || perPage < 1 || perPage > 1000) {
        throw new UserInputError('Page size must be a whole number from 1 to 1000.');
      }
      const result = await directory.page(pageNumber, perPage, status);
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
      await call(http, {
        request: { method: 'DELETE', path: urlPath`/accounts/${account.id}`, headers: jsonHeaders },
        schema: deleted,
        what: 'delete answer',
        subject: `named ${account.username}`,
      });
      directory.forget(account.username);
    },
  };
}

export function createBalance(ctx: AccountsContext): BalanceCapability {
  const { http, directory } = ctx;
  const move = async (username: string, days: number, direction: 'add' | 'remove') => {
    checkUsername(username, 'VPNresellers', ctx.usernameRule);
    checkDays(days);
    // Read fresh, write once: the new date is computed from what the vendor holds right now.
    const account = await directory.find(username);
    const expireAt =
      direction === 'add'
        ? extendedExpiry(account.username, account.expired_at, days, ctx.now())
        : shortenedExpiry(account.username, account.expired_at, days, ctx.now());
    const { data } = await call(http, {
      // The request field is `expire_at`; the account reports it back as `expired_at`.
      request: {
        method: 'PUT',
        path: urlPath`/accounts/${account.id}/expire`,
        body: { expire_at: expireAt },
        headers: jsonHeaders,
      },
      schema: accountEnvelope,
      what: 'account after expire',
      subject: `named ${account.username}`,
    });
    return toCustomer(data);
  };
  return {
    unit: 'days',
    displayUnit: 'days',
    step: 1,
    minimum: 1,
    add: (username, amount) => move(username, amount, 'add'),
    remove: (username, amount) => move(username, amount, 'remove'),
  };
}

export function createPasswords(ctx: AccountsContext): PasswordCapability {
  const { http, directory } = ctx;
  return {
    vendorGenerates: false,
    async reset(username, chosen) {
      checkUsername(username, 'VPNresellers', ctx.usernameRule);
      const password = chosen === undefined ? generatePassword(16) : checkPassword(chosen);
      const account = await directory.find(username);
      const response = await http.request({
        method: 'PUT',
        path: urlPath`/accounts/${account.id}/change_password`,
        body: { password },
        headers: jsonHeaders,
      });
      // Once the vendor says 2xx the password has changed; its body is not needed to hand it over.
      expectSuccess(response, true, `named ${account.username}`);
      return { password };
    },
  };
}
