import { categoryFor } from './alert-escalation.service';
import { alertDocument } from './alert-indexer';
import { Alert } from './alert.types';

describe('escalation category', () => {
  it('follows the rule’s ATT&CK tactic tags', () => {
    expect(categoryFor(['attack.credential-access', 'attack.t1110.001'])).toBe('unauthorised_access');
    expect(categoryFor(['attack.impact', 'attack.t1486'])).toBe('malware');
    expect(categoryFor(['attack.exfiltration'])).toBe('data_leak');
    expect(categoryFor(['attack.t1566.001'])).toBe('phishing');
    expect(categoryFor([])).toBe('other');
  });
});

describe('alert document for the event store', () => {
  it('is an event.kind alert document of the first member, with the alert id', () => {
    const a: Alert = {
      id: '3f0c2a4e-8d1b-4c59-9a57-2b1e0d6f7a10',
      rule: { id: 'r', title: 'Brute force', level: 'high', tags: ['attack.t1110'] },
      kind: 'correlation',
      groupKey: 'g',
      groupValues: { 'source.ip': '1.2.3.4' },
      member: 'ivry',
      members: ['ivry', 'vitry'],
      hosts: ['srv-1'],
      application: null,
      personalData: true,
      status: 'open',
      closeReason: null,
      closeComment: null,
      assignee: null,
      tags: ['scanner'],
      count: 5,
      firstSeen: '2026-01-01T09:00:00.000Z',
      lastSeen: '2026-01-01T09:01:00.000Z',
      sampleEventIds: ['e1'],
      reopenCount: 0,
      incidentId: null,
      createdAt: '2026-01-01T09:01:01.000Z',
      updatedAt: '2026-01-01T09:01:01.000Z',
      acknowledgedAt: null,
      closedAt: null,
    };
    const d = alertDocument(a);
    expect(d).toMatchObject({ id: a.id, member: 'ivry', timestamp: a.firstSeen });
    expect(d.doc).toMatchObject({
      event: { id: a.id, kind: 'alert', severity: 3 },
      organization: { id: 'ivry' },
      host: { name: 'srv-1' },
      tags: ['attack.t1110', 'scanner'],
      vigie: { alert: { members: ['ivry', 'vitry'], personal_data: true, count: 5 } },
    });
    // group values stay under vigie.alert, so that event searches by source.ip do not return the alert
    expect((d.doc as Record<string, unknown>).source).toBeUndefined();
  });
});
