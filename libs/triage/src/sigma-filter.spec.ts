import { join } from 'node:path';
import { loadFieldMappingFile } from '@vigie/sigma';
import { AlertFacts } from './alert-facts';
import { AlertException, checkException, checkSigmaFilter, exceptionCovers, findException } from './alert-exception';
import { compileSigmaFilter } from './sigma-filter';

const mapping = loadFieldMappingFile(join(__dirname, '../../../config/sigma/ecs-mapping.yml'));
const NOW = Date.parse('2026-03-01T12:00:00Z');

/** An sshd failure as the normaliser writes it. */
const sshFailure = (user: string, ip: string, port = 50_000) => ({
  '@timestamp': '2026-03-01T11:59:00.000Z',
  event: { action: 'ssh_login', outcome: 'failure', module: 'sshd', id: `e-${user}-${port}` },
  organization: { id: 'ivry' },
  host: { name: 'srv-01' },
  user: { name: user },
  source: { ip, port },
  process: { name: 'sshd', pid: 4200 },
  message: `Failed password for ${user} from ${ip} port ${port} ssh2`,
});

const facts = (event?: Record<string, unknown>): AlertFacts => ({
  ruleId: 'ssh-bf',
  ruleTitle: 'Force brute SSH',
  level: 'medium',
  members: ['ivry'],
  groupValues: { 'organization.id': 'ivry', Hostname: 'srv-01', 'source.ip': '198.51.100.23' },
  event,
});

const ex = (sigmaFilter: string, over: Partial<AlertException> = {}): AlertException => ({
  id: 'e1',
  ruleId: 'ssh-bf',
  member: null,
  host: null,
  user: null,
  sourceIp: null,
  match: null,
  sigmaFilter,
  expiresAt: '2026-04-01T00:00:00Z',
  revokedAt: null,
  ...over,
});

const DETECTION = `
selection:
  user.name|startswith: svc-
filter_lab:
  source.ip|cidr: 10.0.0.0/8
condition: selection and not filter_lab
`;

describe('Sigma filter expressions on the alert’s event', () => {
  it('suppresses an event that satisfies a detection block, not one that does not', () => {
    const r = compileSigmaFilter(DETECTION, { mapping });
    if (!r.ok) throw new Error(r.problem);
    expect(r.filter.form).toBe('detection');
    expect(r.filter.suppresses(sshFailure('svc-backup', '198.51.100.23'))).toBe(true);
    expect(r.filter.suppresses(sshFailure('root', '198.51.100.23'))).toBe(false);
    expect(r.filter.suppresses(sshFailure('svc-backup', '10.1.2.3'))).toBe(false);
  });

  it('resolves Sigma field names through the detector’s mapping, keywords included', () => {
    const byMapping = compileSigmaFilter('sel:\n  User: root\n  Hostname: SRV-01\ncondition: sel', { mapping });
    if (!byMapping.ok) throw new Error(byMapping.problem);
    expect(byMapping.filter.suppresses(sshFailure('root', '1.2.3.4'))).toBe(true);
    expect(byMapping.filter.suppresses(sshFailure('admin', '1.2.3.4'))).toBe(false);
    const keywords = compileSigmaFilter("keywords:\n  - 'port 50001'\ncondition: keywords", { mapping });
    if (!keywords.ok) throw new Error(keywords.problem);
    expect(keywords.filter.suppresses(sshFailure('root', '1.2.3.4', 50_001))).toBe(true);
    expect(keywords.filter.suppresses(sshFailure('root', '1.2.3.4', 50_002))).toBe(false);
  });

  it('accepts a pasted rule’s detection section and its log source', () => {
    const rule = `title: x\nlogsource:\n  product: windows\ndetection:\n  sel:\n    User: root\n  condition: sel\n`;
    const r = compileSigmaFilter(rule, { mapping });
    if (!r.ok) throw new Error(r.problem);
    // the Windows log source constraint does not hold on an sshd event
    expect(r.filter.suppresses(sshFailure('root', '1.2.3.4'))).toBe(false);
  });

  it('reads a Sigma Filters document: named rules only, condition as the detector’s filter mode says', () => {
    const doc = `
title: Backup account
logsource:
  product: linux
filter:
  rules:
    - ssh-bf
  selection:
    user.name: svc-backup
  condition: selection
`;
    const exclude = compileSigmaFilter(doc, { mapping, filterMode: 'exclude' });
    if (!exclude.ok) throw new Error(exclude.problem);
    expect(exclude.filter.form).toBe('filter');
    expect(exclude.filter.appliesTo('ssh-bf')).toBe(true);
    expect(exclude.filter.appliesTo('other-rule')).toBe(false);
    expect(exclude.filter.suppresses(sshFailure('svc-backup', '1.2.3.4'))).toBe(true);
    expect(exclude.filter.suppresses(sshFailure('root', '1.2.3.4'))).toBe(false);
    // pySigma reading: the filter condition says what to keep
    const keep = compileSigmaFilter(doc.replace('condition: selection', 'condition: not selection'), {
      mapping,
      filterMode: 'and',
    });
    if (!keep.ok) throw new Error(keep.problem);
    expect(keep.filter.suppresses(sshFailure('svc-backup', '1.2.3.4'))).toBe(true);
    expect(keep.filter.suppresses(sshFailure('root', '1.2.3.4'))).toBe(false);
    const any = compileSigmaFilter('filter:\n  rules: any\n  sel:\n    User: root\n  condition: sel', { mapping });
    if (!any.ok) throw new Error(any.problem);
    expect(any.filter.appliesTo('whatever')).toBe(true);
  });

  it('reports the parser’s message for invalid expressions', () => {
    const problem = (text: string) => {
      const r = compileSigmaFilter(text, { mapping });
      return r.ok ? undefined : r.problem;
    };
    expect(problem('')).toMatch(/empty/);
    expect(problem('selection:\n  user.name: a\ncondition: selection and')).toMatch(/condition|unexpected|end/i);
    expect(problem('selection:\n  user.name: a\ncondition: other')).toMatch(/unknown search identifier 'other'/);
    expect(problem('selection:\n  user.name|nosuchmod: a\ncondition: selection')).toMatch(/nosuchmod/);
    expect(problem('selection: [\n')).toMatch(/^YAML/);
    expect(problem('- a\n- b')).toMatch(/YAML map/);
    expect(problem('selection:\n  user.name: a')).toMatch(/condition/);
    expect(problem('filter:\n  selection:\n    a: b\n  condition: selection')).toMatch(/rules/);
    expect(checkSigmaFilter('selection:\n  a: []\ncondition: selection')).toEqual([
      { field: 'sigmaFilter', problem: expect.stringMatching(/empty value list/) },
    ]);
  });
});

describe('exceptions with a Sigma filter', () => {
  it('cover an alert only through its event', () => {
    const e = ex(DETECTION);
    expect(exceptionCovers(e, facts(sshFailure('svc-backup', '198.51.100.23')), { mapping })).toBe(true);
    expect(exceptionCovers(e, facts(sshFailure('root', '198.51.100.23')), { mapping })).toBe(false);
    // no event in the message: the expression cannot hold, nothing is silently dropped
    expect(exceptionCovers(e, facts(undefined), { mapping })).toBe(false);
    // the other criteria still apply (AND)
    expect(exceptionCovers(ex(DETECTION, { ruleId: 'other' }), facts(sshFailure('svc-x', '1.1.1.1')))).toBe(false);
    expect(exceptionCovers(ex(DETECTION, { host: 'srv-02' }), facts(sshFailure('svc-x', '1.1.1.1')))).toBe(false);
  });

  it('are found among others, and an invalid stored expression suppresses nothing', () => {
    const list = [ex('nonsense: [', { id: 'bad' }), ex(DETECTION, { id: 'good' })];
    expect(findException(list, facts(sshFailure('svc-backup', '1.1.1.1')), NOW, { mapping })?.id).toBe('good');
    expect(findException(list, facts(sshFailure('root', '1.1.1.1')), NOW, { mapping })).toBeUndefined();
  });

  it('count as a scope for an every-rule exception and are checked at creation', () => {
    const base = { ruleId: null, reason: 'backup jobs', expiresAt: '2026-03-10T00:00:00Z' };
    expect(checkException({ ...base, sigmaFilter: DETECTION }, NOW)).toEqual([]);
    expect(checkException(base, NOW).map((p) => p.field)).toEqual(['ruleId']);
    expect(
      checkException({ ...base, sigmaFilter: 'selection:\n  a: b\ncondition: nope' }, NOW).map((p) => p.field),
    ).toEqual(['sigmaFilter']);
  });
});
