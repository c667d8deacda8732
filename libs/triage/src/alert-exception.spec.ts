import { AlertFacts } from './alert-facts';
import { AlertException, checkException, exceptionCovers, findException, isActive } from './alert-exception';

const NOW = Date.parse('2026-03-01T12:00:00Z');
const facts: AlertFacts = {
  ruleId: 'ssh-bf',
  ruleTitle: 'Force brute SSH',
  level: 'medium',
  members: ['ivry'],
  groupValues: { 'organization.id': 'ivry', Hostname: 'SRV-01', 'source.ip': '198.51.100.23', TargetUserName: 'root' },
};
const ex = (over: Partial<AlertException> = {}): AlertException => ({
  id: 'e1',
  ruleId: 'ssh-bf',
  member: null,
  host: null,
  user: null,
  sourceIp: null,
  match: null,
  expiresAt: '2026-04-01T00:00:00Z',
  revokedAt: null,
  ...over,
});

describe('alert exceptions', () => {
  it('matches on rule and on each scope', () => {
    expect(exceptionCovers(ex(), facts)).toBe(true);
    expect(exceptionCovers(ex({ ruleId: 'other' }), facts)).toBe(false);
    expect(exceptionCovers(ex({ ruleId: null, member: 'ivry' }), facts)).toBe(true);
    expect(exceptionCovers(ex({ member: 'vitry' }), facts)).toBe(false);
    expect(exceptionCovers(ex({ host: 'srv-01' }), facts)).toBe(true);
    expect(exceptionCovers(ex({ host: 'srv-02' }), facts)).toBe(false);
    expect(exceptionCovers(ex({ user: 'ROOT' }), facts)).toBe(true);
    expect(exceptionCovers(ex({ sourceIp: '198.51.100.0/24' }), facts)).toBe(true);
    expect(exceptionCovers(ex({ sourceIp: '198.51.100.23' }), facts)).toBe(true);
    expect(exceptionCovers(ex({ sourceIp: '203.0.113.0/24' }), facts)).toBe(false);
  });

  it('does not let one member silence a cross-member alert', () => {
    expect(exceptionCovers(ex({ member: 'ivry' }), { ...facts, members: ['ivry', 'vitry'] })).toBe(false);
  });

  it('applies a Sigma-like field match', () => {
    expect(
      exceptionCovers(ex({ match: { 'hostname|startswith': 'srv-', 'source.ip|cidr': '198.51.0.0/16' } }), facts),
    ).toBe(true);
    expect(exceptionCovers(ex({ match: { hostname: ['web-*', 'db-*'] } }), facts)).toBe(false);
    expect(exceptionCovers(ex({ match: { 'rule.title|contains': 'brute' } }), facts)).toBe(true);
    expect(exceptionCovers(ex({ match: { 'user.name': 'r??t' } }), facts)).toBe(true);
    expect(exceptionCovers(ex({ match: { 'missing.field': '*' } }), facts)).toBe(false);
  });

  it('stops applying once expired or revoked', () => {
    expect(isActive(ex(), NOW)).toBe(true);
    expect(isActive(ex({ expiresAt: '2026-03-01T11:59:59Z' }), NOW)).toBe(false);
    expect(findException([ex({ expiresAt: '2026-02-01T00:00:00Z' }), ex({ id: 'e2' })], facts, NOW)?.id).toBe('e2');
    expect(findException([ex({ revokedAt: '2026-02-01T00:00:00Z' })], facts, NOW)).toBeUndefined();
  });

  it('requires a reason, a future expiry and a scope for every-rule exceptions', () => {
    const problems = checkException({ ruleId: null, expiresAt: '2020-01-01T00:00:00Z' }, NOW).map((p) => p.field);
    expect(problems).toEqual(['reason', 'expiresAt', 'ruleId']);
    expect(checkException({ ruleId: 'x', reason: 'scanner', expiresAt: '2026-03-02T00:00:00Z' }, NOW)).toEqual([]);
    expect(checkException({ ruleId: 'x', reason: 'r', expiresAt: '2028-03-02T00:00:00Z' }, NOW)[0].field).toBe(
      'expiresAt',
    );
    expect(
      checkException({ ruleId: 'x', reason: 'r', expiresAt: '2026-03-02T00:00:00Z', match: { 'a|re': 'x' } }, NOW)[0],
    ).toMatchObject({ field: 'match.a|re' });
    expect(
      checkException({ ruleId: 'x', reason: 'r', expiresAt: '2026-03-02T00:00:00Z', sourceIp: '10.0.0.300' }, NOW)[0],
    ).toMatchObject({ field: 'sourceIp' });
  });
});
