import { sanitiseForJsonb } from './jsonb-sanitiser';

describe('sanitiseForJsonb', () => {
  it('returns clean values untouched (same object)', () => {
    const doc = { a: 'é', b: ['😀'], c: { d: 1 } };
    expect(sanitiseForJsonb(doc)).toBe(doc);
  });

  it('replaces NUL and lone surrogates, in values and keys, at any depth', () => {
    const doc = { 'k\u0000': ['a\u0000b', { x: '\uD800y' }], z: 'ok\uDC00', pair: '😀' };
    expect(sanitiseForJsonb(doc)).toEqual({ 'k\uFFFD': ['a\uFFFDb', { x: '\uFFFDy' }], z: 'ok\uFFFD', pair: '😀' });
  });
});
