import { ProviderError } from '../../errors.js';
import { urlPath } from '../http.js';
import { type Client, createClient, jsonHeaders, PROVIDER, type VpnResellersSettings, vendorError } from './client.js';
import { defaultCurrency, defaultPageSize } from './rules.js';
import { type Account, type AccountPage, accountEnvelope, accountPage } from './schema.js';

/** What the capabilities share: the client, the account directory, the clock and the balance currency. */
export interface Context {
  client: Client;
  directory: AccountDirectory;
  now: () => number;
  currency: string;
}

export function createContext(settings: VpnResellersSettings): Context {
  const client = createClient(settings);
  return {
    client,
    directory: createAccountDirectory(client, settings.pageSize ?? defaultPageSize),
    now: settings.now ?? Date.now,
    currency: settings.currency ?? defaultCurrency,
  };
}

/**
 * Every account endpoint takes the numeric account id (`{account}`), while the bot speaks usernames.
 * The directory turns one into the other: a remembered id when it still points at the same username,
 * otherwise `check_username` (a free username cannot be ours) and then a walk over `GET /accounts`.
 */
export interface AccountDirectory {
  /** The account as the vendor reports it now, always read last with `GET /accounts/{id}`. */
  find(username: string): Promise<Account>;
  page(page: number, perPage: number, status?: 'Active' | 'Disabled'): Promise<AccountPage>;
  all(): Promise<Account[]>;
  remember(account: Account): void;
  forget(username: string): void;
}

/** Pages fetched at once while walking the whole list. */
const concurrency = 4;

const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

function createAccountDirectory(client: Client, pageSize: number): AccountDirectory {
  const ids = new Map<string, string>();
  const remember = (account: Account) => ids.set(account.username.toLowerCase(), account.id);

  const page = async (n: number, perPage: number, status?: 'Active' | 'Disabled') => {
    const result = await client.call({
      request: {
        method: 'GET',
        path: '/accounts',
        query: { page: n, per_page: perPage, status },
        headers: jsonHeaders,
      },
      schema: accountPage,
      what: 'account list',
    });
    for (const account of result.data) remember(account);
    return result;
  };

  /** Walks every page, stopping early once `stop` matches; later pages go `concurrency` at a time. */
  const walk = async (stop?: (account: Account) => boolean): Promise<Account[]> => {
    const first = await page(1, pageSize);
    const out = [...first.data];
    if (stop && first.data.some(stop)) return out;
    for (let next = 2; next <= first.meta.last_page; next += concurrency) {
      const batch = [];
      for (let n = next; n < next + concurrency && n <= first.meta.last_page; n++) batch.push(page(n, pageSize));
      for (const result of await Promise.all(batch)) out.push(...result.data);
      if (stop && out.some(stop)) return out;
    }
    return out;
  };

  const byId = (id: string, username: string) =>
    client.call({
      request: { method: 'GET', path: urlPath`/accounts/${id}`, headers: jsonHeaders },
      schema: accountEnvelope,
      what: 'account',
      subject: `named ${username}`,
    });

  const notFound = (username: string) =>
    new ProviderError(PROVIDER, 'not_found', `VPNresellers has no account named ${username}.`);

  /** A free username cannot belong to us: one cheap call instead of walking every page. */
  const isTaken = async (username: string): Promise<boolean> => {
    const response = await client.request({
      method: 'GET',
      path: '/accounts/check_username',
      query: { username },
      headers: jsonHeaders,
    });
    if (response.status >= 200 && response.status < 300) return false;
    if (response.status === 422) return true;
    throw vendorError(response, false);
  };

  const lookUp = async (username: string): Promise<string> => {
    if (!(await isTaken(username))) throw notFound(username);
    const accounts = await walk((a) => sameName(a.username, username));
    const match = accounts.find((a) => a.username === username) ?? accounts.find((a) => sameName(a.username, username));
    if (!match) throw notFound(username);
    return match.id;
  };

  return {
    async find(username) {
      const known = ids.get(username.toLowerCase());
      if (known !== undefined) {
        // A remembered id may have been deleted or reused since; only a matching username counts.
        const fresh = await byId(known, username).then(
          (r) => r.data,
          (error: unknown) => {
            if (error instanceof ProviderError && error.kind === 'not_found') return undefined;
            throw error;
          },
        );
        if (fresh && sameName(fresh.username, username)) return fresh;
        ids.delete(username.toLowerCase());
      }
      const id = await lookUp(username);
      const { data } = await byId(id, username);
      if (!sameName(data.username, username)) throw notFound(username);
      remember(data);
      return data;
    },
    page,
    all: () => walk(),
    remember,
    forget(username) {
      ids.delete(username.toLowerCase());
    },
  };
}
