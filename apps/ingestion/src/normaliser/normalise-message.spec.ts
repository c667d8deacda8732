import type { BusMessage } from '@vigie/bus';
import { DecoderError, eventId, type EcsDocument } from '@vigie/ecs';
import { reasonOf } from '../dead-letters/dead-letter-message';
import { replayEnvelope } from '../dead-letters/dead-letter-replayer';
import { eventKey, normaliseMessage, parseEnvelope } from './normalise-message';

const at = (value: string, offset = '7'): BusMessage => ({
  topic: 'siem.raw.v1',
  partition: 2,
  offset,
  key: 'k',
  value,
});
const envelope = (raw: string, member = 'ivry', extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    receivedAt: '2026-03-05T10:00:00.000Z',
    transport: 'tcp',
    peer: { ip: '10.1.2.3', port: 514 },
    member,
    raw,
    ...extra,
  });
const members = (code: string) =>
  code === 'ivry' ? { name: 'Ivry-sur-Seine', timeZone: 'America/New_York' } : undefined;

describe('normaliseMessage', () => {
  it('turns a raw envelope into an ECS document keyed by member and host', () => {
    const line =
      '<34>1 2026-03-05T09:59:58.000Z web01 sshd 42 - - Failed password for root from 192.0.2.9 port 22 ssh2';
    const out = normaliseMessage(at(envelope(line)), members);
    if (!out.ok) throw new Error(out.letter.detail);
    expect(out.document.organization).toEqual({ id: 'ivry', name: 'Ivry-sur-Seine' });
    expect(out.document.event.id).toBe(eventId('ivry', '10.1.2.3', '2026-03-05T09:59:58.000Z', line));
    expect(out.event.key).toBe('ivry|web01');
    expect(JSON.parse(out.event.value)).toEqual(out.document);
  });

  it("reads timestamps without an offset in the member's time zone", () => {
    const line = '<13>Mar  5 05:00:00 box app: hello';
    const ny = normaliseMessage(at(envelope(line, 'ivry')), members);
    const other = normaliseMessage(at(envelope(line, 'vitry')), members);
    if (!ny.ok || !other.ok) throw new Error('not normalised');
    expect(ny.document['@timestamp']).toBe('2026-03-05T10:00:00.000Z'); // 05:00 EST
    expect(other.document['@timestamp']).toBe('2026-03-05T04:00:00.000Z'); // 05:00 Paris (default)
  });

  it('dead-letters a value that is not JSON, keeping it verbatim with its origin', () => {
    const out = normaliseMessage(at('{not json', '99'), members);
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.letter).toMatchObject({
      stage: 'normaliser',
      reason: 'invalid_envelope',
      raw: '{not json',
      source: { topic: 'siem.raw.v1', partition: 2, offset: '99' },
    });
    expect(out.letter.member).toBeUndefined();
    expect(Date.parse(out.letter.at)).not.toBeNaN();
  });

  it.each([['[]'], ['"text"'], ['null'], ['{"member":"ivry"}'], ['{"raw":5}'], ['{"raw":"x","member":3}']])(
    'dead-letters %s as an invalid envelope',
    (value) => {
      const out = normaliseMessage(at(value), members);
      expect(out.ok ? 'ok' : out.letter.reason).toBe('invalid_envelope');
    },
  );

  it('dead-letters anything that throws with the raw line and the member, never throwing itself', () => {
    const line = '<13>1 2026-03-05T10:00:00Z h app - - - text';
    const out = normaliseMessage(at(envelope(line, 'ivry')), () => {
      throw new TypeError('directory exploded');
    });
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.letter).toMatchObject({ stage: 'normaliser', reason: 'normalise_failed', raw: line, member: 'ivry' });
    expect(out.letter.detail).toContain('directory exploded');
    expect(out.letter.origin).toEqual({
      receivedAt: '2026-03-05T10:00:00.000Z',
      transport: 'tcp',
      peer: { ip: '10.1.2.3', port: 514 },
    });
  });

  it('replays a dead letter as the envelope it came in: the same document, id and sender', () => {
    const line = '<13>Mar  5 10:00:00 web-1 app: text without a year';
    const value = envelope(line, 'ivry', { transport: 'udp', truncated: true });
    const first = normaliseMessage(at(value), () => {
      throw new TypeError('directory down');
    });
    if (first.ok) throw new Error('expected a dead letter');
    const replayed = replayEnvelope({
      ...first.letter,
      id: '1',
      at: '2026-03-09T00:00:00.000Z', // dead-lettered later: the receive time is the origin's
      detail: first.letter.detail,
      member: first.letter.member ?? null,
      source: first.letter.source ?? null,
      origin: first.letter.origin ?? null,
      replayedAt: null,
    });
    expect(replayed).toEqual(JSON.parse(value));
    const again = normaliseMessage(at(JSON.stringify(replayed)), members);
    const direct = normaliseMessage(at(value), members);
    if (!again.ok || !direct.ok) throw new Error('expected documents');
    expect(again.document.event?.id).toBe(direct.document.event?.id);
    expect(again.document.host?.ip).toEqual(['10.1.2.3']);
  });

  it('keeps no origin for a value that is not an envelope', () => {
    const out = normaliseMessage(at('not json'), members);
    if (out.ok) throw new Error('expected a dead letter');
    expect(out.letter.origin).toBeUndefined();
  });

  it('names a decoder failure decoder_error', () => {
    expect(reasonOf(new DecoderError('sshd', new Error('boom')), 'normalise_failed')).toBe('decoder_error');
    expect(reasonOf(new Error('plain'), 'normalise_failed')).toBe('normalise_failed');
    expect(reasonOf({ code: 'Not A Code' }, 'x')).toBe('x');
  });
});

describe('parseEnvelope and eventKey', () => {
  it('accepts an envelope without a member', () => {
    expect(parseEnvelope('{"raw":"x"}').raw).toBe('x');
  });

  it('keys by host name, else the first address, else the member alone', () => {
    const base: EcsDocument = {
      '@timestamp': 't',
      tags: [],
      event: { id: 'i', kind: 'event', module: 'm', dataset: 'd', created: 'c', ingested: 'i' },
    };
    expect(eventKey({ ...base, organization: { id: 'ivry' }, host: { hostname: 'a', ip: ['10.0.0.1'] } })).toBe(
      'ivry|a',
    );
    expect(eventKey({ ...base, organization: { id: 'ivry' }, host: { ip: ['10.0.0.1'] } })).toBe('ivry|10.0.0.1');
    expect(eventKey({ ...base })).toBe('unattributed|');
  });
});
