import { parseKeyValues } from './kv-parser';

describe('parseKeyValues', () => {
  it('reads bare and quoted values with escapes', () => {
    expect(parseKeyValues('id=firewall time="2023-11-23 06:49:20" msg="say \\"hi\\"" tz=+0100 empty= last="')).toEqual({
      id: 'firewall',
      time: '2023-11-23 06:49:20',
      msg: 'say "hi"',
      tz: '+0100',
      empty: '',
      last: '',
    });
  });

  it('skips bare words and stray equals signs, and terminates', () => {
    expect(parseKeyValues('word =x = a=1 ==b c=2')).toEqual({ a: '1', c: '2' });
  });

  it('keeps the first of repeated keys', () => {
    expect(parseKeyValues('a=1 a=2')).toEqual({ a: '1' });
  });
});
