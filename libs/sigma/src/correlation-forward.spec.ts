import type { CorrelationAlert } from './correlation-engine';
import { ForwardOutput, SigmaEngine } from './sigma-engine';
import { load } from './spec-helpers';
import type { EcsEvent } from './types';

const T0 = Date.parse('2024-03-01T10:00:00Z');
const at = (sec: number) => new Date(T0 + sec * 1000).toISOString();

const RULES = [
  `title: failed
name: failed
logsource: {}
detection:
  sel: {event.action: fail}
  condition: sel
`,
  `title: ok
name: ok
logsource: {}
detection:
  sel: {event.action: ok}
  condition: sel
`,
  `title: by source
id: by-source
name: by_source
correlation:
  type: value_count
  rules: [failed]
  group-by: [source.ip]
  timespan: 5m
  condition: {gte: 4, field: user.name}
`,
  `title: by host
id: by-host
correlation:
  type: event_count
  rules: [failed]
  group-by: [host.hostname, source.ip]
  timespan: 5m
  condition: {gte: 3}
`,
  `title: spraying then success
id: then-success
correlation:
  type: temporal_ordered
  rules: [by_source, ok]
  group-by: [source.ip]
  timespan: 10m
  generate: true
`,
];

const ev = (sec: number, host: string, action: string, user: string): EcsEvent => ({
  '@timestamp': at(sec),
  event: { id: `e${sec}`, action },
  host: { hostname: host },
  source: { ip: '203.0.113.9' },
  user: { name: user },
});

const correlations = (outs: ReturnType<SigmaEngine['evaluate']> | undefined) =>
  (outs ?? []).filter((o): o is CorrelationAlert => o.kind === 'correlation');

describe('correlations counted elsewhere: forwarded inputs', () => {
  const rules = load(RULES).rules;
  const uidOf = (id: string) => rules.find((r) => r.id === id)!.uid;
  const forward = new Set([uidOf('by-source'), uidOf('then-success')]);

  it('inputs of a forwarded correlation are handed out, not counted; local ones still count', () => {
    const events = [0, 10, 20, 30].map((s, i) => ev(s, `srv-${i % 2}`, 'fail', `u${i}`));
    // Two engines consuming different hosts (as two detectors would).
    const a = new SigmaEngine(rules, { forward, allowedLatenessMs: 60_000 });
    const b = new SigmaEngine(rules, { forward, allowedLatenessMs: 60_000 });
    const local = events.flatMap((e, i) => correlations((i % 2 === 0 ? a : b).evaluate(e, undefined, 'p')));
    expect(local).toEqual([]); // by-host: 2 per host, by-source: not counted here
    const forwards: ForwardOutput[] = [...a.takeForwards(), ...b.takeForwards()];
    expect(a.takeForwards()).toEqual([]);
    expect(forwards.map((f) => [f.correlationKey, f.member.groupValues, f.member.value, f.from.kind])).toEqual(
      expect.arrayContaining([['by-source', { 'source.ip': '203.0.113.9' }, 'u0', 'event']]),
    );
    expect(forwards).toHaveLength(4);
    expect(a.stats().groups + b.stats().groups).toBe(2); // the two by-host groups only

    // The counting engine: the four inputs meet and fire with the full count.
    const counter = new SigmaEngine(rules, { forward, allowedLatenessMs: 60_000 });
    forwards.sort((x, y) => x.member.timeMs - y.member.timeMs);
    const fired = forwards.flatMap((f) => correlations(counter.feedInput(f.correlationKey, f.member, 'c0')));
    expect(fired.map((x) => [x.rule.id, x.new, x.count, x.value, x.shard])).toEqual([['by-source', true, 4, 4, 'c0']]);
    expect(fired[0].sampleEventIds).toEqual(['e0', 'e10', 'e20', 'e30']);

    // Its alert feeds the chained correlation, itself counted elsewhere: handed out as an alert input.
    const chained = counter.takeForwards();
    expect(chained).toHaveLength(1);
    expect(chained[0].correlationKey).toBe('then-success');
    expect(chained[0].from.kind).toBe('alert');
    expect(chained[0].member).toMatchObject({
      positions: [0],
      eventId: fired[0].alertKey,
      groupValues: { 'source.ip': '203.0.113.9' },
      timeMs: T0 + 30_000,
    });
  });

  it('a chained correlation completes from an alert input and an event input fed to one engine', () => {
    const counter = new SigmaEngine(rules, { forward, allowedLatenessMs: 60_000 });
    const fromAlert = {
      positions: [0],
      timeMs: T0 + 30_000,
      eventId: 'by-source:k',
      groupValues: { 'source.ip': 'x' },
    };
    expect(correlations(counter.feedInput('then-success', fromAlert))).toEqual([]);
    const success = { positions: [1], timeMs: T0 + 40_000, eventId: 'e40', groupValues: { 'source.ip': 'x' } };
    const out = correlations(counter.feedInput('then-success', success));
    expect(out.map((o) => [o.rule.id, o.new, o.count])).toEqual([['then-success', true, 2]]);
  });

  it('unknown correlations and positions are refused; inputs older than the allowed lateness are not counted', () => {
    const counter = new SigmaEngine(rules, { forward, allowedLatenessMs: 1_000 });
    const m = (sec: number, positions = [0]) => ({
      positions,
      timeMs: T0 + sec * 1000,
      eventId: `e${sec}`,
      groupValues: { 'source.ip': 'x' },
      value: `u${sec}`,
    });
    expect(counter.feedInput('nope', m(0))).toBeUndefined();
    expect(counter.feedInput('by-source', m(0, [3]))).toBeUndefined();
    expect(counter.feedInput('by-source', m(0, []))).toBeUndefined();
    expect(counter.feedInput('by-source', m(100))).toEqual([]);
    expect(counter.feedInput('by-source', m(10))).toEqual([]); // 90 s late
    expect(counter.stats().lateEvents).toBe(1);
    expect(counter.hasCorrelation('by-source')).toBe(true);
    expect(counter.hasCorrelation('by-host')).toBe(true);
    expect(counter.hasCorrelation('nope')).toBe(false);
  });
});
