import * as z from 'zod';

// The schemas below are built when first used (z.lazy): a command that reads none of these records
// (a terminal `/help`) does not build them at start-up.

/**
 * Which chat user a customer account belongs to: `/link add` makes a chat user the customer of an
 * account, so they can serve themselves with `/my` and get their own alerts. An account is linked
 * to at most one user; a user may have several accounts across providers. Keyed by (provider,
 * username lowercased), like the registry.
 */
export const linkedUserSchema = z.object({
  platform: z.enum(['discord', 'slack']),
  id: z.string().min(1),
});
export type LinkedUser = z.infer<typeof linkedUserSchema>;

export const linkSchema = z.lazy(() =>
  z.object({
    user: linkedUserSchema,
    provider: z.string().min(1),
    username: z.string().min(1),
    linkedBy: z.object({ platform: z.string(), userId: z.string() }),
    linkedAt: z.string(),
  }),
);
export type Link = z.infer<typeof linkSchema>;

export interface LinkFilter {
  user?: LinkedUser;
  provider?: string;
}

export type PutLinkResult =
  /** Stored; `previous` is the link it replaced (another user's, when replacing was allowed). */
  | { stored: true; previous?: Link }
  /** Nothing stored: the account is linked to another user and replacing was not allowed. */
  | { stored: false; existing: Link };

export interface CustomerLinks {
  /** Sorted by provider, then username. */
  list(filter?: LinkFilter): Promise<Link[]>;
  get(provider: string, username: string): Promise<Link | undefined>;
  /**
   * Links the account to `link.user`, atomically: an account linked to someone else is left as it
   * is unless `replace` is true. Linking it to the user it is linked to already just refreshes it.
   */
  put(link: Link, options?: { replace?: boolean }): Promise<PutLinkResult>;
  /** The link removed, if there was one. */
  remove(provider: string, username: string): Promise<Link | undefined>;
}

export function linkKey(provider: string, username: string): string {
  return `${provider}\u0000${username.toLowerCase()}`;
}

export function sameUser(a: LinkedUser, b: LinkedUser): boolean {
  return a.platform === b.platform && a.id === b.id;
}

export function matchesLink(link: Link, filter: LinkFilter): boolean {
  if (filter.provider !== undefined && link.provider !== filter.provider) return false;
  return filter.user === undefined || sameUser(link.user, filter.user);
}

export function compareLinks(a: Link, b: Link): number {
  const ka = linkKey(a.provider, a.username);
  const kb = linkKey(b.provider, b.username);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}
