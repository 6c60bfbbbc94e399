import type { Role } from '#lib/gql/graphql.ts';

const labels: Record<Role, string> = { ADMIN: 'Admin', MEMBER: 'Member' };

/** How a role reads in the UI. */
export function roleLabel(role: Role): string {
  return labels[role];
}
