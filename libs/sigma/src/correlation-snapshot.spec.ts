import type { CorrelationAlert } from './correlation-engine';
import { EngineSnapshot, SigmaEngine } from './sigma-engine';
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

const correlation = (body: string, id = 'corr-1') => `title: corr
id: ${id}
correlation:
${body}
`;

function engineFor(texts: string[]) {
  const res = load(texts);
  expect(res.problems).toEqual([]);
  return new SigmaEngine(res.rules, { allowedLatenessMs: 0 });
}

const alerts = (outs: ReturnType<SigmaEngine['evaluate']>) =>
  outs.filter((o): o is CorrelationAlert => o.kind === 'correlation');

function feed(engine: SigmaEngine, events: EcsEvent[], shard?: string): CorrelationAlert[] {
  return events.flatMap((e) => alerts(engine.evaluate(e, undefined, shard)));
}

/** What a checkpoint store does: the snapshot goes through JSON. */
const viaJson = (s: EngineSnapshot): EngineSnapshot => JSON.parse(JSON.stringify(s)) as EngineSnapshot;

const fail = (sec: number, user: string, extra: Record<string, unknown> = {}) => ({
  '@timestamp': at(sec),
  event: { id: `e${sec}-${user}`, action: 'fail' },
  user: { name: user },
  ...extra,
});

const countRule = [
  base('failed', 'event.action', 'fail'),
  correlation(`  type: event_count
  rules: [failed]
  group-by: [user.name]
  timespan: 5m
  condition: {gte: 4}`),
];

describe('correlation state snapshots', () => {
  it('an event_count window split across two engines fires once with the full count after a restore', () => {
    const events = [0, 10, 20, 30, 40].map((s) => fail(s, 'bob'));
    const single = feed(engineFor(countRule), events, 'p1');

    const a = engineFor(countRule);
    expect(feed(a, events.slice(0, 2), 'p1')).toEqual([]);
    const b = engineFor(countRule);
    expect(b.restore('p1', viaJson(a.snapshot('p1')))).toEqual({ groups: 1, conflicts: 0, unknownRules: 0 });
    const out = feed(b, events.slice(2), 'p1');
    expect(out.map((x) => [x.new, x.count, x.value])).toEqual([
      [true, 4, 4],
      [false, 5, 5],
    ]);
    expect(out[0].alertKey).toBe(single[0].alertKey);
    expect(out[0].sampleEventIds).toEqual(single[0].sampleEventIds);
    expect(out[0].shard).toBe('p1');

    // Without the snapshot, the second engine only counts its own share and never reaches the threshold.
    expect(feed(engineFor(countRule), events.slice(2), 'p1')).toEqual([]);
  });

  it('an open alert is restored: the next event is an update of the same alert, not a new alert', () => {
    const events = [0, 10, 20, 30, 40, 50].map((s) => fail(s, 'bob'));
    const a = engineFor(countRule);
    const first = feed(a, events.slice(0, 4), 'p1');
    expect(first.map((x) => [x.new, x.count])).toEqual([[true, 4]]);
    const b = engineFor(countRule);
    b.restore('p1', viaJson(a.snapshot('p1')));
    const next = feed(b, events.slice(4), 'p1');
    expect(next.map((x) => [x.new, x.count, x.alertKey])).toEqual([
      [false, 5, first[0].alertKey],
      [false, 6, first[0].alertKey],
    ]);
  });

  it('value_count keeps its distinct values across a restore', () => {
    const texts = [
      base('conn', 'event.action', 'conn'),
      correlation(`  type: value_count
  rules: [conn]
  group-by: [source.ip]
  timespan: 1m
  condition: {gte: 4, field: destination.port}`),
    ];
    const ev = (sec: number, port: number) => ({
      '@timestamp': at(sec),
      event: { id: `c${sec}`, action: 'conn' },
      source: { ip: '203.0.113.9' },
      destination: { port },
    });
    const a = engineFor(texts);
    // Two events on the same port: 3 distinct ports so far, not 4.
    expect(feed(a, [ev(0, 22), ev(1, 23), ev(2, 23), ev(3, 80)], '3')).toEqual([]);
    const b = engineFor(texts);
    b.restore('3', viaJson(a.snapshot('3')));
    expect(feed(b, [ev(4, 80)], '3')).toEqual([]);
    const out = feed(b, [ev(5, 443)], '3');
    expect(out.map((x) => [x.new, x.value, x.count])).toEqual([[true, 4, 6]]);
  });

  it('a deferred (upper-bounded) window restored elsewhere is decided there when it closes', () => {
    const texts = [
      base('failed', 'event.action', 'fail'),
      correlation(`  type: event_count
  rules: [failed]
  group-by: [user.name]
  timespan: 1m
  condition: {lt: 3}`),
    ];
    const a = engineFor(texts);
    feed(a, [fail(0, 'bob'), fail(5, 'bob')], 'p0');
    const b = engineFor(texts);
    b.restore('p0', viaJson(a.snapshot('p0')));
    const out = alerts(b.flush(T0 + 120_000));
    expect(out.map((x) => [x.new, x.count, x.groupValues['user.name']])).toEqual([[true, 2, 'bob']]);
  });

  it('temporal_ordered keeps its chain', () => {
    const texts = [
      base('first', 'event.action', 'a'),
      base('second', 'event.action', 'b'),
      correlation(`  type: temporal_ordered
  rules: [first, second]
  group-by: [user.name]
  timespan: 1m`),
    ];
    const ev = (sec: number, action: string) => ({
      '@timestamp': at(sec),
      event: { id: `${action}${sec}`, action },
      user: { name: 'bob' },
    });
    const a = engineFor(texts);
    expect(feed(a, [ev(0, 'a')], 'p0')).toEqual([]);
    const b = engineFor(texts);
    b.restore('p0', viaJson(a.snapshot('p0')));
    expect(feed(b, [ev(10, 'b')], 'p0').map((x) => [x.new, x.count])).toEqual([[true, 2]]);
    expect(feed(engineFor(texts), [ev(10, 'b')], 'p0')).toEqual([]);
  });

  it('snapshots, drops and marks dirty per shard', () => {
    const e = engineFor(countRule);
    expect(e.takeDirtyShards()).toEqual([]);
    feed(e, [fail(0, 'bob')], 'p1');
    feed(e, [fail(1, 'alice')], 'p2');
    expect(e.takeDirtyShards().sort()).toEqual(['p1', 'p2']);
    expect(e.takeDirtyShards()).toEqual([]);
    // An event of p2 for bob's group updates the group p1 created: p1 is the owner, p1 is dirty.
    feed(e, [fail(2, 'bob')], 'p2');
    expect(e.takeDirtyShards()).toEqual(['p1']);
    expect(
      Object.values(e.snapshot('p1').rules)
        .flat()
        .map((g) => g.key),
    ).toEqual([JSON.stringify(['bob'])]);
    expect(
      Object.values(e.snapshot('p2').rules)
        .flat()
        .map((g) => g.key),
    ).toEqual([JSON.stringify(['alice'])]);
    expect(e.snapshot('p1').watermarkMs).toBe(T0 + 2000);
    // Expiry of an idle group marks its shard dirty, so that the next checkpoint no longer carries it.
    alerts(e.flush(T0 + 10 * 60_000));
    expect(e.takeDirtyShards().sort()).toEqual(['p1', 'p2']);
    expect(e.stats().groups).toBe(0);

    feed(e, [fail(700, 'bob')], 'p1');
    feed(e, [fail(700, 'alice')], 'p2');
    expect(e.dropShard('p1')).toBe(1);
    expect(e.stats().groups).toBe(1);
    expect(e.snapshot('p1').rules).toEqual({});
  });

  it('does not overwrite a group already open here; counts the conflict and unknown rules', () => {
    const a = engineFor(countRule);
    feed(a, [fail(0, 'bob'), fail(1, 'bob')], 'p1');
    const snap = viaJson(a.snapshot('p1'));
    const b = engineFor(countRule);
    feed(b, [fail(2, 'bob')], 'p2');
    expect(b.restore('p1', snap)).toEqual({ groups: 0, conflicts: 1, unknownRules: 0 });
    const other = engineFor([countRule[0], correlation(countRule[1].split('correlation:\n')[1], 'corr-2')]);
    expect(other.restore('p1', snap)).toEqual({ groups: 0, conflicts: 0, unknownRules: 1 });
  });

  it('restoring replaces what the engine held for that shard', () => {
    const a = engineFor(countRule);
    feed(a, [fail(0, 'bob')], 'p1');
    const snap = viaJson(a.snapshot('p1'));
    const b = engineFor(countRule);
    feed(b, [fail(0, 'carol'), fail(1, 'carol')], 'p1');
    b.restore('p1', snap);
    expect(
      Object.values(b.snapshot('p1').rules)
        .flat()
        .map((g) => g.key),
    ).toEqual([JSON.stringify(['bob'])]);
  });
});
