import { randomBytes } from 'node:crypto';
import { MemberDirectory } from '@vigie/ingestion/members/member-directory';
import { ADMIN_PASSWORD, ApiClient, USER_PASSWORD } from './api';
import type { TestApp } from './app';

/** What every browser suite's world starts from: a tag that makes its names unique, and API sessions. */
export interface WorldStart {
  tag: string;
  /** Not signed in: `anon.login(user, password)` opens a user's session. */
  anon: ApiClient;
  admin: ApiClient;
}

export async function startWorld(t: TestApp): Promise<WorldStart> {
  const tag = randomBytes(3).toString('hex');
  const anon = new ApiClient(t.baseUrl);
  const admin = await anon.login('admin', ADMIN_PASSWORD);
  return { tag, anon, admin };
}

export interface MemberSeed {
  code: string;
  name: string;
  /** The member's network, by which ingestion attributes events to it. */
  network?: string;
}

/** The two cities of the scenarios. ivry owns the loopback network, so the test's syslog lines are ivry's. */
export const IVRY_CITY: MemberSeed = { code: 'ivry', name: 'Ville d’Ivry-sur-Seine', network: '127.0.0.0/8' };
export const VITRY_CITY: MemberSeed = { code: 'vitry', name: 'Ville de Vitry-sur-Seine', network: '10.94.0.0/16' };

/** The member without its network (a register-only world, no event attributed). */
export function withoutNetwork({ code, name }: MemberSeed): MemberSeed {
  return { code, name };
}

/**
 * Creates cities through the API. A member that already exists (409) is an error unless `existing` says to keep it
 * as it is or to give it the seed's network. When networks are given, the ingestion side's member directory is
 * reloaded so that events are attributed at once.
 */
export async function ensureMembers(
  admin: ApiClient,
  t: TestApp,
  members: readonly MemberSeed[],
  existing: 'fail' | 'keep' | 'set-network' = 'fail',
): Promise<void> {
  for (const { code, name, network } of members) {
    const created = await admin.post('/api/v1/members', {
      code,
      name,
      type: 'city',
      ...(network ? { networks: [network] } : {}),
    });
    if (created.status === 201) continue;
    if (created.status === 409 && existing === 'keep') continue;
    if (created.status === 409 && existing === 'set-network') {
      const r = await admin.patch(`/api/v1/members/${code}`, { networks: network ? [network] : [] });
      if (r.status !== 200) throw new Error(`member ${code}: ${r.status} ${JSON.stringify(r.body)}`);
      continue;
    }
    throw new Error(`member ${code}: ${created.status} ${JSON.stringify(created.body)}`);
  }
  if (members.some((m) => m.network)) await t.app.get(MemberDirectory).reload();
}

export interface UserSeed {
  username: string;
  roles: readonly string[];
  /** The members a referent is confined to; left out of the request when not given. */
  memberScopes?: readonly string[];
}

/** Creates users with USER_PASSWORD through the API; any answer but 201 is an error. */
export async function createUsers(admin: ApiClient, users: readonly UserSeed[]): Promise<void> {
  for (const { username, roles, memberScopes } of users) {
    const r = await admin.post('/api/v1/users', {
      username,
      password: USER_PASSWORD,
      roles,
      ...(memberScopes ? { memberScopes } : {}),
    });
    if (r.status !== 201) throw new Error(`user ${username}: ${r.status} ${JSON.stringify(r.body)}`);
  }
}
