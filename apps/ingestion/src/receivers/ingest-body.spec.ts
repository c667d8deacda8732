import { IngestBodyError, ingestFormat, rawFromObject, readIngestBody } from './ingest-body';

const at = new Date('2026-03-02T09:15:00.000Z');
const read = (body: unknown, format: 'text' | 'ndjson' | 'json', max = 65536) => readIngestBody(body, format, max, at);

describe('ingest body', () => {
  it('picks the format from the content type, ignoring parameters', () => {
    expect(ingestFormat('application/x-ndjson; charset=utf-8')).toBe('ndjson');
    expect(ingestFormat('text/plain')).toBe('text');
    expect(ingestFormat('Application/JSON')).toBe('json');
    expect(ingestFormat('application/xml')).toBeUndefined();
    expect(ingestFormat(undefined)).toBeUndefined();
  });

  it('takes text lines as syslog messages, CRLF or LF, skipping blank lines', () => {
    const body = '<34>Oct 11 22:14:15 mymachine su: fail\r\n\n  \n<13>1 - host app - - - second\n';
    expect(read(body, 'text').map((m) => m.raw)).toEqual(['<34>Oct 11 22:14:15 mymachine su: fail', '<13>1 - host app - - - second']);
  });

  it('uses message alone when it has no host or timestamp, or carries its own PRI', () => {
    expect(rawFromObject({ message: 'sshd[1]: x' }, '{}', at)).toBe('sshd[1]: x');
    expect(rawFromObject({ message: '<38>1 2026-03-02T09:00:00Z h sshd 1 - - x', host: 'other' }, '{}', at)).toBe(
      '<38>1 2026-03-02T09:00:00Z h sshd 1 - - x',
    );
  });

  it('lays out message, host and timestamp as an RFC 3164 line without PRI', () => {
    expect(rawFromObject({ message: 'sshd[1]: x', host: 'web 01', timestamp: '2026-03-02T10:00:00+01:00' }, '{}', at)).toBe(
      '2026-03-02T10:00:00+01:00 web_01 sshd[1]: x',
    );
    expect(rawFromObject({ message: 'x', timestamp: 1772442000 }, '{}', at)).toBe('2026-03-02T09:00:00.000Z x');
    expect(rawFromObject({ message: 'x', timestamp: 1772442000123 }, '{}', at)).toBe('2026-03-02T09:00:00.123Z x');
    expect(rawFromObject({ message: 'x', host: 'h', timestamp: 'garbage' }, '{}', at)).toBe('2026-03-02T09:15:00.000Z h x');
  });

  it('keeps any other object verbatim: it is the event', () => {
    const line = '{"EventID":4625,"Hostname":"dc01","message":"An account failed to log on."}';
    expect(read(line, 'ndjson').map((m) => m.raw)).toEqual([line]);
    // A member field does not make a message object: the line is kept whole, and the member comes from the key.
    expect(rawFromObject({ message: 'x', member: 'beta' }, 'verbatim', at)).toBe('verbatim');
    expect(rawFromObject({ message: 'x', host: { name: 'h' } }, 'verbatim', at)).toBe('verbatim');
  });

  it('refuses the whole NDJSON body when a line is not a JSON object, naming the lines', () => {
    const body = '{"message":"ok"}\nnot json\n[1,2]\n{"message":"ok too"}';
    let error: IngestBodyError | undefined;
    try {
      read(body, 'ndjson');
    } catch (e) {
      error = e as IngestBodyError;
    }
    expect(error).toBeInstanceOf(IngestBodyError);
    expect(error!.fields.map((f) => f.field)).toEqual(['line[2]', 'line[3]']);
  });

  it('takes a JSON object or an array of objects', () => {
    expect(read({ message: 'one' }, 'json').map((m) => m.raw)).toEqual(['one']);
    expect(read([{ message: 'a' }, { EventID: 1 }], 'json').map((m) => m.raw)).toEqual(['a', '{"EventID":1}']);
    expect(() => read([{ message: 'a' }, 3], 'json')).toThrow(IngestBodyError);
  });

  it('cuts lines above the maximum size and flags them, on every format', () => {
    const long = 'x'.repeat(1000);
    for (const [body, format] of [
      [long, 'text'],
      [JSON.stringify({ message: long }), 'ndjson'],
      [{ message: long }, 'json'],
    ] as const) {
      const [m] = read(body, format, 480);
      expect({ format, length: m.raw.length, truncated: m.truncated, bytes: m.bytes }).toEqual({
        format,
        length: 480,
        truncated: true,
        bytes: 1000,
      });
    }
  });

  it('gives nothing for an empty body', () => {
    expect(read('', 'text')).toEqual([]);
    expect(read('\n\n', 'ndjson')).toEqual([]);
  });
});
