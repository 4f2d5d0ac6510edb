export const roles = ['viewer', 'staff', 'owner'] as const;
export type Role = (typeof roles)[number];

const rank: Record<Role, number> = { viewer: 1, staff: 2, owner: 3 };

/** Whether `role` (null: none granted) may run something that needs `minimum`. */
export function roleAllows(role: Role | null, minimum: Role): boolean {
  return role !== null && rank[role] >= rank[minimum];
}
