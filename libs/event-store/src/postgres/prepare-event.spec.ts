import { nextDay, normaliseTimestamp, prepareEvent } from './prepare-event';

describe('normaliseTimestamp', () => {
  it.each([
    ['2024-03-01T08:00:00Z', '2024-03-01T08:00:00.000Z'],
    ['2024-03-01T08:00:00.5Z', '2024-03-01T08:00:00.500Z'],
    ['2024-03-01T10:00:00+02:00', '2024-03-01T08:00:00.000Z'],
    ['2024-03-01T00:30:00-0130', '2024-03-01T02:00:00.000Z'],
    ['2024-03-01T00:30:00+01', '2024-02-29T23:30:00.000Z'],
    ['2024-03-01 08:00:00', '2024-03-01T08:00:00.000Z'],
    ['2024-03-01T08:00', '2024-03-01T08:00:00.000Z'],
    ['2024-03-01', '2024-03-01T00:00:00.000Z'],
    ['2024-03-01T08:00:00.123456Z', '2024-03-01T08:00:00.123456Z'],
    ['2024-03-01T08:00:00.123456789Z', '2024-03-01T08:00:00.123456Z'],
    ['2024-03-01T08:00:00.123000Z', '2024-03-01T08:00:00.123Z'],
    ['2024-12-31T23:59:59.999-00:30', '2025-01-01T00:29:59.999Z'],
    ['0050-06-01T00:00:00Z', '0050-06-01T00:00:00.000Z'],
  ])('%s → %s', (input, expected) => {
    expect(normaliseTimestamp(input)).toBe(expected);
  });

  it.each([
    '',
    'yesterday',
    '2024-02-30T00:00:00Z',
    '2023-02-29',
    '2024-13-01',
    '2024-03-01T25:00:00Z',
    '1709280000000',
  ])('rejects %j', (input) => {
    expect(normaliseTimestamp(input)).toBeUndefined();
  });

  it('rejects non-strings', () => {
    expect(normaliseTimestamp(1709280000000)).toBeUndefined();
    expect(normaliseTimestamp(null)).toBeUndefined();
  });
});

describe('prepareEvent', () => {
  it('sets @timestamp, event.id and organization.id from the envelope, keeping the rest', () => {
    const out = prepareEvent({
      id: 'abc',
      member: 'ivry',
      timestamp: '2024-03-01T10:00:00+01:00',
      doc: { message: 'x', event: { dataset: 'sshd', id: 'other' }, organization: { name: 'Ivry' } },
    });
    expect(out).toEqual({
      ok: true,
      event: {
        id: 'abc',
        member: 'ivry',
        timestamp: '2024-03-01T09:00:00.000Z',
        day: '2024-03-01',
        doc: {
          '@timestamp': '2024-03-01T09:00:00.000Z',
          message: 'x',
          event: { dataset: 'sshd', id: 'abc' },
          organization: { name: 'Ivry', id: 'ivry' },
        },
      },
    });
  });

  it('falls back to the document @timestamp', () => {
    const out = prepareEvent({
      id: 'a',
      member: 'vitry',
      timestamp: '',
      doc: { '@timestamp': '2024-03-01T00:00:00Z' },
    });
    expect(out.ok && out.event.timestamp).toBe('2024-03-01T00:00:00.000Z');
  });

  it.each([
    [{ id: '', member: 'ivry', timestamp: '2024-03-01T00:00:00Z', doc: {} }, /missing id/],
    [{ id: 'a', member: 'Ivry', timestamp: '2024-03-01T00:00:00Z', doc: {} }, /member/],
    [{ id: 'a', member: '-ivry', timestamp: '2024-03-01T00:00:00Z', doc: {} }, /member/],
    [{ id: 'a', member: 'ivry', timestamp: 'nope', doc: {} }, /@timestamp/],
    [{ id: 'a', member: 'ivry', timestamp: '2024-03-01T00:00:00Z', doc: [] }, /not an object/],
  ])('rejects %j', (event, reason) => {
    const out = prepareEvent(event as never);
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.reason).toMatch(reason);
  });
});

describe('nextDay', () => {
  it('crosses months, leap days and years', () => {
    expect(nextDay('2024-02-28')).toBe('2024-02-29');
    expect(nextDay('2024-02-29')).toBe('2024-03-01');
    expect(nextDay('2023-12-31')).toBe('2024-01-01');
  });
});
