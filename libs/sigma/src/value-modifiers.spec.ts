import { load, matches, ruleYaml } from './spec-helpers';
import { applyModifiers } from './value-modifiers';

const strings = (mods: string[], values: unknown[]): string[][] =>
  applyModifiers(mods, values, {}, true).groups.map((g) =>
    g.map((v) =>
      v.t === 'str' ? v.s.parts.map((p) => (typeof p === 'string' ? p : p === 0 ? '*' : '?')).join('') : v.t,
    ),
  );

const m = (key: string, value: unknown, event: Record<string, unknown>) =>
  matches({ sel: { [key]: value }, condition: 'sel' }, event);

describe('modifier contains / startswith / endswith', () => {
  it('contains matches anywhere, case-insensitively', () => {
    expect(m('f|contains', 'MiMi', { f: 'x mimikatz y' })).toBe(true);
    expect(m('f|contains', 'mimi', { f: 'mimzkatz' })).toBe(false);
  });
  it('startswith and endswith anchor one side', () => {
    expect(m('f|startswith', 'C:\\Win', { f: 'c:\\windows\\x.exe' })).toBe(true);
    expect(m('f|startswith', 'Win', { f: 'C:\\windows' })).toBe(false);
    expect(m('f|endswith', '\\cmd.exe', { f: 'C:\\Windows\\System32\\CMD.EXE' })).toBe(true);
    expect(m('f|endswith', '\\cmd.exe', { f: 'C:\\cmd.exe.bak' })).toBe(false);
  });
  it('does not duplicate an existing wildcard', () => {
    expect(strings(['contains'], ['*abc'])).toEqual([['*abc*']]);
  });
  it('applies to numbers as strings', () => {
    expect(m('f|contains', 62, { f: 'x4625y' })).toBe(true);
  });
});

describe('modifier all', () => {
  it('links list values with AND', () => {
    const sel = { 'CommandLine|contains|all': ['-nop', '-enc'] };
    expect(matches({ sel, condition: 'sel' }, { CommandLine: 'powershell -nop -w hidden -enc AAA' })).toBe(true);
    expect(matches({ sel, condition: 'sel' }, { CommandLine: 'powershell -nop' })).toBe(false);
  });
  it('keeps expansions OR-linked inside each value (windash + all)', () => {
    const sel = { 'c|windash|contains|all': ['-a', '-b'] };
    expect(matches({ sel, condition: 'sel' }, { c: 'x /a /b' })).toBe(true);
    expect(matches({ sel, condition: 'sel' }, { c: 'x /a' })).toBe(false);
  });
});

describe('modifier re (with i, m, s)', () => {
  it('is case-sensitive by default and honours the i flag', () => {
    expect(m('f|re', '^ab+c$', { f: 'abbbc' })).toBe(true);
    expect(m('f|re', '^ab+c$', { f: 'ABBC' })).toBe(false);
    expect(m('f|re|i', '^ab+c$', { f: 'ABBC' })).toBe(true);
  });
  it('m makes ^/$ match at line breaks, s makes . match newlines', () => {
    expect(m('f|re', '^two$', { f: 'one\ntwo' })).toBe(false);
    expect(m('f|re|m', '^two$', { f: 'one\ntwo' })).toBe(true);
    expect(m('f|re', 'one.two', { f: 'one\ntwo' })).toBe(false);
    expect(m('f|re|s', 'one.two', { f: 'one\ntwo' })).toBe(true);
  });
  it('is unanchored like a search and accepts a leading (?i)', () => {
    expect(m('f|re', 'b+', { f: 'abbbc' })).toBe(true);
    expect(m('f|re', '(?i)MIMIKATZ', { f: 'mimikatz.exe' })).toBe(true);
  });
  it('does not interpret wildcards or escapes of plain values', () => {
    expect(m('f|re', 'a\\*b', { f: 'a*b' })).toBe(true);
    expect(m('f|re', 'a\\*b', { f: 'aXb' })).toBe(false);
  });
  it('rejects unsafe patterns as unsupported and broken ones as invalid', () => {
    expect(load(ruleYaml({ s: { 'f|re': '(a+)+$' }, condition: 's' })).problems[0]).toMatchObject({
      status: 'unsupported',
    });
    expect(load(ruleYaml({ s: { 'f|re': '(?<=x)y' }, condition: 's' })).problems[0]).toMatchObject({
      status: 'unsupported',
    });
    expect(load(ruleYaml({ s: { 'f|re': '(\\w)\\1' }, condition: 's' })).problems[0]).toMatchObject({
      status: 'unsupported',
    });
    expect(load(ruleYaml({ s: { 'f|re': '(abc' }, condition: 's' })).problems[0]).toMatchObject({ status: 'invalid' });
  });
  it('re must be the first modifier', () => {
    expect(load(ruleYaml({ s: { 'f|contains|re': 'x' }, condition: 's' })).problems[0]).toMatchObject({
      status: 'invalid',
    });
  });
});

describe('modifier cidr', () => {
  it('matches IPv4 networks', () => {
    expect(m('ip|cidr', '10.0.0.0/8', { ip: '10.20.30.40' })).toBe(true);
    expect(m('ip|cidr', '10.0.0.0/8', { ip: '11.0.0.1' })).toBe(false);
    expect(m('ip|cidr', '192.168.1.0/25', { ip: '192.168.1.127' })).toBe(true);
    expect(m('ip|cidr', '192.168.1.0/25', { ip: '192.168.1.128' })).toBe(false);
    expect(m('ip|cidr', '0.0.0.0/0', { ip: '8.8.8.8' })).toBe(true);
  });
  it('matches IPv6 networks', () => {
    expect(m('ip|cidr', 'fe80::/10', { ip: 'fe80::1%eth0' })).toBe(true);
    expect(m('ip|cidr', '2001:db8::/32', { ip: '2001:DB8:0:1::5' })).toBe(true);
    expect(m('ip|cidr', '2001:db8::/32', { ip: '2001:db9::5' })).toBe(false);
    expect(m('ip|cidr', '::1/128', { ip: '::1' })).toBe(true);
  });
  it('does not match non-addresses and rejects bad networks', () => {
    expect(m('ip|cidr', '10.0.0.0/8', { ip: 'hostname' })).toBe(false);
    expect(load(ruleYaml({ s: { 'ip|cidr': '10.0.0.0/33' }, condition: 's' })).problems[0]).toMatchObject({
      status: 'invalid',
    });
  });
  it('accepts a list of networks (OR)', () => {
    expect(m('ip|cidr', ['10.0.0.0/8', '172.16.0.0/12'], { ip: '172.20.1.1' })).toBe(true);
  });
});

describe('encoding modifiers', () => {
  it('base64 encodes the value', () => {
    expect(strings(['base64'], ['cmd'])).toEqual([['Y21k']]);
    expect(m('f|base64|contains', 'cmd', { f: 'xxY21kyy' })).toBe(true);
  });
  it('base64offset yields the three shifted encodings (pySigma values for "foobar")', () => {
    expect(strings(['base64offset'], ['foobar'])).toEqual([['Zm9vYmFy', 'Zvb2Jhc', 'mb29iYX']]);
    expect(strings(['base64offset', 'contains'], ['cmd'])).toEqual([['*Y21k*', '*NtZ*', '*jbW*']]);
  });
  it('agrees with the encodings precomputed in SigmaHQ rules for "Invoke-"', () => {
    expect(strings(['base64offset'], ['Invoke-'])).toEqual([['SW52b2tlL', 'ludm9rZS', 'JbnZva2Ut']]);
    expect(strings(['utf16le', 'base64offset'], ['Invoke-'])).toEqual([
      ['SQBuAHYAbwBrAGUALQ', 'kAbgB2AG8AawBlAC0A', 'JAG4AdgBvAGsAZQAtA'],
    ]);
  });
  it('base64offset|contains finds the value at any offset of an encoded text', () => {
    for (const prefix of ['', 'a', 'ab', 'abc']) {
      const encoded = Buffer.from(`${prefix}Invoke-Mimikatz -x`).toString('base64');
      expect(m('f|base64offset|contains', 'Invoke-Mimikatz', { f: `powershell -enc ${encoded}` })).toBe(true);
    }
    expect(m('f|base64offset|contains', 'Invoke-Mimikatz', { f: Buffer.from('harmless').toString('base64') })).toBe(
      false,
    );
  });
  it('utf16le / wide / utf16be / utf16 encode before base64', () => {
    expect(strings(['utf16le', 'base64'], ['cmd'])).toEqual([['YwBtAGQA']]);
    expect(strings(['wide', 'base64'], ['cmd'])).toEqual([['YwBtAGQA']]);
    expect(strings(['utf16be', 'base64'], ['cmd'])).toEqual([['AGMAbQBk']]);
    expect(strings(['utf16', 'base64'], ['cmd'])).toEqual([['//5jAG0AZAA=']]);
  });
  it('wide|base64offset|contains matches PowerShell -EncodedCommand payloads', () => {
    const payload = Buffer.from('IEX (New-Object Net.WebClient).DownloadString("x")', 'utf16le').toString('base64');
    expect(m('c|wide|base64offset|contains', 'DownloadString', { c: `powershell -enc ${payload}` })).toBe(true);
  });
  it('refuses to encode wildcards', () => {
    expect(load(ruleYaml({ s: { 'f|base64': 'a*' }, condition: 's' })).problems[0]).toMatchObject({
      status: 'invalid',
    });
  });
});

describe('modifier windash', () => {
  it('expands - and / at parameter positions into the five dash characters', () => {
    expect(strings(['windash'], ['-foo'])).toEqual([['-foo', '/foo', '\u2013foo', '\u2014foo', '\u2015foo']]);
    expect(strings(['windash'], ['a-b'])).toEqual([['a-b']]);
  });
  it('windash|contains matches any dash variant', () => {
    for (const d of ['-', '/', '\u2013', '\u2014', '\u2015']) {
      expect(m('c|windash|contains', ' -enc ', { c: `powershell ${d}enc ZQB4AGkAdAA=` })).toBe(true);
    }
    expect(m('c|windash|contains', ' -enc ', { c: 'powershell +enc x' })).toBe(false);
  });
});

describe('modifier exists', () => {
  it('checks presence, not value', () => {
    expect(m('f|exists', true, { f: '' })).toBe(true);
    expect(m('f|exists', true, { f: null })).toBe(true);
    expect(m('f|exists', true, { g: 1 })).toBe(false);
    expect(m('f|exists', false, { g: 1 })).toBe(true);
    expect(m('a.b|exists', true, { a: { b: 0 } })).toBe(true);
  });
  it('needs a boolean', () => {
    expect(load(ruleYaml({ s: { 'f|exists': 'maybe' }, condition: 's' })).problems[0]).toMatchObject({
      status: 'invalid',
    });
  });
});

describe('modifier cased', () => {
  it('matches case-sensitively', () => {
    expect(m('f|cased', 'Admin', { f: 'Admin' })).toBe(true);
    expect(m('f|cased', 'Admin', { f: 'admin' })).toBe(false);
    expect(m('f|contains|cased', 'Adm', { f: 'xAdmx' })).toBe(true);
    expect(m('f|contains|cased', 'Adm', { f: 'xadmx' })).toBe(false);
  });
});

describe('modifier neq', () => {
  it('negates the item', () => {
    expect(m('f|neq', 'x', { f: 'y' })).toBe(true);
    expect(m('f|neq', 'x', { f: 'X' })).toBe(false);
    expect(m('f|neq', 3, { f: 4 })).toBe(true);
    expect(m('f|neq', 3, { f: '3' })).toBe(false);
    expect(m('f|neq', ['a', 'b'], { f: 'b' })).toBe(false);
    expect(m('f|neq', ['a', 'b'], { f: 'c' })).toBe(true);
  });
});

describe('numeric modifiers lt / lte / gt / gte', () => {
  it.each([
    ['lt', 5, 4, true],
    ['lt', 5, 5, false],
    ['lte', 5, 5, true],
    ['lte', 5, 6, false],
    ['gt', 5, 6, true],
    ['gt', 5, 5, false],
    ['gte', 5, 5, true],
    ['gte', 5, 4, false],
  ])('%s %d against %d -> %s', (op, value, field, expected) => {
    expect(m(`n|${op}`, value, { n: field })).toBe(expected);
    expect(m(`n|${op}`, value, { n: String(field) })).toBe(expected);
  });
  it('ignores non-numeric field values and rejects non-numeric rule values', () => {
    expect(m('n|gt', 1, { n: 'abc' })).toBe(false);
    expect(load(ruleYaml({ s: { 'n|gt': 'abc' }, condition: 's' })).problems[0]).toMatchObject({ status: 'invalid' });
  });
});

describe('modifier fieldref', () => {
  it('compares two fields of the same event', () => {
    expect(m('a|fieldref', 'b', { a: 'Bob', b: 'bob' })).toBe(true);
    expect(m('a|fieldref', 'b', { a: 'bob', b: 'alice' })).toBe(false);
    expect(m('a|fieldref', 'b', { a: 'bob' })).toBe(false);
    expect(m('a|fieldref|startswith', 'b', { a: 'bobby', b: 'bob' })).toBe(true);
    expect(m('a|fieldref|contains', 'b', { a: 'xbobx', b: 'bob' })).toBe(true);
    expect(m('a|fieldref|endswith', 'b', { a: 'xbob', b: 'bob' })).toBe(true);
  });
});

describe('modifier expand', () => {
  const placeholders = { Admins: ['adm_*', 'root'], DCs: ['dc1'] };
  it('expands placeholders from the configuration (OR of values, wildcards kept)', () => {
    const det = { sel: { 'user|expand': '%Admins%' }, condition: 'sel' };
    expect(matches(det, { user: 'adm_bob' }, { placeholders })).toBe(true);
    expect(matches(det, { user: 'ROOT' }, { placeholders })).toBe(true);
    expect(matches(det, { user: 'bob' }, { placeholders })).toBe(false);
  });
  it('keeps text around placeholders', () => {
    const det = { sel: { 'host|expand': 'srv-%DCs%.corp' }, condition: 'sel' };
    expect(matches(det, { host: 'srv-dc1.corp' }, { placeholders })).toBe(true);
  });
  it('without expand a placeholder is a literal value', () => {
    expect(m('user', '%Admins%', { user: '%Admins%' })).toBe(true);
  });
  it('rejects a rule whose placeholder has no value, naming it', () => {
    const res = load(ruleYaml({ sel: { 'user|expand': '%Unknown%' }, condition: 'sel' }), { placeholders });
    expect(res.rules).toHaveLength(0);
    expect(res.problems[0]).toMatchObject({ status: 'unsupported' });
    expect(res.problems[0].feature).toContain('%Unknown%');
  });
});

describe('time modifiers', () => {
  it('extract parts of a timestamp (UTC)', () => {
    expect(m('@timestamp|hour', 3, { '@timestamp': '2024-05-06T03:04:05Z' })).toBe(true);
    expect(m('@timestamp|hour', 4, { '@timestamp': '2024-05-06T03:04:05Z' })).toBe(false);
    expect(m('@timestamp|month', 5, { '@timestamp': '2024-05-06T03:04:05Z' })).toBe(true);
    expect(m('@timestamp|week', 19, { '@timestamp': '2024-05-06T03:04:05Z' })).toBe(true);
  });
});

describe('unknown modifiers', () => {
  it('make the rule unsupported, naming the modifier', () => {
    const res = load(ruleYaml({ sel: { 'f|frobnicate': 'x' }, condition: 'sel' }));
    expect(res.problems[0]).toMatchObject({ status: 'unsupported', feature: 'modifier:frobnicate' });
  });
});
