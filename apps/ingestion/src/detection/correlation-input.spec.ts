import type { RawEnvelope } from '@vigie/contracts';
import { normalise } from '@vigie/ecs';
import { SigmaEngine } from '@vigie/sigma';
import { memberOf, parseInputMessage, rekeyedCorrelations, toInputMessages } from './correlation-input';
import { ruleIdOf } from './rule-inventory';
import { bundledPack, RULES } from './scenarios/scenario-harness';

function sshFailure(host: string, user: string, i = 0): Record<string, unknown> {
  const env: RawEnvelope = {
    receivedAt: new Date(Date.parse('2026-11-29T09:00:00Z') + i * 1000).toISOString(),
    transport: 'udp',
    peer: { ip: '10.30.0.1' },
    member: 'ivry',
    raw: `<38>Nov 29 10:00:0${i} ${host} sshd[${500 + i}]: Failed password for ${user} from 203.0.113.9 port ${40000 + i} ssh2`,
  };
  return normalise(env) as unknown as Record<string, unknown>;
}

describe('correlation inputs (siem.correlation.v1)', () => {
  const pack = bundledPack();
  const rekeyed = rekeyedCorrelations(pack.rules);
  const idsOf = (uids: Set<string>) =>
    pack.rules
      .filter((r) => uids.has(r.uid))
      .map(ruleIdOf)
      .sort();

  it('in the bundled pack, the correlations grouped by member and source address are re-keyed, the per-host ones are not', () => {
    expect(idsOf(rekeyed)).toEqual([RULES.passwordSpraying, RULES.webScanning, RULES.denyBurst, RULES.portScan].sort());
    const correlations = pack.rules.filter((r) => r.kind === 'correlation').map(ruleIdOf);
    // SSH brute force (member, Hostname, source.ip) and its chain stay where the events are consumed.
    expect(correlations).toEqual(expect.arrayContaining([RULES.sshBruteForce, RULES.sshBruteForceSuccess]));
    expect(idsOf(rekeyed)).not.toContain(RULES.sshBruteForce);
    expect(idsOf(rekeyed)).not.toContain(RULES.sshBruteForceSuccess);
  });

  it('one SSH failure gives one message, keyed by member and source, for password spraying only; it parses back', () => {
    const engine = new SigmaEngine(pack.rules, { forward: rekeyed, timestampField: 'event.created' });
    const event = sshFailure('srv-ivry-01', 'alice');
    engine.evaluate(event);
    const messages = toInputMessages(engine.takeForwards(), () => []);
    expect(messages).toHaveLength(1);
    const [{ key, message }] = messages;
    expect(key).toBe('organization.id=ivry|source.ip=203.0.113.9');
    const eventId = (event.event as { id: string }).id;
    expect(message).toMatchObject({
      v: 1,
      id: `e:${eventId}|${key}`,
      timeMs: Date.parse('2026-11-29T09:00:00Z'),
      source: { kind: 'event', eventId },
      inputs: [
        {
          correlation: RULES.passwordSpraying,
          rule: 'fd9100f9-e344-4141-b0d0-9993fbfcb8a7',
          positions: [0],
          groupValues: { 'organization.id': 'ivry', 'source.ip': '203.0.113.9' },
          value: 'alice',
        },
      ],
    });
    const back = parseInputMessage(JSON.stringify(message));
    expect(back).toEqual(message);
    expect(memberOf(back!, back!.inputs[0])).toEqual({
      positions: [0],
      timeMs: message.timeMs,
      eventId,
      groupValues: { 'organization.id': 'ivry', 'source.ip': '203.0.113.9' },
      value: 'alice',
    });
    // The same failure on another server: same key (same partition of siem.correlation.v1), another message id.
    engine.evaluate(sshFailure('srv-ivry-02', 'bob', 1));
    const [other] = toInputMessages(engine.takeForwards(), () => []);
    expect(other.key).toBe(key);
    expect(other.message.id).not.toBe(message.id);
  });

  it('refuses what is not a correlation input message', () => {
    const ok = {
      v: 1,
      id: 'x',
      timeMs: 1,
      source: { kind: 'alert', alertKey: 'k', members: ['ivry'] },
      inputs: [{ correlation: 'c', rule: 'r', positions: [0], groupValues: { a: 'b' } }],
    };
    expect(parseInputMessage(JSON.stringify(ok))).toEqual(ok);
    for (const bad of [
      'not json',
      '[]',
      { ...ok, v: 2 },
      { ...ok, timeMs: 'soon' },
      { ...ok, source: { kind: 'other' } },
      { ...ok, source: { kind: 'event' } },
      { ...ok, source: { kind: 'alert', alertKey: 'k', members: [1] } },
      { ...ok, inputs: [{ ...ok.inputs[0], positions: ['0'] }] },
      { ...ok, inputs: [{ ...ok.inputs[0], groupValues: { a: 1 } }] },
      { ...ok, inputs: [{ ...ok.inputs[0], value: 3 }] },
    ]) {
      expect(parseInputMessage(typeof bad === 'string' ? bad : JSON.stringify(bad))).toBeUndefined();
    }
  });
});
