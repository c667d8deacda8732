import { checkRegex } from './regex-safety';

const ok = (p: string) => checkRegex(p, new Set()).ok;

describe('regex safety check', () => {
  it.each([
    '^ab+c$',
    '.*\\\\Windows\\\\.*\\.exe',
    '([0-9]{1,3}\\.){3}[0-9]{1,3}',
    '(?:foo|bar)baz',
    '(?:-|/)enc(?:odedcommand)?',
    '(ab?)+',
    '(?:cmd|pwsh)+',
    '[a-z]+\\s+[0-9]*',
    '(?P<name>abc)',
    '\\Aabc\\z',
  ])('accepts %j', (p) => expect(ok(p)).toBe(true));

  it.each([
    ['(a+)+$', 'nested'],
    ['(a*)*', 'nested'],
    ['(\\w+\\s?)*$', 'nested'],
    ['(a|a)*', 'alternation'],
    ['(a|ab)+c', 'alternation'],
    ['(x+){2,}', 'nested'],
    ['(.*a){20}', 'nested'],
    ['(\\w)\\1', 'backreferences'],
    ['(?=abc)', 'lookaround'],
    ['(?<!abc)d', 'lookaround'],
    ['(?>abc)', 'atomic'],
    ['a++', 'possessive'],
    ['[[:digit:]]', 'POSIX'],
    ['a(?i)b', 'inline flags'],
  ])('rejects %j', (p, why) => {
    const r = checkRegex(p, new Set());
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain(why);
  });

  it('converts leading PCRE inline flags into JavaScript flags', () => {
    expect(checkRegex('(?is)abc', new Set())).toEqual({ ok: true, source: 'abc', flags: 'is' });
  });

  it('reports syntax errors as invalid rather than unsupported', () => {
    const r = checkRegex('[abc', new Set());
    expect(r).toMatchObject({ ok: false, unsupported: false });
  });
});
