import type { EcsEvent } from '../ecs-document';

type Categorisation = Pick<EcsEvent, 'action' | 'category' | 'type'> & { outcome?: EcsEvent['outcome'] };

/** ECS categorisation of the Windows events handled, after Elastic's windows/system security pipelines. */
export const WINDOWS_EVENTS: Record<string, Categorisation> = {
  '1102': { action: 'audit-log-cleared', category: ['iam'], type: ['admin', 'change'], outcome: 'success' },
  '4624': { action: 'logged-in', category: ['authentication'], type: ['start'], outcome: 'success' },
  '4625': { action: 'logon-failed', category: ['authentication'], type: ['start'], outcome: 'failure' },
  '4634': { action: 'logged-out', category: ['authentication'], type: ['end'], outcome: 'success' },
  '4647': { action: 'logged-out', category: ['authentication'], type: ['end'], outcome: 'success' },
  '4648': { action: 'logged-in-explicit', category: ['authentication'], type: ['start'], outcome: 'success' },
  '4672': { action: 'logged-in-special', category: ['iam'], type: ['admin'], outcome: 'success' },
  '4688': { action: 'created-process', category: ['process'], type: ['start'], outcome: 'success' },
  '4689': { action: 'exited-process', category: ['process'], type: ['end'], outcome: 'success' },
  '4697': {
    action: 'service-installed',
    category: ['iam', 'configuration'],
    type: ['admin', 'change'],
    outcome: 'success',
  },
  '4720': { action: 'added-user-account', category: ['iam'], type: ['user', 'creation'], outcome: 'success' },
  '4722': { action: 'enabled-user-account', category: ['iam'], type: ['user', 'change'], outcome: 'success' },
  '4723': { action: 'changed-password', category: ['iam'], type: ['user', 'change'], outcome: 'success' },
  '4724': { action: 'reset-password', category: ['iam'], type: ['user', 'change'], outcome: 'success' },
  '4725': { action: 'disabled-user-account', category: ['iam'], type: ['user', 'deletion'], outcome: 'success' },
  '4726': { action: 'deleted-user-account', category: ['iam'], type: ['user', 'deletion'], outcome: 'success' },
  '4728': { action: 'added-member-to-group', category: ['iam'], type: ['group', 'change'], outcome: 'success' },
  '4729': { action: 'removed-member-from-group', category: ['iam'], type: ['group', 'change'], outcome: 'success' },
  '4732': { action: 'added-member-to-group', category: ['iam'], type: ['group', 'change'], outcome: 'success' },
  '4733': { action: 'removed-member-from-group', category: ['iam'], type: ['group', 'change'], outcome: 'success' },
  '4738': { action: 'modified-user-account', category: ['iam'], type: ['user', 'change'], outcome: 'success' },
  '4740': { action: 'locked-out-user-account', category: ['iam'], type: ['user', 'change'], outcome: 'success' },
  '4756': { action: 'added-member-to-group', category: ['iam'], type: ['group', 'change'], outcome: 'success' },
  '4757': { action: 'removed-member-from-group', category: ['iam'], type: ['group', 'change'], outcome: 'success' },
  '4767': { action: 'unlocked-user-account', category: ['iam'], type: ['user', 'change'], outcome: 'success' },
  '4768': { action: 'kerberos-authentication-ticket-requested', category: ['authentication'], type: ['start'] },
  '4769': { action: 'kerberos-service-ticket-requested', category: ['authentication'], type: ['start'] },
  '4776': { action: 'credential-validated', category: ['authentication'], type: ['start'] },
  '7045': { action: 'service-installed', category: ['configuration'], type: ['creation'], outcome: 'success' },
};

/** Events whose subject acts on a target account (user.target.*). */
export const ACCOUNT_MANAGEMENT = new Set(['4720', '4722', '4723', '4724', '4725', '4726', '4738', '4740', '4767']);
/** Group membership changes: TargetUserName is the group, MemberName/MemberSid the user. */
export const GROUP_MEMBERSHIP = new Set(['4728', '4729', '4732', '4733', '4756', '4757']);
/** Logon events: TargetUserName is the account logging on. */
export const LOGON_EVENTS = new Set(['4624', '4625', '4634', '4647']);

/** `LogonType` number → name used by `winlog.logon.type`. */
export const LOGON_TYPES: Record<string, string> = {
  '0': 'System',
  '2': 'Interactive',
  '3': 'Network',
  '4': 'Batch',
  '5': 'Service',
  '7': 'Unlock',
  '8': 'NetworkCleartext',
  '9': 'NewCredentials',
  '10': 'RemoteInteractive',
  '11': 'CachedInteractive',
  '12': 'CachedRemoteInteractive',
  '13': 'CachedUnlock',
};
