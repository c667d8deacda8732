import { normalise } from '../normalise';

const doc = (raw: string, receivedAt = '2026-11-29T12:00:00Z') =>
  normalise({ raw, receivedAt, transport: 'udp', peer: { ip: '10.30.0.1' }, member: 'villejuif' });

describe('CEF decoder', () => {
  it('parses the ArcSight reference examples with header and extension escapes', () => {
    const d = doc(
      'CEF:0|security|threatmanager|1.0|100|detected a \\| in message|10|src=10.0.0.1 act=blocked a | dst=1.1.1.1',
    );
    expect(d).toMatchObject({
      event: { module: 'cef', code: '100', severity: 10, action: 'blocked a |' },
      observer: { vendor: 'security', product: 'threatmanager', version: '1.0' },
      cef: { name: 'detected a | in message' },
      source: { ip: '10.0.0.1' },
      destination: { ip: '1.1.1.1' },
    });
    const e = doc(
      'CEF:0|security|threatmanager|1.0|100|detected a \\\\ in packet|10|src=10.0.0.1 act=blocked a \\= dst=1.1.1.1',
    );
    expect(e.cef?.name).toBe('detected a \\ in packet');
    expect(e.event.action).toBe('blocked a =');
    const f = doc(
      'CEF:0|security|threatmanager|1.0|100|detected a = in message|10|src=10.0.0.1 act=blocked a \\\\ dst=1.1.1.1 msg=line1\\nline2 filePath=C:\\\\Program Files\\\\ArcSight',
    );
    expect(f.event.action).toBe('blocked a \\');
    expect(f.message).toBe('line1\nline2');
    expect(f.file?.path).toBe('C:\\Program Files\\ArcSight');
  });

  it('parses CEF behind a syslog header with spaces in values', () => {
    const d = doc(
      '<134>Nov 29 13:33:41 fw-ivry CEF:0|Check Point|VPN-1 & FireWall-1|Check Point|Log|https|Unknown|act=Accept destinationTranslatedAddress=0.0.0.0 destinationTranslatedPort=0 deviceDirection=0 rt=1543270652000 sourceTranslatedAddress=192.168.103.254 sourceTranslatedPort=35398 spt=49363 dpt=443 cs2Label=Rule Name cs2=Implicit Cleanup layer_name=Network layer_uuid=b406b732-2437-4848-9741-6eae1f5bf112 src=192.168.101.100 dst=192.168.103.254 proto=6 suser=jdupont',
    );
    expect(d).toMatchObject({
      host: { hostname: 'fw-ivry' },
      event: { action: 'Accept', module: 'cef' },
      observer: { vendor: 'Check Point', product: 'VPN-1 & FireWall-1' },
      source: { ip: '192.168.101.100', port: 49363, nat: { ip: '192.168.103.254', port: 35398 } },
      destination: { ip: '192.168.103.254', port: 443 },
      user: { name: 'jdupont' },
      cef: { extensions: { cs2Label: 'Rule Name', cs2: 'Implicit Cleanup' } },
    });
  });
});

describe('LEEF decoder', () => {
  it('parses LEEF 1.0 (tab-separated)', () => {
    const d = doc(
      'LEEF:1.0|Microsoft|MSExchange|4.0 SP1|15345|src=192.0.2.0\tdst=172.50.123.1\tsev=5\tcat=anomaly\tsrcPort=81\tdstPort=21\tusrName=joe.black',
    );
    expect(d).toMatchObject({
      event: { module: 'leef', code: '15345', severity: 5 },
      observer: { vendor: 'Microsoft', product: 'MSExchange', version: '4.0 SP1' },
      source: { ip: '192.0.2.0', port: 81 },
      destination: { ip: '172.50.123.1', port: 21 },
      user: { name: 'joe.black' },
      leef: { version: '1.0', attributes: { cat: 'anomaly' } },
    });
  });

  it('parses LEEF 2.0 with a character or hex delimiter, behind a syslog header', () => {
    const caret = doc(
      '<13>Nov 29 13:33:41 sw LEEF:2.0|Lancope|StealthWatch|1.0|41|^|src=192.0.2.0^dst=172.50.123.1^sev=5^cat=anomaly^srcPort=81^dstPort=21^usrName=joe.black',
    );
    expect(caret).toMatchObject({
      source: { ip: '192.0.2.0', port: 81 },
      user: { name: 'joe.black' },
      leef: { version: '2.0' },
    });
    const hex = doc('LEEF:2.0|Vendor|Product|1.0|login|x09|src=10.1.1.1\tdst=10.2.2.2\tusrName=alice');
    expect(hex).toMatchObject({ source: { ip: '10.1.1.1' }, destination: { ip: '10.2.2.2' }, user: { name: 'alice' } });
    const hex0x = doc('LEEF:2.0|Vendor|Product|1.0|login|0x7c|src=10.1.1.1|usrName=bob');
    expect(hex0x.user?.name).toBe('bob');
  });
});

describe('Stormshield decoder', () => {
  it('parses a filter log inside RFC 5424', () => {
    const d = doc(
      '<134>1 2023-03-17T14:49:51+01:00 SN12345678912345 asqd - - - id=firewall time="2023-03-17 14:49:51" fw="SN12345678912345" tz=+0100 startime="2023-03-17 14:49:51" pri=5 confid=01 slotlevel=2 ruleid=48 srcif="Ethernet3" srcifname="in" ipproto=tcp dstif="Ethernet2" dstifname="out" proto=https src=10.44.0.12 srcport=39618 srcportname=ephemeral_fw_tcp srcname=WebProxy dst=185.15.59.224 dstport=443 dstportname=https dstname=upload.wikimedia.org action=pass ipv=4 sent=1250 rcvd=6532 duration=0.41 logtype="connection"',
    );
    expect(d).toMatchObject({
      event: {
        module: 'stormshield',
        dataset: 'stormshield.connection',
        action: 'pass',
        type: ['connection', 'allowed'],
        outcome: 'success',
      },
      observer: { vendor: 'Stormshield', serial_number: 'SN12345678912345', ingress: { interface: { name: 'in' } } },
      source: { ip: '10.44.0.12', port: 39618, domain: 'WebProxy', bytes: 1250 },
      destination: { ip: '185.15.59.224', port: 443, domain: 'upload.wikimedia.org', bytes: 6532 },
      network: { transport: 'tcp', protocol: 'https', type: 'ipv4' },
      rule: { id: '48' },
    });
    expect(d['@timestamp']).toBe('2023-03-17T13:49:51.000Z');
  });

  it('parses a bare alarm and an authentication failure, using time+tz when there is no header', () => {
    const alarm = doc(
      'id=firewall time="2023-11-23 06:49:20" fw="SN12345678912345" tz=+0100 startime="2023-11-23 06:49:20" pri=4 confid=00 srcif="Ethernet4" srcifname="wan-interface" ipproto=tcp proto=unknown src=203.0.113.44 srcport=1234 srcmac=aa:bb:cc:dd:ee:ff dst=198.51.100.88 dstport=5678 ipv=4 action=block msg="Protocole TCP invalide (packet too short)" class=protocol classification=0 alarmid=98 target=dst sensible=1 logtype="alarm"',
    );
    expect(alarm).toMatchObject({
      event: {
        category: ['intrusion_detection', 'network'],
        action: 'block',
        reason: 'Protocole TCP invalide (packet too short)',
      },
      source: { ip: '203.0.113.44', mac: 'aa:bb:cc:dd:ee:ff' },
    });
    expect(alarm['@timestamp']).toBe('2023-11-23T05:49:20.000Z');
    const auth = doc(
      'id=firewall time="2023-09-28 16:37:39" fw="SN12345678912345" tz=+0200 startime="2023-09-28 16:37:39" user="john.doe" src=203.0.113.44 domain="ville.example" confid=1 ruleid=0 method="OPENVPN" error=3 msg="Authentication Failed" logtype="auth"',
    );
    expect(auth).toMatchObject({
      event: { category: ['authentication'], outcome: 'failure' },
      user: { name: 'john.doe', domain: 'ville.example' },
      source: { ip: '203.0.113.44' },
    });
  });
});

describe('FortiGate decoder', () => {
  it('parses a denied forward traffic log', () => {
    const d = doc(
      '<189>date=2025-07-21 time=08:33:44 devname="FGT3KDT418800255" devid="FGT3KDT418800255" eventtime=1753079624443273707 tz="+0200" logid="0000000013" type="traffic" subtype="forward" level="notice" vd="DFI_INTERNE" srcip=10.10.61.15 srcport=54706 srcintf="VPN-COR_RUNGIS" srcintfrole="undefined" dstip=192.168.30.206 dstport=443 dstintf="Corelia-Serveur" dstintfrole="lan" srccountry="Reserved" dstcountry="Reserved" sessionid=2608048636 proto=6 action="deny" policyid=0 policytype="policy" service="HTTPS" trandisp="noop" duration=0 sentbyte=0 rcvdbyte=0 sentpkt=0 rcvdpkt=0',
    );
    expect(d).toMatchObject({
      event: {
        module: 'fortinet',
        dataset: 'fortinet.firewall',
        action: 'deny',
        type: ['connection', 'denied'],
        outcome: 'failure',
        code: '0000000013',
      },
      observer: {
        vendor: 'Fortinet',
        product: 'FortiGate',
        serial_number: 'FGT3KDT418800255',
        ingress: { interface: { name: 'VPN-COR_RUNGIS' } },
      },
      source: { ip: '10.10.61.15', port: 54706, bytes: 0 },
      destination: { ip: '192.168.30.206', port: 443 },
      network: { iana_number: '6', transport: 'tcp', protocol: 'https' },
      log: { level: 'notice' },
    });
    expect(d['@timestamp']).toBe('2025-07-21T06:33:44.000Z');
  });

  it('parses an accepted UTM log with a user', () => {
    const d = doc(
      '<190>date=2026-09-08 time=16:45:33 devname="FG80F-HQ" devid="FGT80FTK21025346" eventtime=1788860733356620909 tz="+0700" logid="1059028704" type="utm" subtype="app-ctrl" eventtype="signature" level="information" vd="root" appid=15895 user="tsr0017" srcip=10.248.70.50 dstip=155.102.13.26 srcport=61206 dstport=443 srcintf="a" dstintf="wan2" proto=6 service="SSL" direction="outgoing" policyid=21 action="pass" app="SSL"',
    );
    expect(d).toMatchObject({
      user: { name: 'tsr0017' },
      source: { user: { name: 'tsr0017' } },
      rule: { id: '21' },
      event: { action: 'pass' },
    });
  });

  it('parses a failed admin login event', () => {
    const d = doc(
      '<185>date=2026-11-29 time=13:33:41 devname="FGT-VITRY" devid="FG100E4Q17000123" logid="0100032002" type="event" subtype="system" level="alert" vd="root" logdesc="Admin login failed" sn="0" user="admin" ui="https(203.0.113.9)" method="https" srcip=203.0.113.9 dstip=10.0.0.1 action="login" status="failed" reason="passwd_invalid" msg="Administrator admin login failed from https(203.0.113.9) because of invalid password"',
    );
    expect(d).toMatchObject({
      event: { category: ['authentication'], outcome: 'failure', action: 'login' },
      user: { name: 'admin' },
      source: { ip: '203.0.113.9' },
    });
  });
});

describe('pfSense filterlog decoder', () => {
  it.each<[string, object]>([
    [
      '<134>1 2021-07-03T19:10:14.578288-05:00 pfSense.example.com filterlog 72237 - - 146,,,1535324496,igb1.12,match,block,in,4,0x0,,63,32989,0,none,6,tcp,72,10.170.12.50,175.16.199.1,49652,853,20,FA,2229970447,9,64612,,nop;nop;TS',
      {
        event: { action: 'block', outcome: 'failure' },
        source: { ip: '10.170.12.50', port: 49652 },
        destination: { ip: '175.16.199.1', port: 853 },
        network: { transport: 'tcp', type: 'ipv4', direction: 'inbound' },
        pfsense: { tcp_flags: 'FA' },
      },
    ],
    [
      '<134>Nov 29 13:33:41 pfsense filterlog[72237]: 5,,,1000000103,igb0,match,pass,out,4,0x0,,64,0,0,DF,17,udp,76,10.0.0.1,9.9.9.9,58044,53,56',
      {
        event: { action: 'pass', outcome: 'success' },
        destination: { ip: '9.9.9.9', port: 53 },
        network: { transport: 'udp', direction: 'outbound' },
        observer: { egress: { interface: { name: 'igb0' } } },
      },
    ],
    [
      '<134>Nov 29 13:33:41 pfsense filterlog[72237]: 4,,,1000000103,igb1,match,block,in,4,0x0,,116,23178,0,none,1,icmp,60,203.0.113.50,198.51.100.7,request,1,2',
      { network: { transport: 'icmp' }, source: { ip: '203.0.113.50' }, pfsense: { icmp_type: 'request' } },
    ],
    [
      '<134>Nov 29 13:33:41 pfsense filterlog[72237]: 9,,,1000000105,igb0,match,block,in,6,0x00,0x00000,255,ipv6-icmp,58,32,fe80::1e1b:dff:fe6b:4b4c,ff02::1:ff00:2,',
      {
        network: { type: 'ipv6', transport: 'ipv6-icmp' },
        source: { ip: 'fe80::1e1b:dff:fe6b:4b4c' },
        destination: { ip: 'ff02::1:ff00:2' },
      },
    ],
    [
      '<134>Nov 29 13:33:41 pfsense filterlog[72237]: 48,16777216,,1000000201,em0,match,block,in,4,0x10,,255,53650,0,DF,112,carp,56,192.168.11.1,224.0.0.18,advertise,255,1,2,0,1',
      { network: { transport: 'carp' }, pfsense: { vhid: '1' } },
    ],
    [
      '<134>Nov 29 13:33:41 pfsense filterlog[72237]: 72,,,1000007111,igb2,match,pass,in,6,0x00,0x00000,64,tcp,6,40,2001:db8:1::10,2001:db8:2::20,443,53211,0,SA,1110291712,1202341,65535,,mss',
      {
        network: { type: 'ipv6', transport: 'tcp' },
        source: { ip: '2001:db8:1::10', port: 443 },
        destination: { ip: '2001:db8:2::20', port: 53211 },
      },
    ],
  ])('%s', (raw, expected) => {
    const d = doc(raw);
    expect(d).toMatchObject(expected);
    expect(d.event.module).toBe('pfsense');
  });
});

describe('iptables decoder', () => {
  it('parses a UFW block line', () => {
    const d = doc(
      '<4>Nov 29 13:33:41 web01 kernel: [1786221.456789] [UFW BLOCK] IN=eth0 OUT= MAC=52:54:00:12:34:56:52:54:00:65:43:21:08:00 SRC=203.0.113.77 DST=198.51.100.20 LEN=44 TOS=0x00 PREC=0x00 TTL=243 ID=54321 PROTO=TCP SPT=48732 DPT=3389 WINDOW=1024 RES=0x00 SYN URGP=0',
    );
    expect(d).toMatchObject({
      event: { module: 'iptables', action: 'block', type: ['connection', 'denied'] },
      observer: { product: 'ufw', ingress: { interface: { name: 'eth0' } } },
      source: { ip: '203.0.113.77', port: 48732, mac: '52:54:00:65:43:21' },
      destination: { ip: '198.51.100.20', port: 3389, mac: '52:54:00:12:34:56' },
      network: { transport: 'tcp', bytes: 44, direction: 'inbound' },
      iptables: { ttl: '243', flags: 'SYN', prefix: '[UFW BLOCK]' },
    });
  });

  it('parses an outbound ICMPv6 line with a custom prefix', () => {
    const d = doc(
      '<4>Nov 29 13:33:41 gw kernel: IPTABLES-DROP: IN= OUT=eth1 SRC=2001:db8::5 DST=2001:db8::9 LEN=104 TC=0 HOPLIMIT=64 FLOWLBL=0 PROTO=ICMPv6 TYPE=128 CODE=0 ID=4 SEQ=1',
    );
    expect(d).toMatchObject({
      event: { action: 'drop' },
      network: { transport: 'ipv6-icmp', type: 'ipv6', direction: 'outbound' },
      iptables: { type: '128' },
    });
  });
});

describe('access log decoder', () => {
  it('parses the Apache combined example', () => {
    const d = doc(
      '<190>Nov 29 13:33:41 web01 apache2: 127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326 "http://www.example.com/start.html" "Mozilla/4.08 [en] (Win98; I ;Nav)"',
    );
    expect(d).toMatchObject({
      event: { module: 'apache', dataset: 'apache.access', category: ['web'], outcome: 'success' },
      source: { ip: '127.0.0.1' },
      user: { name: 'frank' },
      http: {
        version: '1.0',
        request: { method: 'GET', referrer: 'http://www.example.com/start.html' },
        response: { status_code: 200, body: { bytes: 2326 } },
      },
      url: { original: '/apache_pb.gif', path: '/apache_pb.gif' },
      user_agent: { original: 'Mozilla/4.08 [en] (Win98; I ;Nav)' },
    });
    // The syslog header time wins over the payload time.
    expect(d['@timestamp']).toBe('2026-11-29T12:33:41.000Z');
  });

  it('parses nginx with an IPv6 client, dashes and a query string', () => {
    const d = doc(
      '<190>Nov 29 13:33:41 web02 nginx: 2001:db8::1 - - [29/Nov/2026:13:33:41 +0100] "POST /login?next=%2Fadmin HTTP/1.1" 401 0 "-" "curl/8.5.0"',
    );
    expect(d).toMatchObject({
      event: { module: 'nginx', outcome: 'failure', type: ['access', 'error'] },
      source: { ip: '2001:db8::1' },
      url: { path: '/login', query: 'next=%2Fadmin' },
      http: { request: { method: 'POST' }, response: { status_code: 401 } },
      user_agent: { original: 'curl/8.5.0' },
    });
    expect(d.user).toBeUndefined();
    expect(d.http?.request?.referrer).toBeUndefined();
  });

  it('parses common log format and garbage request lines, using the payload time without header', () => {
    const d = doc('192.0.2.8 - - [29/Nov/2026:13:33:41 +0100] "\\x16\\x03\\x01\\x00\\xca" 400 226');
    expect(d).toMatchObject({ source: { ip: '192.0.2.8' }, http: { response: { status_code: 400 } } });
    expect(d['@timestamp']).toBe('2026-11-29T12:33:41.000Z');
    const dash = doc('192.0.2.8 - - [29/Nov/2026:13:33:41 +0100] "-" 408 -');
    expect(dash.http?.response?.status_code).toBe(408);
  });
});

describe('JSON decoder', () => {
  it('keeps the object under json and maps ECS-looking keys', () => {
    const d = doc(
      '<14>Nov 29 13:33:41 app01 portail-rh: {"message":"login ok","log.level":"info","user":{"name":"mmartin"},"source":{"ip":"192.0.2.4","port":"not-a-port"},"event":{"id":"spoofed","action":"login"},"custom":{"a":[1,2]}}',
    );
    expect(d).toMatchObject({
      message: 'login ok',
      log: { level: 'info' },
      user: { name: 'mmartin' },
      source: { ip: '192.0.2.4' },
      event: { action: 'login', module: 'json' },
      json: { custom: { a: [1, 2] } },
    });
    expect(d.source?.port).toBeUndefined();
    expect(d.event.id).not.toBe('spoofed');
  });

  it('accepts arrays and scalars without crashing', () => {
    expect(doc('[1,2,{"a":3}]').json).toEqual({ value: [1, 2, { a: 3 }] });
    expect(doc('<14>Nov 29 13:33:41 h app: {"a": ').tags).toContain('_unparsed_payload');
  });
});

describe('Cisco decoder', () => {
  it('keeps the mnemonic as event.code', () => {
    const d = doc(
      '<189>123: *Mar  1 18:48:50.483 UTC: %SYS-5-CONFIG_I: Configured from console by vty2 (10.34.195.36)',
      '2026-03-10T00:00:00Z',
    );
    expect(d).toMatchObject({
      event: { code: 'SYS-5-CONFIG_I', dataset: 'cisco.ios' },
      message: 'Configured from console by vty2 (10.34.195.36)',
      observer: { vendor: 'Cisco' },
    });
  });
});
