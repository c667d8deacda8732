import type { CorrelationAlert } from './correlation-engine';
import { SigmaEngine } from './sigma-engine';
import { load } from './spec-helpers';
import type { EcsEvent } from './types';

const T0 = Date.parse('2024-03-01T10:00:00Z');
const at = (sec: number) => new Date(T0 + sec * 1000).toISOString();

const base = (name: string, field: string, value: string) => `title: ${name}
name: ${name}
logsource: {}
detection:
  sel: {${field}: ${value}}
  condition: sel
`;

const correlation = (body: string, extra = '') => `title: corr
id: corr-1
${extra}correlation:
${body}
`;

function engineFor(texts: string[], options = {}) {
  const res = load(texts);
  expect(res.problems).toEqual([]);
  return new SigmaEngine(res.rules, { allowedLatenessMs: 0, ...options });
}

const alerts = (outs: ReturnType<SigmaEngine['evaluate']>) =>
  outs.filter((o): o is CorrelationAlert => o.kind === 'correlation');

function feed(engine: SigmaEngine, events: EcsEvent[]): CorrelationAlert[] {
  return events.flatMap((e) => alerts(engine.evaluate(e)));
}

const fail = (sec: number, user: string, extra: Record<string, unknown> = {}) => ({
  '@timestamp': at(sec),
  event: { id: `e${sec}-${user}`, action: 'fail' },
  user: { name: user },
  ...extra,
});

describe('event_count', () => {
  const texts = [
    base('failed', 'event.action', 'fail'),
    correlation(`  type: event_count
  rules: [failed]
  group-by: [user.name]
  timespan: 5m
  condition: {gte: 3}`),
  ];

  it('fires once per group and window, then updates the same alert', () => {
    const engine = engineFor(texts);
    const out = feed(engine, [fail(0, 'bob'), fail(60, 'bob'), fail(90, 'alice'), fail(120, 'bob'), fail(200, 'bob')]);
    expect(out.map((a) => [a.new, a.count, a.groupValues['user.name']])).toEqual([
      [true, 3, 'bob'],
      [false, 4, 'bob'],
    ]);
    expect(out[0].alertKey).toBe(out[1].alertKey);
    expect(out[0]).toMatchObject({ firstSeen: T0, lastSeen: T0 + 120_000, value: 3 });
    expect(out[0].sampleEventIds).toEqual(['e0-bob', 'e60-bob', 'e120-bob']);
    expect(engine.stats()).toMatchObject({ correlationAlerts: 1, correlationUpdates: 1 });
  });

  it('uses a sliding window: old events leave the count', () => {
    const out = feed(engineFor(texts), [fail(0, 'bob'), fail(200, 'bob'), fail(400, 'bob'), fail(450, 'bob')]);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ new: true, count: 3, firstSeen: T0 + 200_000 });
  });

  it('starts a new alert after the window of the previous one', () => {
    const events = [0, 10, 20, 400, 410, 420].map((s) => fail(s, 'bob'));
    const out = feed(engineFor(texts), events);
    expect(out.filter((a) => a.new)).toHaveLength(2);
    expect(new Set(out.map((a) => a.alertKey)).size).toBe(2);
  });

  it('skips events without the group-by field', () => {
    const out = feed(
      engineFor(texts),
      [0, 1, 2].map((s) => ({ '@timestamp': at(s), event: { action: 'fail' } })),
    );
    expect(out).toEqual([]);
  });

  it('suppresses the referenced rule matches unless generate is true', () => {
    const engine = engineFor(texts);
    expect(engine.evaluate(fail(0, 'bob')).filter((o) => o.kind === 'match')).toHaveLength(0);
    expect(engine.stats().suppressedMatches).toBe(1);
    const gen = engineFor([texts[0], texts[1].replace('correlation:', 'generate: true\ncorrelation:')]);
    expect(gen.evaluate(fail(0, 'bob')).filter((o) => o.kind === 'match')).toHaveLength(1);
  });

  it('decides upper-bounded conditions when the window closes', () => {
    const lt = engineFor([
      texts[0],
      correlation(`  type: event_count
  rules: [failed]
  group-by: [user.name]
  timespan: 1m
  condition: {lt: 3}`),
    ]);
    expect(feed(lt, [fail(0, 'bob'), fail(10, 'bob'), fail(0, 'alice'), fail(5, 'alice'), fail(6, 'alice')])).toEqual(
      [],
    );
    const closed = alerts(lt.flush(T0 + 61_000));
    expect(closed.map((a) => [a.groupValues['user.name'], a.count])).toEqual([['bob', 2]]);
    expect(lt.stats().groups).toBe(0);
  });

  it('supports a range (gt and lte)', () => {
    const range = engineFor([
      texts[0],
      correlation(`  type: event_count
  rules: [failed]
  group-by: [user.name]
  timespan: 1m
  condition: {gt: 1, lte: 2}`),
    ]);
    feed(range, [fail(0, 'bob'), fail(1, 'bob'), fail(2, 'eve'), fail(3, 'eve'), fail(4, 'eve')]);
    expect(range.stats().lateEvents).toBe(0);
    expect(alerts(range.flush(T0 + 120_000)).map((a) => a.groupValues['user.name'])).toEqual(['bob']);
  });
});

describe('value_count, value_sum, value_avg', () => {
  const vc = [
    base('failed', 'event.action', 'fail'),
    correlation(`  type: value_count
  rules: [failed]
  group-by: [source.ip]
  timespan: 10m
  condition: {field: user.name, gte: 3}`),
  ];
  it('counts distinct values of the field per group', () => {
    const ip = { source: { ip: '10.0.0.1' } };
    const out = feed(engineFor(vc), [
      fail(0, 'a', ip),
      fail(1, 'a', ip),
      fail(2, 'b', ip),
      fail(3, 'b', ip),
      fail(4, 'c', ip),
      fail(5, 'd', ip),
    ]);
    expect(out.map((a) => [a.new, a.value, a.count])).toEqual([
      [true, 3, 5],
      [false, 4, 6],
    ]);
  });
  it('requires a field', () => {
    const res = load([vc[0], vc[1].replace('field: user.name, ', '')]);
    expect(res.problems[0]).toMatchObject({ status: 'invalid' });
  });
  it('value_sum and value_avg compare the sum / average of a numeric field', () => {
    const mk = (type: string, cond: string) => [
      base('transfer', 'event.action', 'upload'),
      correlation(`  type: ${type}
  rules: [transfer]
  group-by: [user.name]
  timespan: 1h
  condition: {field: bytes, ${cond}}`),
    ];
    const up = (s: number, bytes: number) => ({
      '@timestamp': at(s),
      event: { action: 'upload' },
      user: { name: 'u' },
      bytes,
    });
    const sum = feed(engineFor(mk('value_sum', 'gt: 1000')), [up(0, 400), up(1, 500), up(2, 200)]);
    expect(sum.map((a) => [a.new, a.value])).toEqual([[true, 1100]]);
    const avg = feed(engineFor(mk('value_avg', 'gte: 300')), [up(0, 100), up(1, 200), up(2, 900)]);
    expect(avg.map((a) => [a.new, a.value])).toEqual([[true, 400]]);
  });
});

describe('temporal and temporal_ordered', () => {
  const rules = [base('recon_a', 'cmd', 'whoami'), base('recon_b', 'cmd', 'ipconfig'), base('recon_c', 'cmd', 'net')];
  const cmd = (s: number, c: string, host = 'pc1') => ({ '@timestamp': at(s), cmd: c, host: { name: host } });
  const temporal = (type: string, cond = '', refs = '[recon_a, recon_b]') =>
    correlation(`  type: ${type}
  rules: ${refs}
  group-by: [host.name]
  timespan: 1m${cond}`);

  it('temporal fires when all rules matched within the timespan, in any order', () => {
    const e = engineFor([...rules, temporal('temporal')]);
    const out = feed(e, [cmd(0, 'ipconfig'), cmd(30, 'whoami')]);
    expect(out).toHaveLength(1);
    expect(out[0].members).toEqual([
      { rule: 'recon_a', count: 1 },
      { rule: 'recon_b', count: 1 },
    ]);
  });
  it('temporal needs the events in the same group and timespan', () => {
    expect(feed(engineFor([...rules, temporal('temporal')]), [cmd(0, 'ipconfig'), cmd(90, 'whoami')])).toEqual([]);
    expect(feed(engineFor([...rules, temporal('temporal')]), [cmd(0, 'ipconfig'), cmd(5, 'whoami', 'pc2')])).toEqual(
      [],
    );
  });
  it('temporal with a threshold counts distinct rules', () => {
    const e = engineFor([...rules, temporal('temporal', '\n  condition: {gte: 2}', '[recon_a, recon_b, recon_c]')]);
    expect(feed(e, [cmd(0, 'net'), cmd(1, 'net'), cmd(2, 'whoami')]).map((a) => a.value)).toEqual([2]);
  });
  it('temporal with a boolean condition over rule names', () => {
    const e = engineFor([
      ...rules,
      temporal('temporal', '\n  condition: recon_a and (recon_b or recon_c)', '[recon_a, recon_b, recon_c]'),
    ]);
    expect(feed(e, [cmd(0, 'net'), cmd(1, 'whoami')])).toHaveLength(1);
  });
  it('temporal_ordered requires the declared order', () => {
    expect(feed(engineFor([...rules, temporal('temporal_ordered')]), [cmd(0, 'ipconfig'), cmd(30, 'whoami')])).toEqual(
      [],
    );
    const out = feed(engineFor([...rules, temporal('temporal_ordered')]), [cmd(0, 'whoami'), cmd(30, 'ipconfig')]);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ firstSeen: T0, lastSeen: T0 + 30_000 });
  });
  it('temporal_ordered chains must fit in the timespan', () => {
    expect(feed(engineFor([...rules, temporal('temporal_ordered')]), [cmd(0, 'whoami'), cmd(61, 'ipconfig')])).toEqual(
      [],
    );
  });
});

describe('specification example: failed logins followed by a successful login (chained)', () => {
  const text = `title: Correlation - Multiple Failed Logins Followed by Successful Login
id: b180ead8-d58f-40b2-ae54-c8940995b9b6
correlation:
    type: temporal_ordered
    rules:
        - multiple_failed_login
        - successful_login
    group-by:
        - User
    timespan: 10m
level: high
---
title: Multiple failed logons
id: a8418a5a-5fc4-46b5-b23b-6c73beb19d41
name: multiple_failed_login
correlation:
    type: event_count
    rules:
        - failed_login
    group-by:
        - User
    timespan: 10m
    condition:
        gte: 10
---
title: Single failed login
id: 53ba33fd-3a50-4468-a5ef-c583635cfa92
name: failed_login
logsource:
    product: windows
    service: security
detection:
    selection:
        EventID:
            - 529
            - 4625
    condition: selection
---
title: Successful login
id: 4d0a2c83-c62c-4ed4-b475-c7e23a9269b8
name: successful_login
logsource:
    product: windows
    service: security
detection:
    selection:
        EventID:
            - 528
            - 4624
    condition: selection
`;
  const ev = (s: number, id: number, user = 'bob') => ({
    '@timestamp': at(s),
    EventID: id,
    User: user,
    event: { id: `x${s}` },
  });

  it('emits only the outermost correlation', () => {
    const engine = engineFor([text]);
    const outs = [...Array.from({ length: 10 }, (_, i) => ev(i * 10, 4625)), ev(200, 4624)].flatMap((e) =>
      engine.evaluate(e),
    );
    expect(outs.map((o) => o.kind)).toEqual(['correlation']);
    const a = outs[0] as CorrelationAlert;
    expect(a.rule.id).toBe('b180ead8-d58f-40b2-ae54-c8940995b9b6');
    expect(a.groupValues).toEqual({ User: 'bob' });
    expect(a.new).toBe(true);
    expect(engine.stats()).toMatchObject({ matches: 11, suppressedMatches: 11, correlationAlerts: 2 });
  });

  it('does not fire when the success precedes the failures or another user succeeds', () => {
    const engine = engineFor([text]);
    const outs = [
      ev(0, 4624),
      ...Array.from({ length: 10 }, (_, i) => ev(10 + i, 4625)),
      ev(30, 4624, 'alice'),
    ].flatMap((e) => engine.evaluate(e));
    expect(outs).toEqual([]);
  });
});

describe('field name aliases (specification example)', () => {
  const text = `title: internal error
name: internal_error
logsource: {}
detection:
    selection:
        http.response.status_code: 500
    condition: selection
---
title: new connection
name: new_network_connection
logsource: {}
detection:
    selection:
        event.category: network
        event.type: connection
        event.outcome: success
    condition: selection
---
title: aliased
correlation:
    type: temporal
    rules:
        - internal_error
        - new_network_connection
    group-by:
        - internal_ip
        - remote_ip
    timespan: 10s
    aliases:
        internal_ip:
            internal_error: destination.ip
            new_network_connection: source.ip
        remote_ip:
            internal_error: source.ip
            new_network_connection: destination.ip
`;
  const err = (s: number, src: string, dst: string) => ({
    '@timestamp': at(s),
    http: { response: { status_code: 500 } },
    source: { ip: src },
    destination: { ip: dst },
  });
  const conn = (s: number, src: string, dst: string) => ({
    '@timestamp': at(s),
    event: { category: ['network'], type: ['connection'], outcome: 'success' },
    source: { ip: src },
    destination: { ip: dst },
  });
  it('groups events through the per-rule field aliases', () => {
    const out = feed(engineFor([text]), [err(0, '198.51.100.1', '10.0.0.5'), conn(5, '10.0.0.5', '198.51.100.1')]);
    expect(out).toHaveLength(1);
    expect(out[0].groupValues).toEqual({ internal_ip: '10.0.0.5', remote_ip: '198.51.100.1' });
  });
  it('does not correlate when the aliased values differ', () => {
    expect(feed(engineFor([text]), [err(0, '198.51.100.1', '10.0.0.5'), conn(5, '10.0.0.6', '198.51.100.1')])).toEqual(
      [],
    );
  });
});

describe('lateness, bounded state and expiry', () => {
  const texts = [
    base('failed', 'event.action', 'fail'),
    correlation(
      `  type: event_count
  rules: [failed]
  group-by: [user.name]
  timespan: 5m
  condition: {gte: 2}`,
      'generate: true\n',
    ),
  ];
  it('late events are matched by single rules but not correlated', () => {
    const engine = engineFor(texts, { allowedLatenessMs: 60_000 });
    engine.evaluate(fail(1000, 'zed'));
    const out = [...engine.evaluate(fail(100, 'bob')), ...engine.evaluate(fail(101, 'bob'))];
    expect(out.map((o) => o.kind)).toEqual(['match', 'match']);
    expect(out.every((o) => o.kind === 'match' && o.late)).toBe(true);
    expect(engine.stats().lateEvents).toBe(2);
    const inTime = engine.evaluate(fail(950, 'bob')).concat(engine.evaluate(fail(951, 'bob')));
    expect(inTime.filter((o) => o.kind === 'correlation')).toHaveLength(1);
  });
  it('evicts the least recently used group beyond maxGroupsPerRule', () => {
    const engine = engineFor(texts, { maxGroupsPerRule: 2 });
    feed(engine, [fail(0, 'a'), fail(1, 'b'), fail(2, 'c')]);
    expect(engine.stats()).toMatchObject({ groups: 2, evictions: 1 });
    expect(feed(engine, [fail(3, 'a')])).toEqual([]);
    expect(feed(engine, [fail(4, 'c')])).toHaveLength(1);
  });
  it('flush drops expired groups', () => {
    const engine = engineFor(texts);
    feed(engine, [fail(0, 'a'), fail(1, 'b')]);
    expect(engine.stats().groups).toBe(2);
    engine.flush(T0 + 302_000);
    expect(engine.stats()).toMatchObject({ groups: 0, expiredGroups: 2 });
  });
});

describe('correlation rule validation', () => {
  it.each([
    ['unknown type', '  type: nearby\n  rules: [x]\n  timespan: 5m', 'invalid'],
    [
      'percentile',
      '  type: value_percentile\n  rules: [failed]\n  timespan: 5m\n  condition: {field: a, gte: 1}',
      'unsupported',
    ],
    ['bad timespan', '  type: event_count\n  rules: [failed]\n  timespan: 5 minutes\n  condition: {gte: 1}', 'invalid'],
    ['missing condition', '  type: event_count\n  rules: [failed]\n  timespan: 5m', 'invalid'],
    ['unknown reference', '  type: event_count\n  rules: [nope]\n  timespan: 5m\n  condition: {gte: 1}', 'invalid'],
    ['bad operator', '  type: event_count\n  rules: [failed]\n  timespan: 5m\n  condition: {above: 1}', 'invalid'],
  ])('%s', (_n, body, status) => {
    const res = load([base('failed', 'a', 'b'), correlation(body)]);
    expect(res.problems).toHaveLength(1);
    expect(res.problems[0].status).toBe(status);
  });
  it('propagates the problem of a referenced rule', () => {
    const res = load([
      'title: failed\nname: failed\nlogsource: {}\ndetection: {s: {f|zzz: 1}, condition: s}',
      correlation('  type: event_count\n  rules: [failed]\n  timespan: 5m\n  condition: {gte: 1}'),
    ]);
    expect(res.problems.map((p) => p.status)).toEqual(['unsupported', 'unsupported']);
  });
  it('parses timespans in s, m, h and d', () => {
    for (const [ts, ms] of [
      ['30s', 30_000],
      ['5m', 300_000],
      ['1h', 3_600_000],
      ['1d', 86_400_000],
    ] as const) {
      const res = load([
        base('failed', 'a', 'b'),
        correlation(`  type: event_count\n  rules: [failed]\n  timespan: ${ts}\n  condition: {gte: 1}`),
      ]);
      expect(res.rules.find((r) => r.kind === 'correlation')).toMatchObject({ timespanMs: ms });
    }
  });
});
