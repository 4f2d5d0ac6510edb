import { AppError } from '../errors.js';
import type { Role } from '../kit/roles.js';
import type { Grant } from '../storage/access.js';
import type { Store } from '../storage/store.js';
import type { Grantee } from './user-ref.js';

export type { Grant } from '../storage/access.js';

const rank: Record<Role, number> = { viewer: 1, staff: 2, owner: 3 };

export interface Owners {
  discord: readonly string[];
  slack: readonly string[];
}

/**
 * Who may do what: owners from configuration, everyone else from grants kept in the store.
 * Checked on every interaction and every button press, server-side, against the grants as stored
 * now (a grant changed by another process counts at once).
 */
export class AccessControl {
  constructor(
    private readonly store: Store,
    private readonly owners: Owners,
    private readonly now: () => Date = () => new Date(),
  ) {}

  isOwner(platform: 'discord' | 'slack', userId: string): boolean {
    return this.owners[platform].includes(userId);
  }

  /** The highest role the user holds directly or through one of their Discord roles; null when none. */
  async roleOf(
    platform: 'discord' | 'slack',
    userId: string,
    discordRoleIds: readonly string[] = [],
  ): Promise<Role | null> {
    if (this.isOwner(platform, userId)) return 'owner';
    let best: Role | null = null;
    for (const grant of await this.store.access.list()) {
      const g = grant.grantee;
      if (g.platform !== platform) continue;
      const applies =
        (g.kind === 'user' && g.id === userId) || (g.kind === 'discord-role' && discordRoleIds.includes(g.id));
      if (applies && (best === null || rank[grant.role] > rank[best])) best = grant.role;
    }
    return best;
  }

  list(): Promise<Grant[]> {
    return this.store.access.list();
  }

  async grant(grantee: Grantee, role: Role, by: { platform: string; userId: string }): Promise<void> {
    if (grantee.kind === 'user' && this.isOwner(grantee.platform, grantee.id)) {
      throw new AppError(
        'conflict',
        'That user is an owner by configuration (OWNER_*_IDS); their role cannot be changed here.',
      );
    }
    await this.store.access.put({ grantee, role, grantedBy: by, grantedAt: this.now().toISOString() });
  }

  /** Returns whether there was a grant to remove. */
  async revoke(grantee: Grantee): Promise<boolean> {
    if (grantee.kind === 'user' && this.isOwner(grantee.platform, grantee.id)) {
      throw new AppError('conflict', 'That user is an owner by configuration (OWNER_*_IDS); remove them there.');
    }
    return this.store.access.remove(grantee);
  }
}
