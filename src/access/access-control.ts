import { z } from 'zod';
import { AppError } from '../errors.js';
import { type Role, roles } from '../kit/roles.js';
import type { StoredDocument } from '../storage/document.js';
import type { Store } from '../storage/store.js';
import type { Grantee } from './user-ref.js';

const granteeSchema = z.object({
  platform: z.enum(['discord', 'slack']),
  kind: z.enum(['user', 'discord-role']),
  id: z.string().min(1),
});

const grantSchema = z.object({
  grantee: granteeSchema,
  role: z.enum(roles),
  grantedBy: z.object({ platform: z.string(), userId: z.string() }),
  grantedAt: z.string(),
});
export type Grant = z.infer<typeof grantSchema>;

const accessSchema = z.object({ grants: z.array(grantSchema) });
type AccessDocument = z.infer<typeof accessSchema>;

const rank: Record<Role, number> = { viewer: 1, staff: 2, owner: 3 };
const same = (a: Grantee, b: Grantee) => a.platform === b.platform && a.kind === b.kind && a.id === b.id;

export interface Owners {
  discord: readonly string[];
  slack: readonly string[];
}

/**
 * Who may do what: owners from configuration, everyone else from grants kept in the data dir.
 * Checked on every interaction and every button press, server-side.
 */
export class AccessControl {
  private constructor(
    private readonly doc: StoredDocument<AccessDocument>,
    private readonly owners: Owners,
    private readonly now: () => Date,
  ) {}

  static async open(store: Store, owners: Owners, now: () => Date = () => new Date()): Promise<AccessControl> {
    const doc = await store.openDocument('access', accessSchema, { grants: [] });
    return new AccessControl(doc, owners, now);
  }

  isOwner(platform: 'discord' | 'slack', userId: string): boolean {
    return this.owners[platform].includes(userId);
  }

  /** The highest role the user holds directly or through one of their Discord roles; null when none. */
  roleOf(platform: 'discord' | 'slack', userId: string, discordRoleIds: readonly string[] = []): Role | null {
    if (this.isOwner(platform, userId)) return 'owner';
    let best: Role | null = null;
    for (const grant of this.doc.read().grants) {
      const g = grant.grantee;
      if (g.platform !== platform) continue;
      const applies =
        (g.kind === 'user' && g.id === userId) || (g.kind === 'discord-role' && discordRoleIds.includes(g.id));
      if (applies && (best === null || rank[grant.role] > rank[best])) best = grant.role;
    }
    return best;
  }

  list(): readonly Grant[] {
    return this.doc.read().grants as readonly Grant[];
  }

  async grant(grantee: Grantee, role: Role, by: { platform: string; userId: string }): Promise<void> {
    if (grantee.kind === 'user' && this.isOwner(grantee.platform, grantee.id)) {
      throw new AppError(
        'conflict',
        'That user is an owner by configuration (OWNER_*_IDS); their role cannot be changed here.',
      );
    }
    await this.doc.update((draft) => {
      draft.grants = draft.grants.filter((g) => !same(g.grantee, grantee));
      draft.grants.push({ grantee, role, grantedBy: by, grantedAt: this.now().toISOString() });
    });
  }

  /** Returns whether there was a grant to remove. */
  async revoke(grantee: Grantee): Promise<boolean> {
    if (grantee.kind === 'user' && this.isOwner(grantee.platform, grantee.id)) {
      throw new AppError('conflict', 'That user is an owner by configuration (OWNER_*_IDS); remove them there.');
    }
    return this.doc.update((draft) => {
      const before = draft.grants.length;
      draft.grants = draft.grants.filter((g) => !same(g.grantee, grantee));
      return draft.grants.length < before;
    });
  }
}
