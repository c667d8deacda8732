/** Roles a user can hold (several at once). */
export const ROLES = ['admin', 'rssi', 'dpo', 'referent', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Roles that work across all members. A `referent` sees only the members in
 * their scope; an `auditor` sees the members in their scope, or all when given
 * no scope. `admin` manages users, members and settings.
 */
export const GLOBAL_ROLES: readonly Role[] = ['admin', 'rssi', 'dpo'];
