import { IDENTITY_MAPPING, loadRules } from '@vigie/sigma';
import { DetectionPipeline } from './detection-pipeline';

const RULES = `
title: failure
name: fail
logsource: {}
detection: {sel: {event.outcome: failure}, condition: sel}
---
title: Cross-member failures
id: cross
correlation: {type: event_count, rules: [fail], group-by: [source.ip], timespan: 1m, condition: {gte: 3}}
level: high
tags: [attack.credential-access, ATTACK.T1110]
`;

function ev(i: number, member: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const t = new Date(Date.parse('2026-11-30T10:00:00Z') + i * 1000).toISOString();
  return {
    '@timestamp': t,
    event: { id: `e${i}`, outcome: 'failure', created: t },
    organization: { id: member },
    host: { hostname: `h${i}` },
    source: { ip: '192.0.2.1' },
    ...extra,
  };
}

describe('DetectionPipeline', () => {
  const rules = loadRules([{ path: 'r.yml', text: RULES }], { mapping: IDENTITY_MAPPING }).rules;

  it('lists every member whose events are in a correlation alert, and carries the application enrichment', () => {
    const p = new DetectionPipeline(rules, { now: () => 0 });
    expect(p.process(ev(0, 'ivry'))).toEqual([]);
    expect(p.process(ev(1, 'vitry'))).toEqual([]);
    const [alert] = p.process(
      ev(2, 'arcueil', { vigie: { application: { id: 'app-1', name: 'Etat civil' }, personal_data: true } }),
    );
    expect(alert).toMatchObject({
      status: 'new',
      kind: 'correlation',
      rule: { id: 'cross', level: 'high', tags: ['attack.credential-access', 'attack.t1110'] },
      members: ['arcueil', 'ivry', 'vitry'],
      sampleEventIds: ['e0', 'e1', 'e2'],
      application: { id: 'app-1', name: 'Etat civil' },
      personalData: true,
      at: '1970-01-01T00:00:00.000Z',
    });
  });

  it('sets vigie.working_hours from the member calendar without touching the input event', () => {
    const p = new DetectionPipeline([]);
    const e = ev(0, 'ivry');
    expect((p.prepare(e).vigie as { working_hours: boolean }).working_hours).toBe(true); // Monday 11:00 Paris
    expect(e.vigie).toBeUndefined();
    const night = { ...e, '@timestamp': '2026-11-30T23:00:00Z', vigie: { personal_data: false } };
    expect(p.prepare(night).vigie).toEqual({ personal_data: false, working_hours: false });
  });

  it('correlates on the receive time by default and on @timestamp when asked', () => {
    // Device clock 2 hours behind: @timestamp values far apart from event.created.
    const skewed = (i: number) => {
      const e = ev(i, 'ivry');
      e['@timestamp'] = new Date(Date.parse('2026-11-30T08:00:00Z') + i * 40_000).toISOString();
      return e;
    };
    const received = new DetectionPipeline(rules);
    const byEvent = new DetectionPipeline(rules, { timeField: 'event' });
    const r = [0, 1, 2].flatMap((i) => received.process(skewed(i)));
    const b = [0, 1, 2].flatMap((i) => byEvent.process(skewed(i)));
    expect(r).toHaveLength(1); // 3 events within 2 s of receive time
    expect(b).toHaveLength(0); // 80 s apart on the device clock
  });
});
