import type { DecodedFields } from '../ecs-document';
import type { Decoder } from './decoder';
import { occursWithin } from './field-utils';
import { decodePamLine } from './pam.decoder';

const SUDO_RE =
  /^\s*(\S+) : (?:(.*?) ; )?(?:HOST=(\S+) ; )?TTY=(\S+) ; PWD=(.*?) ; USER=(\S+) ; (?:GROUP=(\S+) ; )?(?:TSID=(\S+) ; )?(?:ENV=(.*?) ; )?COMMAND=(.*)$/;

const dataset = { module: 'system', dataset: 'system.auth' };

function errorAction(error: string): string {
  if (/incorrect password attempt/.test(error)) return 'sudo_incorrect_password';
  if (/NOT in sudoers/i.test(error)) return 'sudo_user_not_in_sudoers';
  if (/command not allowed/.test(error)) return 'sudo_command_not_allowed';
  if (/password is required/.test(error)) return 'sudo_password_required';
  return 'sudo_error';
}

/** sudo command log lines (and the PAM lines sudo writes). */
export function decodeSudoLine(message: string): DecodedFields | undefined {
  const m = SUDO_RE.exec(message);
  if (!m) return decodePamLine(message);
  const [, user, error, , tty, pwd, runAs, group, , , command] = m;
  const sudo: Record<string, string> = { tty: tty!, pwd: pwd!, user: runAs!, command: command! };
  if (group) sudo.group = group;
  if (error) {
    sudo.error = error;
    return {
      event: {
        action: errorAction(error),
        category: ['authentication', 'process'],
        type: ['info'],
        outcome: 'failure',
        ...dataset,
      },
      user: { name: user, effective: { name: runAs } },
      system: { auth: { sudo } },
    };
  }
  return {
    event: { action: 'sudo_command', category: ['process'], type: ['start'], outcome: 'success', ...dataset },
    user: { name: user, effective: { name: runAs } },
    system: { auth: { sudo } },
  };
}

export const sudoDecoder: Decoder = {
  name: 'sudo',
  programs: ['sudo'],
  sniff: (message) => occursWithin(message, ' ; TTY=', 256),
  decode: ({ message }) => decodeSudoLine(message),
};
