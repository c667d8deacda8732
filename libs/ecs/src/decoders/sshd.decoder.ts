import type { DecodedFields } from '../ecs-document';
import type { Decoder, DecoderInput } from './decoder';
import { ipOrUndefined, portOrUndefined } from './field-utils';
import { decodePamLine } from './pam.decoder';

const ACCEPTED_RE = /^Accepted (\S+) for (.+?) from (\S+) port (\d+)(?: (\S+?))?(?::? (.*))?$/;
const FAILED_RE = /^Failed (\S+) for (invalid user )?(.*?) from (\S+) port (\d+)(?: (?!\[preauth\])\S+?)?(?::? (?!\[preauth\])(.*?))?(?: \[preauth\])?$/;
const INVALID_USER_RE = /^Invalid user (.*?) from (\S+)(?: port (\d+))?(?: \[preauth\])?$/;
const MAX_ATTEMPTS_RE =
  /^(?:error: )?maximum authentication attempts exceeded for (invalid user )?(.*?) from (\S+) port (\d+)(?: \S+)?(?: \[preauth\])?$/;
const TOO_MANY_RE =
  /^Disconnecting (?:(invalid|authenticating) user (\S*) )?(\S+) port (\d+): Too many authentication failures/;
const CLOSED_RE =
  /^Connection (closed|reset) by (?:(invalid|authenticating) user (\S*) )?(\S+) port (\d+)( \[preauth\])?/;
const DISCONNECTED_RE =
  /^Disconnected from (?:(invalid|authenticating) user (\S*) |user (\S+) )?(\S+) port (\d+)( \[preauth\])?/;
const RECEIVED_DISCONNECT_RE = /^Received disconnect from (\S+) port (\d+):(\d+): (.*?)(?: \[preauth\])?$/;
const NO_IDENT_RE = /^(?:Did not receive identification string|banner exchange: Connection) from (\S+)(?: port (\d+))?/;
const CONNECTION_FROM_RE = /^Connection from (\S+) port (\d+) on (\S+) port (\d+)/;
const TIMEOUT_RE = /^Timeout before authentication for (?:connection from )?(\S+?)(?: port (\d+))?$/;
const NEGOTIATE_RE = /^Unable to negotiate with (\S+) port (\d+): (.*?)(?: \[preauth\])?$/;
const REPEATED_RE = /^message repeated \d+ times: \[ ?(.*?) ?\]$/;

function endpoint(host: string, port?: string): { ip?: string; domain?: string; port?: number } {
  const ip = ipOrUndefined(host);
  return { ip, domain: ip ? undefined : host, port: portOrUndefined(port) };
}

const base = (action: string, category: string[], type: string[], outcome?: 'success' | 'failure'): DecodedFields => ({
  event: { action, category, type, outcome, module: 'system', dataset: 'system.auth' },
});

/** OpenSSH server messages (auth.log / secure). */
export function decodeSshdLine(raw: string): DecodedFields | undefined {
  let message = raw;
  const rep = REPEATED_RE.exec(message);
  if (rep) message = rep[1]!;
  let m: RegExpExecArray | null;
  if ((m = ACCEPTED_RE.exec(message))) {
    return {
      ...base('ssh_login', ['authentication', 'session'], ['start', 'info'], 'success'),
      user: { name: m[2] },
      source: endpoint(m[3]!, m[4]),
      network: { protocol: 'ssh' },
      system: { auth: { ssh: { event: 'Accepted', method: m[1]!, ...(m[6] ? { signature: m[6] } : {}) } } },
    };
  }
  if ((m = FAILED_RE.exec(message))) {
    return {
      ...base('ssh_login', ['authentication'], ['start', 'info'], 'failure'),
      user: { name: m[3] },
      source: endpoint(m[4]!, m[5]),
      network: { protocol: 'ssh' },
      system: { auth: { ssh: { event: 'Failed', method: m[1]!, ...(m[2] ? { invalid_user: 'true' } : {}) } } },
    };
  }
  if ((m = INVALID_USER_RE.exec(message))) {
    return {
      ...base('ssh_invalid_user', ['authentication'], ['start', 'info'], 'failure'),
      user: { name: m[1] || undefined },
      source: endpoint(m[2]!, m[3]),
      network: { protocol: 'ssh' },
      system: { auth: { ssh: { event: 'Invalid', invalid_user: 'true' } } },
    };
  }
  if ((m = MAX_ATTEMPTS_RE.exec(message))) {
    return {
      ...base('ssh_max_auth_attempts_exceeded', ['authentication'], ['start', 'info'], 'failure'),
      user: { name: m[2] },
      source: endpoint(m[3]!, m[4]),
      network: { protocol: 'ssh' },
      system: { auth: { ssh: { event: 'MaxAuthTries', ...(m[1] ? { invalid_user: 'true' } : {}) } } },
    };
  }
  if ((m = TOO_MANY_RE.exec(message))) {
    return {
      ...base('ssh_max_auth_attempts_exceeded', ['authentication'], ['end'], 'failure'),
      user: { name: m[2] || undefined },
      source: endpoint(m[3]!, m[4]),
      network: { protocol: 'ssh' },
      system: {
        auth: { ssh: { event: 'TooManyAuthFailures', ...(m[1] === 'invalid' ? { invalid_user: 'true' } : {}) } },
      },
    };
  }
  if ((m = CLOSED_RE.exec(message))) {
    const preauth = m[6] !== undefined;
    return {
      ...base(
        m[1] === 'reset' ? 'ssh_connection_reset' : 'ssh_connection_closed',
        ['network', 'session'],
        ['end'],
        preauth ? 'failure' : undefined,
      ),
      user: { name: m[3] || undefined },
      source: endpoint(m[4]!, m[5]),
      network: { protocol: 'ssh' },
      system: {
        auth: {
          ssh: {
            event: 'Closed',
            ...(preauth ? { preauth: 'true' } : {}),
            ...(m[2] === 'invalid' ? { invalid_user: 'true' } : {}),
          },
        },
      },
    };
  }
  if ((m = DISCONNECTED_RE.exec(message))) {
    const preauth = m[6] !== undefined;
    return {
      ...base('ssh_disconnect', ['network', 'session'], ['end'], preauth ? 'failure' : undefined),
      user: { name: m[2] || m[3] || undefined },
      source: endpoint(m[4]!, m[5]),
      network: { protocol: 'ssh' },
      system: {
        auth: {
          ssh: {
            event: 'Disconnected',
            ...(preauth ? { preauth: 'true' } : {}),
            ...(m[1] === 'invalid' ? { invalid_user: 'true' } : {}),
          },
        },
      },
    };
  }
  if ((m = RECEIVED_DISCONNECT_RE.exec(message))) {
    return {
      ...base('ssh_disconnect', ['network', 'session'], ['end']),
      source: endpoint(m[1]!, m[2]),
      event: {
        action: 'ssh_disconnect',
        category: ['network', 'session'],
        type: ['end'],
        reason: m[4],
        module: 'system',
        dataset: 'system.auth',
      },
      network: { protocol: 'ssh' },
      system: { auth: { ssh: { event: 'ReceivedDisconnect', disconnect_code: m[3]! } } },
    };
  }
  if ((m = NO_IDENT_RE.exec(message))) {
    return {
      ...base('ssh_no_identification', ['network'], ['connection', 'denied'], 'failure'),
      source: endpoint(m[1]!, m[2]),
      network: { protocol: 'ssh' },
    };
  }
  if ((m = CONNECTION_FROM_RE.exec(message))) {
    return {
      ...base('ssh_connection', ['network'], ['connection', 'start']),
      source: endpoint(m[1]!, m[2]),
      destination: endpoint(m[3]!, m[4]),
      network: { protocol: 'ssh' },
    };
  }
  if ((m = TIMEOUT_RE.exec(message))) {
    return { ...base('ssh_timeout', ['network', 'session'], ['end'], 'failure'), source: endpoint(m[1]!, m[2]) };
  }
  if ((m = NEGOTIATE_RE.exec(message))) {
    return {
      ...base('ssh_negotiation_failed', ['network'], ['connection', 'denied'], 'failure'),
      source: endpoint(m[1]!, m[2]),
      event: {
        action: 'ssh_negotiation_failed',
        category: ['network'],
        type: ['connection', 'denied'],
        outcome: 'failure',
        reason: m[3],
        module: 'system',
        dataset: 'system.auth',
      },
    };
  }
  return undefined;
}

export const sshdDecoder: Decoder = {
  name: 'sshd',
  programs: ['sshd', 'sshd-session', 'sshd-auth'],
  decode({ message }: DecoderInput): DecodedFields | undefined {
    return decodeSshdLine(message) ?? decodePamLine(message);
  },
};
