import { parseSyslog } from './parse-syslog';

const ctx = (receivedAt: string, timeZone?: string) => ({ receivedAt: new Date(receivedAt), timeZone });
const recv = ctx('2026-11-29T12:40:00Z');

describe('parseSyslog — RFC 5424', () => {
  it('parses the RFC 5424 §6.5 examples', () => {
    const m = parseSyslog(
      "<34>1 2003-10-11T22:14:15.003Z mymachine.example.com su - ID47 - \uFEFF'su root' failed for lonvick on /dev/pts/8",
      recv,
    );
    expect(m).toMatchObject({
      format: 'rfc5424',
      pri: 34,
      facility: 4,
      severity: 2,
      version: 1,
      hostname: 'mymachine.example.com',
      appName: 'su',
      msgId: 'ID47',
      message: "'su root' failed for lonvick on /dev/pts/8",
    });
    expect(m.procId).toBeUndefined();
    expect(m.timestamp?.toISOString()).toBe('2003-10-11T22:14:15.003Z');
    expect(m.tags).toEqual([]);

    const m2 = parseSyslog(
      "<165>1 2003-08-24T05:14:15.000003-07:00 192.0.2.1 myproc 8710 - - %% It's time to make the do-nuts.",
      recv,
    );
    expect(m2.timestamp?.toISOString()).toBe('2003-08-24T12:14:15.000Z');
    expect(m2).toMatchObject({ hostname: '192.0.2.1', appName: 'myproc', procId: '8710', facility: 20, severity: 5 });
    expect(m2.message).toBe("%% It's time to make the do-nuts.");
  });

  it('parses several SD elements, repeated params and escapes', () => {
    const m = parseSyslog(
      '<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut="3" eventSource="Application" eventID="1011"][examplePriority@32473 class="high" q="a \\"quoted\\" \\\\ back \\] bracket \\n kept"][origin ip="192.0.2.1" ip="192.0.2.129"] \uFEFFAn application event log entry...',
      recv,
    );
    expect(m.structuredData).toEqual({
      'exampleSDID@32473': { iut: '3', eventSource: 'Application', eventID: '1011' },
      'examplePriority@32473': { class: 'high', q: 'a "quoted" \\ back ] bracket \\n kept' },
      origin: { ip: ['192.0.2.1', '192.0.2.129'] },
    });
    expect(m.message).toBe('An application event log entry...');
  });

  it('accepts structured data with no MSG and all-NILVALUE headers', () => {
    const m = parseSyslog(
      '<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut="3"]',
      recv,
    );
    expect(m.structuredData).toEqual({ 'exampleSDID@32473': { iut: '3' } });
    expect(m.message).toBe('');
    const n = parseSyslog('<13>1 - - - - - -', recv);
    expect(n).toMatchObject({ format: 'rfc5424', message: '' });
    expect(n.hostname ?? n.appName ?? n.procId ?? n.msgId ?? n.timestamp).toBeUndefined();
    expect(n.tags).toContain('_no_timestamp');
  });

  it('keeps malformed structured data in the message and tags it', () => {
    const m = parseSyslog('<13>1 2026-11-29T13:33:41+01:00 host app 12 - [broken sd "x"] rest', recv);
    expect(m.tags).toContain('_invalid_structured_data');
    expect(m.message).toBe('[broken sd "x"] rest');
    expect(m.procId).toBe('12');
  });

  it('flags an impossible timestamp', () => {
    const m = parseSyslog('<13>1 2026-02-30T13:33:41Z host app - - - hello', recv);
    expect(m.timestamp).toBeUndefined();
    expect(m.tags).toContain('_invalid_timestamp');
    expect(m.message).toBe('hello');
  });

  it('reads an RFC 5424 timestamp without offset in the configured zone', () => {
    const m = parseSyslog('<13>1 2026-07-01T12:00:00 host app - - - x', recv);
    expect(m.timestamp?.toISOString()).toBe('2026-07-01T10:00:00.000Z');
  });
});

describe('parseSyslog — RFC 3164 and variants', () => {
  it('parses the classic form with TAG[PID]', () => {
    const m = parseSyslog(
      '<38>Nov 29 13:33:41 srv-web01 sshd[4121]: Accepted password for root from 10.0.0.1 port 22 ssh2',
      recv,
    );
    expect(m).toMatchObject({
      format: 'rfc3164',
      pri: 38,
      facility: 4,
      severity: 6,
      hostname: 'srv-web01',
      appName: 'sshd',
      procId: '4121',
      message: 'Accepted password for root from 10.0.0.1 port 22 ssh2',
    });
    // 13:33:41 in Paris in November is UTC+1.
    expect(m.timestamp?.toISOString()).toBe('2026-11-29T12:33:41.000Z');
  });

  it('handles a space-padded single-digit day and a TAG without PID', () => {
    const m = parseSyslog(
      '<86>Nov  3 08:01:02 fw01 su: pam_unix(su:session): session opened for user root by bob(uid=1000)',
      recv,
    );
    expect(m.timestamp?.toISOString()).toBe('2026-11-03T07:01:02.000Z');
    expect(m.appName).toBe('su');
    expect(m.procId).toBeUndefined();
    expect(m.message).toBe('pam_unix(su:session): session opened for user root by bob(uid=1000)');
  });

  it('is DST-correct in Europe/Paris', () => {
    const summer = parseSyslog('<13>Jul 14 12:00:00 h app: x', ctx('2026-07-20T00:00:00Z'));
    expect(summer.timestamp?.toISOString()).toBe('2026-07-14T10:00:00.000Z');
    const winter = parseSyslog('<13>Jan 14 12:00:00 h app: x', ctx('2026-01-20T00:00:00Z'));
    expect(winter.timestamp?.toISOString()).toBe('2026-01-14T11:00:00.000Z');
    // 02:30 on the fall-back night happens twice: the first (CEST) reading is used.
    const ambiguous = parseSyslog('<13>Oct 25 02:30:00 h app: x', ctx('2026-10-25T03:00:00Z'));
    expect(ambiguous.timestamp?.toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });

  it('honours another IANA zone', () => {
    const m = parseSyslog('<13>Nov 29 13:33:41 h app: x', ctx('2026-11-29T20:00:00Z', 'America/New_York'));
    expect(m.timestamp?.toISOString()).toBe('2026-11-29T18:33:41.000Z');
  });

  it('infers the previous year for 31 December received on 1 January', () => {
    const m = parseSyslog('<13>Dec 31 23:59:58 h app: x', ctx('2026-12-31T23:00:30Z'));
    // received 2027-01-01 00:00:30 Paris time
    expect(m.timestamp?.toISOString()).toBe('2026-12-31T22:59:58.000Z');
  });

  it('keeps a few minutes of clock skew in the current year but moves a far-future date to last year', () => {
    const skew = parseSyslog('<13>Nov 29 13:45:00 h app: x', recv);
    expect(skew.timestamp?.toISOString()).toBe('2026-11-29T12:45:00.000Z');
    const far = parseSyslog('<13>Dec 30 10:00:00 h app: x', ctx('2026-11-20T10:00:00Z'));
    expect(far.timestamp?.getUTCFullYear()).toBe(2025);
    const twoWeeks = parseSyslog('<13>Dec 10 10:00:00 h app: x', ctx('2026-11-29T10:00:00Z'));
    expect(twoWeeks.timestamp?.getUTCFullYear()).toBe(2026);
  });

  it('moves a timestamp just past New Year to the next year when received on 31 December', () => {
    const m = parseSyslog('<13>Jan  1 00:00:05 h app: x', ctx('2026-12-31T22:59:00Z'));
    expect(m.timestamp?.toISOString()).toBe('2026-12-31T23:00:05.000Z');
  });

  it('reads a year inside the BSD timestamp', () => {
    const m = parseSyslog('<13>Nov 29 2026 13:33:41 host app: x', recv);
    expect(m.timestamp?.toISOString()).toBe('2026-11-29T12:33:41.000Z');
    expect(m.hostname).toBe('host');
    const asa = parseSyslog('<166>Jan 05 2026 12:00:00: %ASA-6-302013: Built outbound TCP connection', recv);
    expect(asa.timestamp?.toISOString()).toBe('2026-01-05T11:00:00.000Z');
    expect(asa.hostname).toBeUndefined();
    expect(asa.message).toBe('%ASA-6-302013: Built outbound TCP connection');
  });

  it('accepts RFC 3339 timestamps in place of the BSD one', () => {
    const m = parseSyslog('<30>2026-11-29T13:33:41.123456+01:00 nas01 smbd[88]: connect', recv);
    expect(m).toMatchObject({
      format: 'rfc3164',
      hostname: 'nas01',
      appName: 'smbd',
      procId: '88',
      message: 'connect',
    });
    expect(m.timestamp?.toISOString()).toBe('2026-11-29T12:33:41.123Z');
  });

  it('handles a missing hostname', () => {
    const m = parseSyslog('<13>Nov 29 13:33:41 sshd[12]: Connection closed', recv);
    expect(m.hostname).toBeUndefined();
    expect(m).toMatchObject({ appName: 'sshd', procId: '12', message: 'Connection closed' });
  });

  it('handles Cisco sequence numbers, * and . markers and zone abbreviations', () => {
    const m = parseSyslog(
      '<189>123: *Mar  1 18:48:50.483 UTC: %SYS-5-CONFIG_I: Configured from console by vty2 (10.34.195.36)',
      ctx('2026-03-10T00:00:00Z'),
    );
    expect(m).toMatchObject({ format: 'rfc3164', facility: 23, severity: 5 });
    expect(m.timestamp?.toISOString()).toBe('2026-03-01T18:48:50.483Z');
    expect(m.message).toBe('%SYS-5-CONFIG_I: Configured from console by vty2 (10.34.195.36)');
    expect(m.hostname).toBeUndefined();
    expect(m.tags).toContain('_clock_unsynchronised');
    const dot = parseSyslog(
      '<187>4567: .Nov 29 13:33:41.001 CET: %LINK-3-UPDOWN: Interface Gi0/1, changed state to down',
      recv,
    );
    expect(dot.timestamp?.toISOString()).toBe('2026-11-29T12:33:41.001Z');
    const origin = parseSyslog('<189>77: rtr-ivry-01: Nov 29 13:33:41: %SYS-5-CONFIG_I: Configured', recv);
    expect(origin.hostname).toBe('rtr-ivry-01');
    expect(origin.message).toBe('%SYS-5-CONFIG_I: Configured');
  });

  it('treats a missing PRI as user.notice and tags it', () => {
    const m = parseSyslog('Nov 29 13:33:41 host CRON[5]: (root) CMD (run-parts /etc/cron.hourly)', recv);
    expect(m).toMatchObject({
      format: 'rfc3164',
      pri: 13,
      facility: 1,
      severity: 5,
      hostname: 'host',
      appName: 'CRON',
    });
    expect(m.tags).toContain('_no_pri');
  });

  it('keeps a message with no header whole', () => {
    const m = parseSyslog('CEF:0|Security|threatmanager|1.0|100|worm successfully stopped|10|src=10.0.0.1', recv);
    expect(m.format).toBe('unknown');
    expect(m.message).toBe('CEF:0|Security|threatmanager|1.0|100|worm successfully stopped|10|src=10.0.0.1');
    expect(m.tags).toEqual(expect.arrayContaining(['_no_pri', '_no_timestamp']));
  });

  it('does not mistake a CEF payload for a hostname or a tag', () => {
    const m = parseSyslog(
      '<134>Nov 29 13:33:41 CEF:0|Trend Micro|Deep Security Agent|10.0|4000000|Eicar_test_file|6|cn1=1',
      recv,
    );
    expect(m.hostname).toBeUndefined();
    expect(m.appName).toBeUndefined();
    expect(m.message.startsWith('CEF:0|Trend Micro')).toBe(true);
  });

  it('flags an out-of-range PRI and strips trailing CR/LF', () => {
    const m = parseSyslog('<999>Nov 29 13:33:41 host app: hi\r\n', recv);
    expect(m.tags).toContain('_invalid_pri');
    expect(m.pri).toBe(13);
    expect(m.message).toBe('hi');
  });

  it('tags a PRI-only line without timestamp', () => {
    const m = parseSyslog('<13>kernel: something', recv);
    expect(m).toMatchObject({ format: 'rfc3164', appName: 'kernel', message: 'something' });
    expect(m.tags).toContain('_no_timestamp');
  });

  it('handles 29 February in a common year by going back to a leap year', () => {
    const m = parseSyslog('<13>Feb 29 10:00:00 h app: x', ctx('2027-03-01T00:00:00Z'));
    expect(m.timestamp?.getUTCFullYear()).toBe(2024);
  });

  it('falls back to UTC on an invalid zone and tags it', () => {
    const m = parseSyslog('<13>Nov 29 13:33:41 h app: x', ctx('2026-11-29T20:00:00Z', 'Not/AZone'));
    expect(m.tags).toContain('_invalid_timezone');
    expect(m.timestamp?.toISOString()).toBe('2026-11-29T13:33:41.000Z');
  });
});
