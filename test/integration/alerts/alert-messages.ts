import type { BusMessage } from '@vigie/bus';
import { AlertMessage, Topics } from '@vigie/contracts';

let offset = 0;

/** A detector message (correlation by default), with overrides. */
export function alertMessage(over: Partial<AlertMessage> = {}): AlertMessage {
  const now = new Date().toISOString();
  return {
    alertKey: 'rule-x:ivry|srv-1|203.0.113.5:' + now,
    status: 'new',
    kind: 'correlation',
    rule: { id: 'rule-x', title: 'Rule X', level: 'high', tags: ['attack.credential-access'] },
    groupKey: 'ivry|srv-1|203.0.113.5',
    groupValues: { 'organization.id': 'ivry', Hostname: 'srv-1', 'source.ip': '203.0.113.5' },
    firstSeen: now,
    lastSeen: now,
    count: 5,
    sampleEventIds: ['e1', 'e2', 'e3', 'e4', 'e5'],
    members: ['ivry'],
    at: now,
    ...over,
  };
}

/** As the bus delivers it. */
export function busMessage(m: AlertMessage | string): BusMessage {
  const value = typeof m === 'string' ? m : JSON.stringify(m);
  return { topic: Topics.alerts, partition: 0, offset: String(offset++), key: 'k', value };
}
