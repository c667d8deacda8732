import type { DecodedFields } from '../ecs-document';
import type { Decoder } from './decoder';
import { decodePamLine } from './pam.decoder';

const SUCCESS_BSD_RE = /^Successful su for (\S+) by (\S+)$/;
const FAILED_BSD_RE = /^FAILED su for (\S+) by (\S+)$/;
const SHADOW_RE = /^([+-]) (\S+) (\S+):(\S+)$/;
const UTIL_LINUX_RE = /^(FAILED SU )?\(to (\S+)\) (\S+) on (\S+)$/;

const dataset = { module: 'system', dataset: 'system.auth' };

function su(outcome: 'success' | 'failure', by: string, to: string, tty?: string): DecodedFields {
  return {
    event: {
      action: outcome === 'success' ? 'su_success' : 'su_failure',
      category: ['authentication', 'session'],
      type: outcome === 'success' ? ['start'] : ['info'],
      outcome,
      ...dataset,
    },
    user: { name: by, effective: { name: to } },
    system: { auth: { su: { from: by, to, ...(tty ? { tty } : {}) } } },
  };
}

/** su (shadow-utils and util-linux variants) and the PAM lines it writes. */
export function decodeSuLine(message: string): DecodedFields | undefined {
  let m = SUCCESS_BSD_RE.exec(message);
  if (m) return su('success', m[2]!, m[1]!);
  if ((m = FAILED_BSD_RE.exec(message))) return su('failure', m[2]!, m[1]!);
  if ((m = SHADOW_RE.exec(message))) return su(m[1] === '+' ? 'success' : 'failure', m[3]!, m[4]!, m[2]);
  if ((m = UTIL_LINUX_RE.exec(message))) return su(m[1] ? 'failure' : 'success', m[3]!, m[2]!, m[4]);
  return decodePamLine(message);
}

export const suDecoder: Decoder = {
  name: 'su',
  programs: ['su', 'su-l'],
  decode: ({ message }) => decodeSuLine(message),
};
