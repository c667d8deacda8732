import { parseCondition } from './condition-parser';
import { load, matches, ruleYaml } from './spec-helpers';

const det = (condition: string | string[], extra: Record<string, unknown> = {}) => ({
  a: { f: 'a' },
  b: { g: 'b' },
  c: { h: 'c' },
  ...extra,
  condition,
});
const ev = (...on: string[]) => ({
  f: on.includes('a') ? 'a' : '-',
  g: on.includes('b') ? 'b' : '-',
  h: on.includes('c') ? 'c' : '-',
});

describe('condition grammar', () => {
  it('precedence: not > and > or', () => {
    expect(parseCondition('a or b and not c')).toEqual({
      t: 'or',
      args: [
        { t: 'id', name: 'a' },
        {
          t: 'and',
          args: [
            { t: 'id', name: 'b' },
            { t: 'not', arg: { t: 'id', name: 'c' } },
          ],
        },
      ],
    });
    expect(matches(det('a or b and not c'), ev('a', 'c'))).toBe(true);
    expect(matches(det('a or b and not c'), ev('b', 'c'))).toBe(false);
    expect(matches(det('not a and b'), ev('b'))).toBe(true);
    expect(matches(det('not a and b'), ev('a', 'b'))).toBe(false);
  });

  it('parentheses override precedence', () => {
    expect(matches(det('(a or b) and not c'), ev('a', 'c'))).toBe(false);
    expect(matches(det('(a or b) and not c'), ev('b'))).toBe(true);
    expect(matches(det('not (a or b)'), ev('c'))).toBe(true);
    expect(matches(det('not (a or b)'), ev('b'))).toBe(false);
  });

  it('operators are case-insensitive', () => {
    expect(matches(det('a AND NOT b'), ev('a'))).toBe(true);
  });

  it('1 of / all of a pattern', () => {
    const d = (c: string) => ({ sel_1: { f: 'a' }, sel_2: { g: 'b' }, filter: { h: 'c' }, condition: c });
    expect(matches(d('1 of sel_*'), ev('b'))).toBe(true);
    expect(matches(d('all of sel_*'), ev('b'))).toBe(false);
    expect(matches(d('all of sel_*'), ev('a', 'b'))).toBe(true);
    expect(matches(d('1 of sel* and not 1 of filter*'), ev('a', 'c'))).toBe(false);
    expect(matches(d('any of sel*'), ev('a'))).toBe(true);
  });

  it('1 of them / all of them exclude identifiers starting with _', () => {
    const d = (c: string) => ({ a: { f: 'a' }, _hidden: { h: 'never' }, condition: c });
    expect(matches(d('all of them'), ev('a'))).toBe(true);
    expect(matches(d('1 of them'), ev('b'))).toBe(false);
  });

  it('a condition list is an OR of its conditions', () => {
    expect(matches(det(['a and b', 'c']), ev('c'))).toBe(true);
    expect(matches(det(['a and b', 'c']), ev('a'))).toBe(false);
  });

  it('N of requires at least N identifiers', () => {
    expect(matches(det('2 of them'), ev('a', 'c'))).toBe(true);
    expect(matches(det('2 of them'), ev('a'))).toBe(false);
  });

  it.each(['a and', '(a', 'a)', 'and a', 'a b', 'of a', 'x of them', ''])('invalid condition %j', (c) => {
    const res = load(ruleYaml(det(c)));
    expect(res.problems[0]).toMatchObject({ status: 'invalid' });
  });

  it('the near operator is unsupported', () => {
    expect(load(ruleYaml(det('a near b'))).problems[0]).toMatchObject({ status: 'unsupported' });
  });
});
