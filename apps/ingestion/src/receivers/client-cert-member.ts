/**
 * Member attribution from a TLS client certificate.
 *
 * `syslog.tlsClientMembers` lists `pattern=member` entries. A pattern is
 * matched, case-insensitively, against the subject CN and every DNS name of
 * the subject alternative names; `*` matches any run of characters (so
 * `*.ivry.fr` matches `fw01.ivry.fr`). The first entry that matches wins.
 * Without a match, a subject OU that is a known member code names the member.
 */

const MEMBER_CODE = /^[a-z0-9][a-z0-9_-]{0,31}$/;

export interface ClientMemberRule {
  pattern: string;
  member: string;
  regex: RegExp;
}

/** A `syslog.tlsClientMembers` entry that cannot be read. */
export class ClientMemberRuleError extends Error {
  constructor(
    readonly entry: string,
    problem: string,
  ) {
    super(`syslog.tlsClientMembers: "${entry}": ${problem}`);
    this.name = 'ClientMemberRuleError';
  }
}

/** What attribution reads from a certificate (a subset of node's `PeerCertificate`). */
export interface CertificateNames {
  subject?: { CN?: string | string[]; OU?: string | string[] };
  /** As node gives it: `DNS:a.example, IP Address:10.0.0.1, ...`. */
  subjectaltname?: string;
}

export function parseClientMemberRules(entries: readonly string[]): ClientMemberRule[] {
  return entries
    .map((e) => e.trim())
    .filter(Boolean)
    .map((entry) => {
      const at = entry.lastIndexOf('=');
      if (at < 0) throw new ClientMemberRuleError(entry, 'expected pattern=member');
      const pattern = entry.slice(0, at).trim();
      const member = entry.slice(at + 1).trim();
      if (!pattern) throw new ClientMemberRuleError(entry, 'empty pattern');
      if (!MEMBER_CODE.test(member)) throw new ClientMemberRuleError(entry, `"${member}" is not a member code`);
      const source = pattern
        .split('*')
        .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*');
      return { pattern, member, regex: new RegExp(`^${source}$`, 'i') };
    });
}

const list = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** The subject CN and the DNS names of a certificate. */
export function certificateNames(cert: CertificateNames): string[] {
  const dns = (cert.subjectaltname ?? '')
    .split(/,\s*/)
    .filter((n) => n.startsWith('DNS:'))
    .map((n) => n.slice(4));
  return [...list(cert.subject?.CN), ...dns].filter(Boolean);
}

/**
 * The member a (verified) client certificate names, or `undefined`.
 * @param isMember tells whether a code is a known member (for the OU fallback).
 */
export function memberFromCertificate(
  cert: CertificateNames | undefined,
  rules: readonly ClientMemberRule[],
  isMember: (code: string) => boolean,
): string | undefined {
  if (!cert || !cert.subject) return undefined;
  const names = certificateNames(cert);
  for (const rule of rules) if (names.some((n) => rule.regex.test(n))) return rule.member;
  for (const ou of list(cert.subject.OU)) {
    const code = ou.trim().toLowerCase();
    if (MEMBER_CODE.test(code) && isMember(code)) return code;
  }
  return undefined;
}
