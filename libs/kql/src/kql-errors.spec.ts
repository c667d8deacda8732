import { parseKql } from './kql-parser';
import { KqlSyntaxError } from './kql-syntax.error';
import { ECS_OPTIONS } from './kql-test-fields';

function errorOf(q: string): KqlSyntaxError {
  try {
    parseKql(q, ECS_OPTIONS);
  } catch (e) {
    if (e instanceof KqlSyntaxError) return e;
    throw e;
  }
  throw new Error(`no error for ${JSON.stringify(q)}`);
}

describe('KqlSyntaxError', () => {
  it('carries the position in the message and as a property', () => {
    const e = errorOf('source.ip:');
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('KqlSyntaxError');
    expect(e.message).toBe("Expected a value after ':' at position 10");
    expect(e.position).toBe(10);
    expect(e.expected).toEqual(['value', '(']);
  });

  it.each<[string, number, RegExp]>([
    ['source.ip:', 10, /^Expected a value after ':'/],
    ['source.ip:   ', 13, /^Expected a value after ':'/],
    ['a and', 5, /^Expected an expression after AND/],
    ['a or ', 5, /^Expected an expression after OR/],
    ['not', 3, /^Expected an expression after NOT/],
    ['(a or b', 7, /^Expected '\)' \(the '\(' at position 0 is not closed\)/],
    ['x:(a or b', 9, /^Expected '\)' \(the '\(' at position 2 is not closed\)/],
    ['field >=', 8, /^Expected a value after '>='/],
    ['field <', 7, /^Expected a value after '<'/],
    ['message:"abc', 8, /^Unterminated quoted string/],
    ['a or "abc\\"', 5, /^Unterminated quoted string/],
    ['a)', 1, /^Unexpected '\)' without a matching '\('/],
    ['(a))', 3, /^Unexpected '\)'/],
    ['()', 1, /^Expected an expression after '\('/],
    ['x:()', 3, /^Expected a value after '\('/],
    ['x:(a or )', 8, /^Expected a value after OR/],
    ['x:(a and', 8, /^Expected a value after AND/],
    ['a and )', 6, /^Expected an expression after AND/],
    [':a', 0, /^Expected a field name before ':'/],
    ['>= 5', 0, /^Expected a field name before '>='/],
    ['a:b:c', 3, /^Unexpected ':'; quote values/],
    ['source.ip:2001:db8::1', 14, /^Unexpected ':'/],
    ['a:1 b:2', 4, /^Expected AND or OR before 'b'/],
    ['foo bar:baz', 4, /^Expected AND or OR before 'bar'/],
    ['a:1 b >= 2', 4, /^Expected AND or OR before 'b'/],
    ['"a" b', 4, /^Expected AND, OR or end of input/],
    ['foo not bar', 4, /^Unexpected NOT; write 'AND NOT'/],
    ['x:not y', 2, /^NOT cannot follow ':'/],
    ['x > not', 4, /^Expected a value after '>'/],
    ['source.*:x', 7, /^Wildcards in field names are not supported/],
    ['*.ip:1.2.3.4', 0, /^Wildcards in field names are not supported/],
    ['x >= a*', 6, /^Wildcards are not allowed in range values/],
    ['user:{ name: x }', 5, /^Nested field queries \(user:\{...\}\) are not supported/],
    ['{', 0, /^Unexpected '\{'/],
    ['a }', 2, /^Unexpected '\}'/],
    ['x:a\\qb', 3, /^Invalid escape sequence '\\q'/],
    ['x:a\\', 3, /^Incomplete escape sequence/],
    ['"":x', 0, /^Expected a field name, found an empty string/],
    ['source.ip:foo', 10, /^Expected an IP address or CIDR block for ip field 'source.ip'/],
    ['source.ip:10.*.1.*', 13, /^Wildcards on ip field 'source.ip' are only supported as trailing IPv4 octets/],
    ['source.ip:300.*', 14, /^Wildcards on ip field/],
    ['source.ip > nope', 12, /^Expected an IP address for ip field/],
    ['source.port:http', 12, /^Expected a number for long field 'source.port'/],
    ['source.port:80*', 14, /^Wildcards are not supported on long field 'source.port'/],
    ['source.port > 1e999', 14, /^Expected a number/],
    ['tls.established:yes', 16, /^Expected true or false for boolean field/],
    ['tls.established > true', 18, /^Range comparisons are not supported on boolean field/],
    ['@timestamp:yesterday', 11, /^Expected a date .* for date field '@timestamp'/],
    ['@timestamp < now-1x', 13, /^Expected a date/],
    ['@timestamp < 2024-13-01', 13, /^Expected a date/],
    ['@timestamp:2024-02-30', 11, /^Expected a date/],
    ['@timestamp:2024*', 15, /^Wildcards are not supported on date field/],
    ['@timestamp < now-999999999y', 13, /^Expected a date/],
  ])('%j fails at %i', (q, position, message) => {
    const e = errorOf(q);
    expect(e.message).toMatch(message);
    expect(e.position).toBe(position);
    expect(e.message.endsWith(` at position ${position}`)).toBe(true);
  });

  it('reports the first error in reading order', () => {
    expect(errorOf(') "unterminated').position).toBe(0);
    expect(errorOf('a:\\q "unterminated').position).toBe(2);
  });

  it('lists what was expected where that helps', () => {
    expect(errorOf('(a').expected).toEqual([')']);
    expect(errorOf('a and').expected).toEqual(['expression']);
    expect(errorOf('"a" b').expected).toEqual(['AND', 'OR', 'end of input']);
  });
});
