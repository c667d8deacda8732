import fc from 'fast-check';
import type { RawEnvelope } from '@vigie/contracts';
import { normalise } from './normalise';

/** Real lines of every decoder, used whole, cut and mutated. */
const REAL = [
  '<38>Feb 20 08:35:22 slave22 sshd[5774]: Failed password for invalid user admin from 116.31.116.24 port 29160 ssh2',
  '<85>Feb 21 23:35:33 localhost sudo:  vagrant : 3 incorrect password attempts ; TTY=pts/0 ; PWD=/home/vagrant ; USER=root ; COMMAND=/bin/ls',
  '<86>Mar  2 11:05:12 srv useradd[2240]: new user: name=jdupont, UID=1001, GID=1001, home=/home/jdupont, shell=/bin/bash',
  '<13>1 2025-09-18T13:02:46.038710Z foobarhost - - - - MSWinEventLog\t1\tSecurity\t29352898\tThu Sep 18 13:02:45 2025\t4634\tWindows\tN/A\tN/A\tSuccess Audit\tfoobarhost\tLogoff\t\tAn account was logged off.    Subject:   Security ID:  S-1-5-21-1   Account Name:  BLUB$   Account Domain:  DOMAIN   Logon ID:  0x8f2a1e    Logon Type:   3   \t1248938155',
  '{"EventTime":"2024-03-14T13:54:16.6138329Z","Hostname":"WKS10001","EventType":"AUDIT_FAILURE","EventID":4625,"Channel":"Security","TargetUserName":"user","IpAddress":"127.0.0.1","IpPort":"0","LogonType":"2"}',
  'CEF:0|security|threatmanager|1.0|100|detected a \\| in message|10|src=10.0.0.1 act=blocked a \\= dst=1.1.1.1',
  'LEEF:2.0|Lancope|StealthWatch|1.0|41|^|src=192.0.2.0^dst=172.50.123.1^sev=5^cat=anomaly^srcPort=81^dstPort=21^usrName=joe.black',
  '<134>1 2023-03-17T14:49:51+01:00 SN1 asqd - - - id=firewall time="2023-03-17 14:49:51" fw="SN1" tz=+0100 startime="2023-03-17 14:49:51" pri=5 src=10.44.0.12 srcport=39618 dst=185.15.59.224 dstport=443 action=pass logtype="connection"',
  '<189>date=2025-07-21 time=08:33:44 devname="FGT" devid="FGT3KDT418800255" tz="+0200" type="traffic" subtype="forward" srcip=10.10.61.15 srcport=54706 dstip=192.168.30.206 dstport=443 proto=6 action="deny"',
  '<134>Nov 29 13:33:41 pfsense filterlog[72237]: 5,,,1000000103,igb0,match,pass,out,4,0x0,,64,0,0,DF,17,udp,76,10.0.0.1,9.9.9.9,58044,53,56',
  '<4>Nov 29 13:33:41 web01 kernel: [1786221.456789] [UFW BLOCK] IN=eth0 OUT= MAC=52:54:00:12:34:56:52:54:00:65:43:21:08:00 SRC=203.0.113.77 DST=198.51.100.20 LEN=44 PROTO=TCP SPT=48732 DPT=3389 SYN',
  '<190>Nov 29 13:33:41 web02 nginx: 2001:db8::1 - - [29/Nov/2026:13:33:41 +0100] "POST /login?next=%2Fadmin HTTP/1.1" 401 0 "-" "curl/8.5.0"',
  '<189>123: *Mar  1 18:48:50.483 UTC: %SYS-5-CONFIG_I: Configured from console by vty2 (10.34.195.36)',
  '<14>Nov 29 13:33:41 app01 portail: {"message":"ok","source":{"ip":"192.0.2.4"}}',
];

const env = (raw: string): RawEnvelope => ({
  raw,
  receivedAt: '2026-11-29T12:00:00Z',
  transport: 'tcp',
  peer: { ip: '10.0.0.9' },
  member: 'arcueil',
});

function check(raw: string, keepOriginal = true): void {
  const d = normalise(env(raw), { keepOriginal });
  expect(d.event.id).toMatch(/^[0-9a-f]{32}$/);
  expect(Number.isNaN(Date.parse(d['@timestamp']))).toBe(false);
  expect(typeof d.message === 'string' || typeof d.event.original === 'string').toBe(true);
  expect(Array.isArray(d.tags)).toBe(true);
  JSON.stringify(d);
}

describe('normalise never throws on bad input', () => {
  it('handles every fixture whole', () => REAL.forEach((l) => check(l)));

  it('on random strings and random bytes decoded with replacement', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (s) => check(s)),
      { numRuns: 1500 },
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (b) => check(Buffer.from(b).toString('utf8'), false)),
      { numRuns: 1500 },
    );
  });

  it('on random prefixes and mutations of real lines', () => {
    fc.assert(
      fc.property(fc.constantFrom(...REAL), fc.nat(), fc.nat(), fc.string({ maxLength: 12 }), (line, a, b, junk) => {
        const cut = a % (line.length + 1);
        check(line.slice(0, cut));
        const at = b % (line.length + 1);
        check(line.slice(0, at) + junk + line.slice(at + (junk.length % 5)));
      }),
      { numRuns: 3000 },
    );
  });

  it('on payloads that look like each format but are garbage', () => {
    const shaped = fc.tuple(
      fc.constantFrom(
        'CEF:',
        'LEEF:2.0|',
        'LEEF:1.0|a|b|c|d|',
        'MSWinEventLog\t',
        '{"EventID":',
        'id=firewall fw="x" time="',
        'devid=1 type=',
        'IN= SRC=',
        '1,2,3,4,em0,match,block,in,4,',
        '%A-1-B: ',
        '[',
        '{',
        '1.2.3.4 - - [',
        'pam_unix(x:y): ',
        'new user: name=',
      ),
      fc.array(
        fc.constantFrom(
          '|',
          '\\',
          '=',
          '"',
          ' ',
          '\t',
          ',',
          ':',
          '[',
          ']',
          '{',
          '}',
          'x',
          '0',
          '-',
          'Account Name:',
          'src=',
          'SRC=1.2.3.4',
        ),
        { maxLength: 40 },
      ),
    );
    fc.assert(
      fc.property(shaped, ([head, parts]) => check(`<13>Nov 29 13:33:41 h app: ${head}${parts.join('')}`)),
      { numRuns: 3000 },
    );
  });

  it('on a 1 MB line', () => {
    const big = 'x'.repeat(1024 * 1024);
    check(`<13>Nov 29 13:33:41 host app: ${big}`);
    check(`CEF:0|a|b|c|d|e|1|msg=${big}`);
    check(`{"EventID":4625,"Message":"${big}"}`);
    check(`<4>Nov 29 13:33:41 gw kernel: IN=eth0 OUT= SRC=1.2.3.4 DST=5.6.7.8 ${'A=b '.repeat(200000)}`);
  });
});
