export const roles = ['viewer', 'staff', 'owner'] as const;
export type Role = (typeof roles)[number];

/**
 * Who a command is for: a role and those above it, or `customer`: anyone at all, the command itself
 * answering only with what is linked to the person asking (a customer holds no role).
 */
export type Audience = Role | 'customer';

const rank: Record<Role, number> = { viewer: 1, staff: 2, owner: 3 };

/** Whether `role` (null: none granted) may run something meant for `minimum`. */
export function roleAllows(role: Role | null, minimum: Audience): boolean {
  if (minimum === 'customer') return true;
  return role !== null && rank[role] >= rank[minimum];
}

/** How help names who may run a command. */
export function describeAudience(minimum: Audience): string {
  return minimum === 'customer' ? 'for linked customers: their own accounts only' : `needs role: ${minimum}`;
}
