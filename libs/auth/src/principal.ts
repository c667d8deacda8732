import { Role, GLOBAL_ROLES } from './roles';

/** Who is making a request or running a command. */
export interface Principal {
  kind: 'user' | 'api-key' | 'system';
  /** User id, API key id, or `system`/`cli`. */
  id: string;
  /** Username, key name, or command. */
  name: string;
  roles: Role[];
  /** Member codes in scope; `'all'` for cross-member roles. */
  members: string[] | 'all';
  /** JWT id of the access token (users only). */
  tokenId?: string;
  tokenExpiresAt?: number;
}

/** Members a principal may see: `undefined` means all. */
export function memberScope(p: Principal): string[] | undefined {
  return p.members === 'all' ? undefined : p.members;
}

/** Does the principal see this member? */
export function canSeeMember(p: Principal, member: string): boolean {
  return p.members === 'all' || p.members.includes(member);
}

/** A user's scope from their roles and assigned members. */
export function scopeFor(roles: Role[], assigned: string[]): string[] | 'all' {
  if (roles.some((r) => GLOBAL_ROLES.includes(r))) return 'all';
  if (roles.includes('auditor') && assigned.length === 0) return 'all';
  return [...new Set(assigned)].sort();
}

export const SYSTEM_PRINCIPAL: Principal = {
  kind: 'system',
  id: 'system',
  name: 'system',
  roles: ['admin'],
  members: 'all',
};
