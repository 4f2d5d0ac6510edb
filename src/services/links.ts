import { AppError, ProviderError } from '../errors.js';
import { echo } from '../kit/echo.js';
import type { KnownProvider } from '../providers/registry.js';
import type { Link, LinkedUser, LinkFilter, Store } from '../storage/store.js';
import type { ProviderDirectory } from './providers.js';

export function describeLinkedUser(user: LinkedUser): string {
  return `<@${user.id}>`;
}

/** `proxylite:alice`: how a customer names one of their accounts (`account:`), and how replies show it. */
export function accountRef(link: Pick<Link, 'provider' | 'username'>): string {
  return `${link.provider}:${link.username}`;
}

/**
 * Customer links (docs/commands.md#your-customers): staff link a chat user to accounts that exist
 * upstream; a linked customer reaches only those accounts, and naming any other gets the same answer
 * whether it exists or not.
 */
export class LinkService {
  constructor(
    private readonly providers: ProviderDirectory,
    private readonly store: Store,
    private readonly now: () => Date,
  ) {}

  /**
   * Links the account after reading it upstream (a name the provider does not know is refused). An
   * account linked to someone else stays theirs unless `force`; nothing is stored on any refusal.
   */
  async add(
    user: LinkedUser,
    providerId: string,
    username: string,
    by: { platform: string; userId: string },
    options: { force?: boolean } = {},
  ): Promise<{ link: Link; provider: KnownProvider; previous?: Link }> {
    const provider = this.providers.get(providerId);
    const customers = this.providers.capability(provider, 'customers');
    const name = this.providers.username(provider, username);
    let canonical: string;
    try {
      canonical = (await customers.get(name)).username || name;
    } catch (error) {
      if (error instanceof ProviderError && error.kind === 'not_found') {
        throw new AppError('not_found', `${provider.displayName} has no account ${echo(name)}: nothing was linked.`, {
          hint: `Check the name with /customer list ${provider.id}.`,
        });
      }
      throw error;
    }
    const link: Link = {
      user,
      provider: provider.id,
      username: canonical,
      linkedBy: by,
      linkedAt: this.now().toISOString(),
    };
    const result = await this.store.links.put(link, { replace: options.force === true });
    if (!result.stored) {
      throw new AppError(
        'conflict',
        `${accountRef(result.existing)} is linked to ${describeLinkedUser(result.existing.user)} already: nothing was changed.`,
        { hint: 'Remove that link first with /link remove, or add force:yes to move the account (audited).' },
      );
    }
    return { link, provider, ...(result.previous ? { previous: result.previous } : {}) };
  }

  async remove(providerId: string, username: string): Promise<Link> {
    const provider = this.providers.get(providerId);
    const removed = await this.store.links.remove(provider.id, username);
    if (!removed) {
      throw new AppError('not_found', `${echo(`${provider.id}:${username}`)} is not linked to anyone.`, {
        hint: 'See the links with /link list.',
      });
    }
    return removed;
  }

  list(filter: LinkFilter = {}): Promise<Link[]> {
    return this.store.links.list(filter);
  }

  /** Every account linked to the user; refuses clearly when there is none. */
  async accountsOf(user: LinkedUser): Promise<Link[]> {
    const links = await this.store.links.list({ user });
    if (links.length === 0) {
      throw new AppError('not_found', 'No accounts are linked to you here.', {
        hint: 'Ask your reseller to link your account to you; then /my accounts shows it.',
      });
    }
    return links;
  }

  /**
   * The user's account named by `account:` (`provider:username`, or the username alone when only one
   * of theirs has it); with no name, their only account. Anything else is "not linked to you",
   * exactly the same whether or not the account exists.
   */
  async own(user: LinkedUser, account: string | undefined): Promise<Link> {
    const links = await this.accountsOf(user);
    const yours = `Your accounts: ${links.map(accountRef).join(', ')}.`;
    if (account === undefined) {
      if (links.length === 1) return links[0] as Link;
      throw new AppError('invalid_input', 'Several accounts are linked to you: name one with account:.', {
        hint: yours,
      });
    }
    const wanted = account.trim().toLowerCase();
    const matches = links.filter((l) => accountRef(l).toLowerCase() === wanted || l.username.toLowerCase() === wanted);
    if (matches.length === 1) return matches[0] as Link;
    if (matches.length > 1) {
      throw new AppError('invalid_input', `${echo(account)} is linked to you at several providers: add which one.`, {
        hint: yours,
      });
    }
    throw new AppError('not_found', `${echo(account)} is not linked to you.`, { hint: yours });
  }
}
