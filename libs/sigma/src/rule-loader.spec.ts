import { loadRules } from './rule-loader';
import { load, ruleYaml, run } from './spec-helpers';

describe('loadRules: problems are typed and never thrown', () => {
  it.each([
    ['invalid YAML', 'title: x\ndetection: [unclosed', 'invalid'],
    ['not a map', '- a\n- b', 'invalid'],
    ['no title', 'logsource: {}\ndetection: {s: {f: 1}, condition: s}', 'invalid'],
    ['no logsource', 'title: t\ndetection: {s: {f: 1}, condition: s}', 'invalid'],
    ['no detection', 'title: t\nlogsource: {}', 'invalid'],
    ['bad level', 'title: t\nlevel: severe\nlogsource: {}\ndetection: {s: {f: 1}, condition: s}', 'invalid'],
    ['duplicate key', 'title: t\ntitle: u\nlogsource: {}\ndetection: {s: {f: 1}, condition: s}', 'invalid'],
    ['unknown modifier', 'title: t\nlogsource: {}\ndetection: {s: {f|nope: 1}, condition: s}', 'unsupported'],
    ['bad condition', 'title: t\nlogsource: {}\ndetection: {s: {f: 1}, condition: s or or}', 'invalid'],
  ])('%s', (_name, text, status) => {
    expect(() => loadRules([{ path: 'x.yml', text }])).not.toThrow();
    const res = loadRules([{ path: 'x.yml', text }]);
    expect(res.rules).toHaveLength(0);
    expect(res.problems).toHaveLength(1);
    expect(res.problems[0].status).toBe(status);
    expect(res.problems[0].origin).toEqual({ path: 'x.yml', document: 0 });
    if (status === 'invalid') expect(res.problems[0].reason).toBeTruthy();
    else expect(res.problems[0].feature).toBeTruthy();
  });

  it('keeps good documents of a file next to a bad one', () => {
    const text = [
      ruleYaml({ s: { f: 'a' }, condition: 's' }),
      'title: broken\nlogsource: {}\ndetection: {condition: x}',
    ].join('---\n');
    const res = load(text);
    expect(res.rules).toHaveLength(1);
    expect(res.problems).toHaveLength(1);
    expect(res.problems[0].origin.document).toBe(1);
    expect(res.documents.map((d) => d.result.status)).toEqual(['ok', 'invalid']);
  });

  it('exposes rule metadata', () => {
    const [rule] = load(
      ruleYaml({ s: { f: 'a' }, condition: 's' }, { id: 'abc', level: 'High', tags: ['attack.t1110'] }),
    ).rules;
    expect(rule).toMatchObject({
      id: 'abc',
      title: 'test rule',
      level: 'high',
      tags: ['attack.t1110'],
      kind: 'detection',
    });
  });
});

describe('rule collections (action: global / reset / repeat)', () => {
  const text = `action: global
title: Global title
logsource: {product: test}
detection:
  base: {kind: process}
  condition: base and sel
---
detection:
  sel: {name: a}
---
title: Second
detection:
  sel: {name: b}
---
action: repeat
detection:
  sel: {name: c}
`;
  it('merges the global document into each following document', () => {
    const res = load(text);
    expect(res.problems).toEqual([]);
    expect(res.rules.map((r) => r.title)).toEqual(['Global title', 'Second', 'Second']);
    const out = run(res.rules, [
      { kind: 'process', name: 'c' },
      { kind: 'file', name: 'a' },
      { kind: 'process', name: 'a' },
    ]);
    expect(out.map((o) => (o.kind === 'match' ? o.rule.origin.document : -1))).toEqual([3, 1]);
  });
  it('reset clears the global part', () => {
    const res = load(
      'action: global\ntitle: g\n---\naction: reset\n---\nlogsource: {}\ndetection: {s: {f: 1}, condition: s}\n',
    );
    expect(res.problems[0]).toMatchObject({ status: 'invalid', reason: 'title is missing' });
  });
});

describe('filters (meta filters)', () => {
  const base = `title: Rar usage
id: 6f3e2987-db24-4c78-a860-b4f4095a7095
name: rar_usage
logsource: {category: process_creation, product: windows}
detection:
  sel: {Image|endswith: '\\rar.exe'}
  condition: sel
`;
  const other = `title: Other
id: 11111111-2222-3333-4444-555555555555
logsource: {category: process_creation, product: windows}
detection:
  sel: {Image|endswith: '\\rar.exe'}
  condition: sel
`;
  const filter = (
    rules: string,
    condition = 'selection',
    logsource = '{category: process_creation, product: windows}',
  ) => `title: Filter Administrator account
logsource: ${logsource}
filter:
  rules: ${rules}
  selection:
    User|startswith: 'adm_'
  condition: ${condition}
`;
  const events = [
    { Image: 'C:\\x\\rar.exe', User: 'adm_bob' },
    { Image: 'C:\\x\\rar.exe', User: 'alice' },
  ];
  const users = (outs: ReturnType<typeof run>, title: string) =>
    outs
      .filter((o) => o.kind === 'match' && o.rule.title === title)
      .map((o) => (o.kind === 'match' ? o.event.User : ''));

  it('excludes the filter selection from the referenced rules only (rule AND NOT filter)', () => {
    const res = load([base, other, filter('[6f3e2987-db24-4c78-a860-b4f4095a7095]')]);
    expect(res.problems).toEqual([]);
    const out = run(res.rules, events);
    expect(users(out, 'Rar usage')).toEqual(['alice']);
    expect(users(out, 'Other')).toEqual(['adm_bob', 'alice']);
    expect(res.rules.find((r) => r.title === 'Rar usage')).toMatchObject({ filters: ['Filter Administrator account'] });
  });

  it('references rules by name and applies "any" to every rule of the log source', () => {
    expect(users(run(load([base, other, filter('[rar_usage]')]).rules, events), 'Rar usage')).toEqual(['alice']);
    const all = run(load([base, other, filter('any')]).rules, events);
    expect(users(all, 'Other')).toEqual(['alice']);
  });

  it('does not apply when the filter log source is not contained in the rule log source', () => {
    const out = run(load([base, filter('any', 'selection', '{product: linux}')]).rules, events);
    expect(users(out, 'Rar usage')).toEqual(['adm_bob', 'alice']);
  });

  it("filterMode 'and' applies the filter condition as written (pySigma)", () => {
    const res = load([base, filter('[rar_usage]', 'not selection')], { filterMode: 'and' });
    expect(users(run(res.rules, events), 'Rar usage')).toEqual(['alice']);
  });

  it('reports a filter without rules or condition', () => {
    const res = load('title: f\nlogsource: {}\nfilter:\n  selection: {a: 1}\n  condition: selection\n');
    expect(res.problems[0]).toMatchObject({ status: 'invalid' });
  });
});
