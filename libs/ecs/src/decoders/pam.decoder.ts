import type { DecodedFields } from '../ecs-document';
import type { Decoder } from './decoder';
import { ipOrUndefined, occursWithin, present } from './field-utils';

const PAM_RE = /^(?:\S+: )?(pam_[a-z0-9_]+)\(([^:)]+):([a-z]+)\): (.*)$/;
const AUTH_FAILURE_RE =
  /authentication failure; logname=(\S*) uid=(\d*) euid=(\d*) tty=(\S*) ruser=(\S*) rhost=(\S*)(?:\s+user=(\S*))?/;
const MORE_FAILURES_RE =
  /^PAM (\d+) more authentication failures?; logname=(\S*) uid=(\d*) euid=(\d*) tty=(\S*) ruser=(\S*) rhost=(\S*)(?:\s+user=(\S*))?/;
const SESSION_OPENED_RE = /^session opened for user (\S+?)(?:\(uid=(\d+)\))?(?: by (\S*?)(?:\(uid=(\d+)\))?)?$/;
const SESSION_CLOSED_RE = /^session closed for user (\S+)$/;
const PASSWORD_CHANGED_RE = /^password changed for (\S+)$/;
const USER_UNKNOWN_RE = /^check pass; user unknown$/;

const dataset = { module: 'system', dataset: 'system.auth' };

function remote(rhost: string | undefined): { ip?: string; domain?: string } | undefined {
  const h = present(rhost);
  if (!h) return undefined;
  const ip = ipOrUndefined(h);
  return ip ? { ip } : { domain: h };
}

/** PAM module lines (`pam_unix(sshd:auth): authentication failure; …`, sessions, password changes). */
export function decodePamLine(message: string): DecodedFields | undefined {
  let m = MORE_FAILURES_RE.exec(message);
  if (m) {
    return {
      event: {
        action: 'authentication_failure',
        category: ['authentication'],
        type: ['info'],
        outcome: 'failure',
        ...dataset,
      },
      user: { name: present(m[8]) },
      source: remote(m[7]),
      system: { auth: { pam: { more_failures: m[1]!, tty: m[5] ?? '' } } },
    };
  }
  m = PAM_RE.exec(message);
  if (!m) return undefined;
  const [, module, service, kind, text] = m;
  const pam = { module: module!, service: service!, type: kind! };
  let t: RegExpExecArray | null;
  if ((t = AUTH_FAILURE_RE.exec(text!))) {
    return {
      event: {
        action: 'authentication_failure',
        category: ['authentication'],
        type: ['info'],
        outcome: 'failure',
        ...dataset,
      },
      user: { name: present(t[7]) ?? present(t[1]), id: present(t[2]) },
      source: remote(t[6]),
      system: { auth: { pam: { ...pam, tty: t[4] ?? '', ...(present(t[5]) ? { ruser: t[5]! } : {}) } } },
    };
  }
  if ((t = SESSION_OPENED_RE.exec(text!))) {
    const by = present(t[3]);
    return {
      event: { action: 'session_opened', category: ['session'], type: ['start'], outcome: 'success', ...dataset },
      user: { name: t[1], id: t[2] },
      system: { auth: { pam: { ...pam, ...(by ? { by } : {}), ...(t[4] ? { by_uid: t[4] } : {}) } } },
      related: by ? { user: [by] } : undefined,
    };
  }
  if ((t = SESSION_CLOSED_RE.exec(text!))) {
    return {
      event: { action: 'session_closed', category: ['session'], type: ['end'], outcome: 'success', ...dataset },
      user: { name: t[1] },
      system: { auth: { pam: pam } },
    };
  }
  if ((t = PASSWORD_CHANGED_RE.exec(text!))) {
    return {
      event: {
        action: 'password_changed',
        category: ['iam'],
        type: ['user', 'change'],
        outcome: 'success',
        ...dataset,
      },
      user: { target: { name: t[1] } },
      system: { auth: { pam: pam } },
    };
  }
  if (USER_UNKNOWN_RE.test(text!)) {
    return {
      event: {
        action: 'authentication_failure',
        category: ['authentication'],
        type: ['info'],
        outcome: 'failure',
        ...dataset,
      },
      system: { auth: { pam: { ...pam, reason: 'user unknown' } } },
    };
  }
  return {
    event: { action: `pam_${kind}`, category: ['authentication'], type: ['info'], ...dataset },
    system: { auth: { pam } },
  };
}

export const pamDecoder: Decoder = {
  name: 'pam',
  programs: [
    'login',
    'cron',
    'crond',
    'systemd-logind',
    'systemd',
    'gdm-password',
    'polkitd',
    'vsftpd',
    'dovecot',
    'sddm',
    'lightdm',
    'runuser',
    'unix_chkpwd',
    'chpasswd',
  ],
  sniff: (message) => message.startsWith('pam_') || message.startsWith('PAM ') || occursWithin(message, ': pam_', 64),
  decode: ({ message }) => decodePamLine(message),
};
