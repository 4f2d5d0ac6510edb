import * as z from 'zod';
import { roles } from '../kit/roles.js';

// The schemas below are built when first used (z.lazy): a command that reads none of these records
// (a terminal `/help`) does not build them at start-up.

/** Roles granted to chat users or Discord roles (owners come from configuration, not from here). */
export const granteeSchema = z.lazy(() =>
  z.object({
    platform: z.enum(['discord', 'slack']),
    kind: z.enum(['user', 'discord-role']),
    id: z.string().min(1),
  }),
);
export type Grantee = z.infer<typeof granteeSchema>;

export const grantSchema = z.lazy(() =>
  z.object({
    grantee: granteeSchema,
    role: z.enum(roles),
    grantedBy: z.object({ platform: z.string(), userId: z.string() }),
    grantedAt: z.string(),
  }),
);
export type Grant = z.infer<typeof grantSchema>;

export interface AccessGrants {
  /** Every grant, as stored now. */
  list(): Promise<Grant[]>;
  /** Replaces the grantee's grant, if any. */
  put(grant: Grant): Promise<void>;
  /** True when there was a grant to remove. */
  remove(grantee: Grantee): Promise<boolean>;
}

export function sameGrantee(a: Grantee, b: Grantee): boolean {
  return a.platform === b.platform && a.kind === b.kind && a.id === b.id;
}
