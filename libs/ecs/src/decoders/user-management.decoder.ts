import type { DecodedFields, EcsEvent } from '../ecs-document';
import type { Decoder } from './decoder';
import { decodePamLine } from './pam.decoder';

const NEW_USER_RE = /^new user: name=([^,]+), UID=(\d+), GID=(\d+), home=([^,]*), shell=([^,]*)(?:, from=(\S+))?$/;
const NEW_GROUP_RE = /^(?:new group|group added to \S+): name=([^,]+)(?:, GID=(\d+))?(?:, from=(\S+))?$/;
const ADD_TO_GROUP_RE = /^add '([^']+)' to (shadow )?group '([^']+)'(?:, from=\S+)?$/;
const DEL_FROM_GROUP_RE = /^delete '([^']+)' from (shadow )?group '([^']+)'(?:, from=\S+)?$/;
const DELETE_USER_RE = /^delete user '([^']+)'(?:, from=\S+)?$/;
const REMOVED_GROUP_RE =
  /^(?:removed group '([^']+)' owned by '([^']+)'|group '([^']+)' removed(?: from \S+)?)(?:, from=\S+)?$/;
const CHANGE_PASSWORD_RE = /^(change|lock|unlock) user '([^']+)' password(?:, from=\S+)?$/;
const CHANGE_SHELL_RE =
  /^change user '([^']+)' (shell|home|UID|GID|expiration) from '([^']*)' to '([^']*)'(?:, from=\S+)?$/;
const CHANGE_NAME_RE = /^change user name '([^']+)' to '([^']+)'(?:, from=\S+)?$/;
const GPASSWD_RE = /^user (\S+) (added|removed) by (\S+) (?:to|from) group (\S+)$/;

const iam = (action: string, type: string[]): Partial<EcsEvent> => ({
  action,
  category: ['iam'],
  type,
  outcome: 'success',
  module: 'system',
  dataset: 'system.auth',
});

/** shadow-utils account management: useradd, userdel, usermod, groupadd, groupdel, gpasswd (and passwd via PAM). */
export function decodeUserManagementLine(message: string): DecodedFields | undefined {
  let m = NEW_USER_RE.exec(message);
  if (m) {
    return {
      event: iam('user_created', ['user', 'creation']),
      user: { target: { name: m[1], id: m[2], group: { id: m[3] } } },
      system: { auth: { useradd: { name: m[1]!, uid: m[2]!, gid: m[3]!, home: m[4]!, shell: m[5]! } } },
    };
  }
  if ((m = NEW_GROUP_RE.exec(message))) {
    return { event: iam('group_created', ['group', 'creation']), group: { name: m[1], id: m[2] } };
  }
  if ((m = ADD_TO_GROUP_RE.exec(message))) {
    return {
      event: iam('user_added_to_group', ['group', 'change']),
      user: { target: { name: m[1], group: { name: m[3] } } },
      group: { name: m[3] },
    };
  }
  if ((m = DEL_FROM_GROUP_RE.exec(message))) {
    return {
      event: iam('user_removed_from_group', ['group', 'change']),
      user: { target: { name: m[1], group: { name: m[3] } } },
      group: { name: m[3] },
    };
  }
  if ((m = DELETE_USER_RE.exec(message))) {
    return { event: iam('user_deleted', ['user', 'deletion']), user: { target: { name: m[1] } } };
  }
  if ((m = REMOVED_GROUP_RE.exec(message))) {
    return { event: iam('group_deleted', ['group', 'deletion']), group: { name: m[1] ?? m[3] } };
  }
  if ((m = CHANGE_PASSWORD_RE.exec(message))) {
    const action = m[1] === 'change' ? 'password_changed' : m[1] === 'lock' ? 'user_locked' : 'user_unlocked';
    return { event: iam(action, ['user', 'change']), user: { target: { name: m[2] } } };
  }
  if ((m = CHANGE_SHELL_RE.exec(message))) {
    return {
      event: iam(`user_${m[2]!.toLowerCase()}_changed`, ['user', 'change']),
      user: { target: { name: m[1] } },
      system: { auth: { usermod: { field: m[2]!, from: m[3]!, to: m[4]! } } },
    };
  }
  if ((m = CHANGE_NAME_RE.exec(message))) {
    return {
      event: iam('user_renamed', ['user', 'change']),
      user: { target: { name: m[1] }, changes: { name: m[2] } },
    };
  }
  if ((m = GPASSWD_RE.exec(message))) {
    return {
      event: iam(m[2] === 'added' ? 'user_added_to_group' : 'user_removed_from_group', ['group', 'change']),
      user: { name: m[3], target: { name: m[1], group: { name: m[4] } } },
      group: { name: m[4] },
    };
  }
  return decodePamLine(message);
}

export const userManagementDecoder: Decoder = {
  name: 'user-management',
  programs: [
    'useradd',
    'userdel',
    'usermod',
    'groupadd',
    'groupdel',
    'groupmod',
    'gpasswd',
    'passwd',
    'adduser',
    'deluser',
    'chage',
  ],
  sniff: (message) => message.startsWith('new user: name=') || message.startsWith('new group: name='),
  decode: ({ message }) => decodeUserManagementLine(message),
};
