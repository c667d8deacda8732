import { insertPlaceholders, parseSigmaString, toPlain, WILD_MULTI, WILD_SINGLE } from './sigma-string';
import { matches } from './spec-helpers';

describe('Sigma string escaping (specification "Escape Character")', () => {
  it.each([
    ['C:\\Windows\\*', ['C:\\Windows*']],
    ['C:\\Windows\\\\*', ['C:\\Windows\\', WILD_MULTI]],
    ['a\\*b', ['a*b']],
    ['a\\?b', ['a?b']],
    ['a\\\\*', ['a\\', WILD_MULTI]],
    ['a\\\\\\*', ['a\\*']],
    ['a\\\\\\\\b', ['a\\\\b']],
    ['a\\\\\\b', ['a\\\\b']],
    ['prog?.exe', ['prog', WILD_SINGLE, '.exe']],
    ['C:\\Temp\\x', ['C:\\Temp\\x']],
  ])('parses %j', (raw, parts) => {
    expect(parseSigmaString(raw).parts).toEqual(parts);
  });

  it('turns %name% into placeholders and keeps escaped percent signs plain', () => {
    const s = insertPlaceholders(parseSigmaString('\\%plain%name%'));
    expect(s.parts).toEqual(['%plain', { placeholder: 'name' }]);
    expect(toPlain(parseSigmaString('%name%'))).toBe('%name%');
  });

  it('matches an escaped wildcard literally and a real wildcard as a pattern', () => {
    expect(matches({ sel: { f: 'what\\?' }, condition: 'sel' }, { f: 'what?' })).toBe(true);
    expect(matches({ sel: { f: 'what\\?' }, condition: 'sel' }, { f: 'whatX' })).toBe(false);
    expect(matches({ sel: { f: 'what?' }, condition: 'sel' }, { f: 'whatX' })).toBe(true);
    expect(matches({ sel: { f: 'a\\*b' }, condition: 'sel' }, { f: 'aXb' })).toBe(false);
    expect(matches({ sel: { f: 'a\\*b' }, condition: 'sel' }, { f: 'a*b' })).toBe(true);
    expect(matches({ sel: { f: 'C:\\Win\\\\*' }, condition: 'sel' }, { f: 'C:\\Win\\system32' })).toBe(true);
    expect(matches({ sel: { f: 'C:\\Win\\\\\\*' }, condition: 'sel' }, { f: 'C:\\Win\\system32' })).toBe(false);
    expect(matches({ sel: { f: 'C:\\Win\\\\\\*' }, condition: 'sel' }, { f: 'C:\\Win\\*' })).toBe(true);
  });

  it('treats regex metacharacters in plain values literally', () => {
    expect(matches({ sel: { f: 'a.c*' }, condition: 'sel' }, { f: 'abcd' })).toBe(false);
    expect(matches({ sel: { f: 'a.c*' }, condition: 'sel' }, { f: 'a.cd' })).toBe(true);
    expect(matches({ sel: { f: '(x)[y]*' }, condition: 'sel' }, { f: '(X)[Y]z' })).toBe(true);
  });
});
