import type { Role } from './roles.js';

export type Platform = 'discord' | 'slack' | 'terminal';

/** Who runs a command, and the role the access list grants them now (null: none). */
export interface Actor {
  platform: Platform;
  userId: string;
  name?: string;
  role: Role | null;
}
