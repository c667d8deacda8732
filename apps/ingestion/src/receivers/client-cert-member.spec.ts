import { ClientMemberRuleError, certificateNames, memberFromCertificate, parseClientMemberRules } from './client-cert-member';

const known = new Set(['ivry', 'vitry', 'arcueil']);
const isMember = (c: string) => known.has(c);

describe('client certificate → member', () => {
  const rules = parseClientMemberRules(['*.ivry.fr=ivry', 'fw-vitry-01=vitry', ' ', 'syslog.arcueil.fr = arcueil']);

  it('reads pattern=member entries, skipping blanks', () => {
    expect(rules.map((r) => [r.pattern, r.member])).toEqual([
      ['*.ivry.fr', 'ivry'],
      ['fw-vitry-01', 'vitry'],
      ['syslog.arcueil.fr', 'arcueil'],
    ]);
  });

  it.each([['no-equals'], ['=ivry'], ['host=Not A Code'], ['host=']])('refuses the entry %p', (entry) => {
    expect(() => parseClientMemberRules([entry])).toThrow(ClientMemberRuleError);
  });

  it('matches the CN with a wildcard, case-insensitively, and never across the dot boundary of the literal part', () => {
    expect(memberFromCertificate({ subject: { CN: 'FW01.Ivry.fr' } }, rules, isMember)).toBe('ivry');
    expect(memberFromCertificate({ subject: { CN: 'ivry.fr.evil.example' } }, rules, isMember)).toBeUndefined();
    expect(memberFromCertificate({ subject: { CN: 'fw-vitry-01x' } }, rules, isMember)).toBeUndefined();
  });

  it('matches DNS names of the subject alternative names', () => {
    const cert = { subject: { CN: 'collector' }, subjectaltname: 'IP Address:10.0.0.5, DNS:fw-vitry-01, DNS:other.example' };
    expect(certificateNames(cert)).toEqual(['collector', 'fw-vitry-01', 'other.example']);
    expect(memberFromCertificate(cert, rules, isMember)).toBe('vitry');
  });

  it('falls back to a subject OU that is a known member code', () => {
    expect(memberFromCertificate({ subject: { CN: 'srv', OU: ['IT Department', 'Arcueil'] } }, [], isMember)).toBe('arcueil');
    expect(memberFromCertificate({ subject: { CN: 'srv', OU: 'unknown-town' } }, [], isMember)).toBeUndefined();
  });

  it('prefers an explicit rule over the OU', () => {
    expect(memberFromCertificate({ subject: { CN: 'fw-vitry-01', OU: 'ivry' } }, rules, isMember)).toBe('vitry');
  });

  it('gives nothing for no certificate (node gives {} then)', () => {
    expect(memberFromCertificate(undefined, rules, isMember)).toBeUndefined();
    expect(memberFromCertificate({}, rules, isMember)).toBeUndefined();
  });
});
