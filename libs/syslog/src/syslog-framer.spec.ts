import { SyslogFramer } from './syslog-framer';

const b = (s: string) => Buffer.from(s, 'utf8');
const texts = (f: SyslogFramer, ...chunks: string[]) => chunks.flatMap((c) => f.push(b(c))).map((m) => m.message);

describe('SyslogFramer', () => {
  it('detects octet counting from the first byte and handles frames split across chunks', () => {
    const f = new SyslogFramer();
    const m1 = '<13>1 2026-11-29T13:33:41Z h a - - - first';
    const m2 = '<13>1 2026-11-29T13:33:42Z h a - - - second\nwith LF inside';
    const stream = `${Buffer.byteLength(m1)} ${m1}${Buffer.byteLength(m2)} ${m2}`;
    const out: string[] = [];
    for (let i = 0; i < stream.length; i += 7) out.push(...texts(f, stream.slice(i, i + 7)));
    expect(f.framing).toBe('octet-counting');
    expect(out).toEqual([m1, m2]);
  });

  it('counts bytes, not characters', () => {
    const f = new SyslogFramer();
    const m = '<13>Nov 29 13:33:41 h app: créé €';
    const wire = b(`${Buffer.byteLength(m)} ${m}`);
    const out = [...f.push(wire.subarray(0, 30)), ...f.push(wire.subarray(30))];
    expect(out.map((x) => x.message)).toEqual([m]);
  });

  it('uses LF framing otherwise, dropping CR and accepting NUL', () => {
    const f = new SyslogFramer();
    expect(texts(f, '<13>a\r\n<13>b', '\n<13>c\0<13>d')).toEqual(['<13>a', '<13>b', '<13>c']);
    expect(f.framing).toBe('non-transparent');
    expect(f.flush().map((m) => m.message)).toEqual(['<13>d']);
  });

  it('cuts an over-long LF-framed message, flags it and resumes at the next delimiter', () => {
    const f = new SyslogFramer({ maxMessageSize: 10 });
    const out = [...f.push(b('<13>0123456789ABC')), ...f.push(b('DEF\n<13>ok\n'))];
    expect(out.map((m) => [m.message, m.truncated])).toEqual([
      ['<13>012345', true],
      ['<13>ok', false],
    ]);
  });

  it('cuts an over-long counted frame and skips its remaining bytes, even across chunks', () => {
    const f = new SyslogFramer({ maxMessageSize: 8 });
    const long = 'ABCDEFGHIJKLMNOPQRST';
    const out = [
      ...f.push(b(`${long.length} ${long.slice(0, 12)}`)),
      ...f.push(b(long.slice(12))),
      ...f.push(b('2 ok')),
    ];
    expect(out.map((m) => [m.message, m.truncated])).toEqual([
      ['ABCDEFGH', true],
      ['ok', false],
    ]);
  });

  it('resynchronises on LF after an invalid length in octet-counting mode', () => {
    const f = new SyslogFramer();
    expect(texts(f, '5 hello', 'garbage here\n3 abc')).toEqual(['hello', 'garbage here', 'abc']);
  });

  it('decodes invalid UTF-8 with replacement characters', () => {
    const f = new SyslogFramer();
    const out = f.push(Buffer.from([0x3c, 0x31, 0x33, 0x3e, 0xff, 0xfe, 0x41, 0x0a]));
    expect(out[0]!.message).toBe('<13>\uFFFD\uFFFDA');
  });

  it('honours a forced mode', () => {
    const f = new SyslogFramer({ mode: 'non-transparent' });
    expect(texts(f, '12 not a count\n')).toEqual(['12 not a count']);
  });
});
