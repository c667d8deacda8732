import { reasonName } from './indexer.worker';
import { rawLineOf, toStoredEvent } from './to-stored-event';

describe('toStoredEvent', () => {
  it('takes the id, member and timestamp from the ECS document', () => {
    const doc = {
      '@timestamp': '2026-03-05T10:00:00.000Z',
      event: { id: 'abc', original: 'line' },
      organization: { id: 'ivry' },
    };
    const value = JSON.stringify(doc);
    const out = toStoredEvent({ value });
    expect(out).toEqual({
      ok: true,
      event: { id: 'abc', member: 'ivry', timestamp: '2026-03-05T10:00:00.000Z', doc, json: value },
    });
    if (out.ok) expect(rawLineOf(out.event, 'value')).toBe('line');
  });

  it.each([
    ['not json', 'not JSON'],
    ['[1]', 'not a JSON object'],
    ['{"organization":{"id":"ivry"},"@timestamp":"t"}', 'event.id'],
    ['{"event":{"id":"a"},"@timestamp":"t"}', 'organization.id'],
    ['{"event":{"id":"a"},"organization":{"id":"ivry"}}', '@timestamp'],
  ])('refuses %s', (value, detail) => {
    const out = toStoredEvent({ value });
    expect(out.ok).toBe(false);
    if (!out.ok) {
      expect(out.reason).toBe('invalid_document');
      expect(out.detail).toContain(detail);
    }
  });

  it('falls back to the message value when the document has no event.original', () => {
    expect(rawLineOf({ id: 'a', member: 'm', timestamp: 't', doc: { event: {} } }, '{"v":1}')).toBe('{"v":1}');
    expect(rawLineOf(undefined, 'v')).toBe('v');
  });
});

describe('reasonName', () => {
  it('keeps the error type of a store rejection, else store_rejected', () => {
    expect(
      reasonName('mapper_parsing_exception: failed to parse field [source.ip] (illegal_argument_exception: x)'),
    ).toBe('mapper_parsing_exception');
    expect(reasonName('missing id')).toBe('store_rejected');
    expect(reasonName('invalid input syntax for type json')).toBe('store_rejected');
  });
});
