import { whereClause, pgText } from './dead-letter-query';
import { parseDeadLetter } from './parse-dead-letter';

const msg = (value: string) => ({ topic: 'siem.dlq.v1', partition: 1, offset: '42', value });

describe('parseDeadLetter', () => {
  it('keeps a dead letter as published', () => {
    const letter = {
      stage: 'indexer',
      reason: 'mapper_parsing_exception',
      detail: 'd',
      raw: 'line',
      member: 'ivry',
      at: '2026-03-05T10:00:00.000Z',
      source: { topic: 'siem.events.v1', partition: 3, offset: '9' },
    };
    expect(parseDeadLetter(msg(JSON.stringify(letter)))).toEqual(letter);
  });

  it('keeps what is not a dead letter, identified by its own position', () => {
    const out = parseDeadLetter(msg('garbage'));
    expect(out).toMatchObject({ stage: 'unknown', reason: 'invalid_dead_letter', raw: 'garbage' });
    expect(out.source).toEqual({ topic: 'siem.dlq.v1', partition: 1, offset: '42' });
  });

  it('fills a missing time and source, and stringifies a non-text raw', () => {
    const out = parseDeadLetter(
      msg(JSON.stringify({ stage: 'normaliser', reason: 'x', raw: { a: 1 }, at: 'yesterday' })),
    );
    expect(Date.parse(out.at)).not.toBeNaN();
    expect(out.raw).toBe('{"a":1}');
    expect(out.source).toEqual({ topic: 'siem.dlq.v1', partition: 1, offset: '42' });
  });

  it('keeps the well-formed parts of an origin and drops the rest', () => {
    const origin = { receivedAt: '2026-03-05T10:00:00.000Z', transport: 'udp', peer: { ip: '10.0.0.1', port: 514 } };
    expect(parseDeadLetter(msg(JSON.stringify({ stage: 'normaliser', reason: 'x', raw: 'l', origin }))).origin).toEqual(
      origin,
    );
    const odd = parseDeadLetter(
      msg(
        JSON.stringify({
          stage: 'normaliser',
          reason: 'x',
          raw: 'l',
          origin: { transport: 'carrier-pigeon', peer: 7 },
        }),
      ),
    );
    expect(odd.origin).toBeUndefined();
  });
});

describe('dead-letter query', () => {
  it('builds positional conditions in order and escapes LIKE wildcards', () => {
    const q = whereClause({ since: '2026-03-01T00:00:00Z', stage: 'indexer', text: '50%_a\\b', replayed: false });
    expect(q.sql).toBe(
      "WHERE at >= $1::timestamptz AND stage = $2 AND raw ILIKE $3 ESCAPE '\\' AND replayed_at IS NULL",
    );
    expect(q.params).toEqual(['2026-03-01T00:00:00.000Z', 'indexer', '%50\\%\\_a\\\\b%']);
    expect(whereClause({}).sql).toBe('');
  });

  it('refuses a date it cannot read', () => {
    expect(() => whereClause({ until: 'soon' })).toThrow(RangeError);
  });

  it('replaces NUL characters for Postgres text', () => {
    expect(pgText('a\u0000b')).toBe('a\uFFFDb');
    expect(pgText(undefined)).toBeNull();
    expect(pgText(5)).toBe('5');
  });
});
