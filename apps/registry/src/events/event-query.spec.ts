import { DomainError } from '@vigie/contracts';
import { checkAggregatableField, ecsFieldType, parseEventQuery } from './event-query';
import { decodePageCursor, encodePageCursor } from './page-cursor';

const NOW = new Date('2024-05-15T12:00:00.000Z');

describe('parseEventQuery', () => {
  it('uses the ECS field types: CIDR on ip fields, numbers on long fields', () => {
    expect(parseEventQuery('source.ip: 10.0.0.0/8', NOW)).toEqual({
      op: 'cidr',
      field: 'source.ip',
      cidr: '10.0.0.0/8',
    });
    expect(parseEventQuery('destination.port >= 1024', NOW)).toEqual({
      op: 'range',
      field: 'destination.port',
      gte: 1024,
    });
    // a keyword stays a string even when it looks like a number
    expect(parseEventQuery('event.code:4625', NOW)).toEqual({ op: 'term', field: 'event.code', value: '4625' });
    expect(parseEventQuery('@timestamp < now-1h', NOW)).toEqual({
      op: 'range',
      field: '@timestamp',
      lt: '2024-05-15T11:00:00.000Z',
    });
  });

  it('answers undefined for a blank query or *', () => {
    expect(parseEventQuery(undefined, NOW)).toBeUndefined();
    expect(parseEventQuery('  ', NOW)).toBeUndefined();
    expect(parseEventQuery('*', NOW)).toBeUndefined();
  });

  it('turns a syntax error into invalid_query with its position and what was expected', () => {
    let caught: unknown;
    try {
      parseEventQuery('user.name:root and (source.port > 10', NOW);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(DomainError);
    const e = caught as DomainError;
    expect(e.kind).toBe('invalid');
    expect(e.code).toBe('invalid_query');
    expect(e.details?.position).toBe(36);
    expect(e.details?.expected).toEqual(expect.arrayContaining([expect.any(String)]));
    expect(e.fields).toEqual([{ field: 'q', problem: expect.stringContaining('position 36') }]);
  });

  it('rejects a value that does not fit the field type', () => {
    expect(() => parseEventQuery('source.ip: not-an-ip', NOW)).toThrow(
      expect.objectContaining({ code: 'invalid_query', details: expect.objectContaining({ position: 11 }) }),
    );
  });
});

describe('fields', () => {
  it('knows ECS and vendor namespaces', () => {
    expect(ecsFieldType('source.ip')).toBe('ip');
    expect(ecsFieldType('message')).toBe('text');
    expect(ecsFieldType('winlog.event_data.TargetUserName')).toBe('keyword');
    expect(ecsFieldType('custom.thing')).toBeUndefined();
  });

  it('accepts dotted names for top, refusing full text and odd names', () => {
    expect(() => checkAggregatableField('source.ip')).not.toThrow();
    expect(() => checkAggregatableField('@timestamp')).not.toThrow();
    expect(() => checkAggregatableField('message')).toThrow(
      expect.objectContaining({ code: 'field_not_aggregatable' }),
    );
    for (const bad of ['', 'a..b', 'a.', 'a b', '$.x', 'x"']) {
      expect(() => checkAggregatableField(bad)).toThrow(expect.objectContaining({ code: 'invalid_field' }));
    }
  });
});

describe('page cursor', () => {
  it('round-trips and rejects anything else', () => {
    const c = {
      store: 'abc',
      from: '2024-05-14T12:00:00.000Z',
      to: '2024-05-15T12:00:00.000Z',
      now: NOW.toISOString(),
    };
    expect(decodePageCursor(encodePageCursor(c))).toEqual(c);
    for (const bad of [
      '',
      'x',
      Buffer.from('{"c":1}').toString('base64url'),
      Buffer.from('[]').toString('base64url'),
    ]) {
      expect(() => decodePageCursor(bad)).toThrow(expect.objectContaining({ code: 'invalid_cursor' }));
    }
  });
});
