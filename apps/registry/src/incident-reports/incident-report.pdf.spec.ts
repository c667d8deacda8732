import { winAnsi } from './incident-report.pdf';
import { incidentLogCsv } from './incident-log.export';
import { IncidentView } from '../incidents/incident.types';

describe('incident report text', () => {
  it('keeps French text and maps what the standard PDF fonts cannot encode', () => {
    expect(winAnsi('Événement à Ivry – l’œuvre « test » 5 €')).toBe('Événement à Ivry – l’œuvre « test » 5 €');
    expect(winAnsi('new → triage ≥ 2')).toBe('new -> triage >= 2');
    expect(winAnsi('emoji 🔥 and 中文')).toBe('emoji ? and ??');
  });
});

describe('incident log CSV', () => {
  const incident = {
    reference: 'INC-2026-0001',
    title: '=cmd|"/c calc"!A1',
    status: 'new',
    category: 'other',
    severity: 'low',
    impact: 'low',
    urgency: 'low',
    cia: { confidentiality: 'none', integrity: 'none', availability: 'none' },
    source: 'other',
    sourceRef: '+33 1 23',
    reporter: '@someone',
    occurredAt: null,
    detectedAt: '2026-01-01T00:00:00.000Z',
    reportedAt: null,
    containedAt: null,
    resolvedAt: null,
    closedAt: null,
    decision: null,
    members: [
      { member: 'ivry', manual: true, derived: false },
      { member: 'vitry', manual: false, derived: true },
    ],
    links: { applications: [], hosts: ['srv-1', 'srv-2'], alerts: [] },
    personalDataSuspected: false,
    rootCause: 'line one\nline two, with comma',
    lessonsLearned: null,
    breach: false,
  } as unknown as IncidentView & { breach: boolean };

  it('neutralises formulas and quotes what needs quoting', () => {
    const [header, ...rest] = incidentLogCsv([incident]).split('\n');
    expect(header.split(',').slice(0, 3)).toEqual(['reference', 'title', 'status']);
    const row = rest.join('\n');
    expect(row).toContain(`"'=cmd|""/c calc""!A1"`);
    expect(row).toContain(`'+33 1 23`);
    expect(row).toContain(`'@someone`);
    expect(row).toContain('ivry vitry,,srv-1 srv-2,');
    expect(row).toContain('"line one\nline two, with comma"');
    expect(row).toContain(',false,false,');
  });
});
