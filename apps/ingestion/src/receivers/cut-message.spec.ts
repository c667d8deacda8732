import fc from 'fast-check';
import { cutBuffer, cutMessage } from './cut-message';

describe('cutMessage', () => {
  it('keeps a message at or under the limit whole', () => {
    expect(cutMessage('abc', 3)).toEqual({ raw: 'abc', bytes: 3, truncated: false });
  });

  it('cuts a longer one and flags it, counting the bytes received', () => {
    expect(cutMessage('abcdef', 4)).toEqual({ raw: 'abcd', bytes: 6, truncated: true });
  });

  it('never splits a multi-byte character', () => {
    // "é" is 2 bytes, "€" 3: a 4-byte limit falls inside the euro sign.
    expect(cutMessage('aé€', 4)).toEqual({ raw: 'aé', bytes: 6, truncated: true });
  });

  it('always yields valid UTF-8 of at most max bytes (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), fc.integer({ min: 1, max: 300 }), (s, max) => {
        const c = cutMessage(s, max);
        expect(Buffer.byteLength(c.raw)).toBeLessThanOrEqual(max);
        expect(s.startsWith(c.raw)).toBe(true);
        expect(c.truncated).toBe(Buffer.byteLength(s) > max);
      }),
    );
  });
});

describe('cutBuffer', () => {
  it('cuts invalid UTF-8 at the limit without looking back more than a character', () => {
    const junk = Buffer.from([0x41, 0x80, 0x80, 0x80, 0x80, 0x80]);
    expect(cutBuffer(junk, 5).length).toBeGreaterThanOrEqual(2);
    expect(cutBuffer(Buffer.from('a€', 'utf8'), 2)).toEqual(Buffer.from('a'));
  });
});
