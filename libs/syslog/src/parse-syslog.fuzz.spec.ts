import fc from 'fast-check';
import { parseSyslog } from './parse-syslog';
import { SyslogFramer } from './syslog-framer';

const REAL_LINES = [
  "<34>1 2003-10-11T22:14:15.003Z mymachine.example.com su - ID47 - \uFEFF'su root' failed for lonvick on /dev/pts/8",
  '<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut="3" eventSource="Application" eventID="1011"] An application event',
  '<189>123: *Mar  1 18:48:50.483 UTC: %SYS-5-CONFIG_I: Configured from console by vty2 (10.34.195.36)',
  '<38>Feb 20 08:35:22 slave22 sshd[5774]: Failed password for root from 116.31.116.24 port 29160 ssh2',
];
const ctx = { receivedAt: new Date('2026-11-29T12:00:00Z'), timeZone: 'Europe/Paris' };

function check(line: string): void {
  const m = parseSyslog(line, ctx);
  expect(typeof m.message).toBe('string');
  expect(Array.isArray(m.tags)).toBe(true);
  expect(['rfc5424', 'rfc3164', 'unknown']).toContain(m.format);
  if (m.timestamp) expect(Number.isNaN(m.timestamp.getTime())).toBe(false);
}

describe('parseSyslog never throws', () => {
  it('on random strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => check(s)),
      { numRuns: 2000 },
    );
  });

  it('on random bytes decoded with replacement', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => check(Buffer.from(bytes).toString('utf8'))),
      { numRuns: 1000 },
    );
  });

  it('on prefixes and mutations of real lines', () => {
    fc.assert(
      fc.property(fc.constantFrom(...REAL_LINES), fc.nat(), fc.string({ maxLength: 20 }), (line, cut, junk) => {
        const n = cut % (line.length + 1);
        check(line.slice(0, n));
        check(line.slice(0, n) + junk + line.slice(n));
      }),
      { numRuns: 2000 },
    );
  });

  it('on header-like generated lines', () => {
    const header = fc.tuple(
      fc.constantFrom('<13>', '<189>', '<0>', '<191>', '', '<1a>'),
      fc.constantFrom('1 ', '', '123: ', '*', '.'),
      fc.constantFrom(
        'Nov 29 13:33:41',
        'Feb 29 00:00:00',
        '2026-11-29T13:33:41Z',
        '2026-13-40T99:99:99',
        '-',
        'Nov  3 1:2:3',
      ),
      fc.constantFrom(' host', '', ' ', ' host:'),
      fc.constantFrom(' app[1]:', ' app:', ' - - -', ' [a b="c\\"]', ' [x'),
      fc.string({ maxLength: 40 }),
    );
    fc.assert(
      fc.property(header, (parts) => check(parts.join(''))),
      { numRuns: 2000 },
    );
  });

  it('on a 1 MB line', () => {
    const big = '<13>Nov 29 13:33:41 host app: ' + 'x'.repeat(1024 * 1024);
    const m = parseSyslog(big, ctx);
    expect(m.message.length).toBe(1024 * 1024);
    check('<13>1 2026-11-29T13:33:41Z h a - - [' + 'a'.repeat(1024 * 1024));
  });
});

describe('SyslogFramer never loses or duplicates messages', () => {
  it('reassembles any chunking of an octet-counted stream', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ minLength: 1, maxLength: 60 }), { minLength: 1, maxLength: 10 }),
        fc.array(fc.integer({ min: 1, max: 17 }), { minLength: 1, maxLength: 50 }),
        (messages, sizes) => {
          const wire = Buffer.concat(messages.map((m) => Buffer.from(`${Buffer.byteLength(m)} ${m}`)));
          const f = new SyslogFramer({ mode: 'octet-counting' });
          const out: Buffer[] = [];
          let pos = 0;
          let k = 0;
          while (pos < wire.length) {
            const n = sizes[k++ % sizes.length]!;
            out.push(...f.push(wire.subarray(pos, pos + n)).map((m) => m.bytes));
            pos += n;
          }
          expect(out.map((x) => x.toString('utf8'))).toEqual(messages.map((m) => Buffer.from(m).toString('utf8')));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('never emits a message above the limit on random input', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ maxLength: 200 }), { maxLength: 20 }),
        fc.integer({ min: 1, max: 64 }),
        (chunks, max) => {
          const f = new SyslogFramer({ maxMessageSize: max });
          const out = [...chunks.flatMap((c) => f.push(Buffer.from(c))), ...f.flush()];
          for (const m of out) expect(m.bytes.length).toBeLessThanOrEqual(max);
        },
      ),
      { numRuns: 500 },
    );
  });
});
