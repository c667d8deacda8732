/**
 * The intake fixture set: real-looking lines from the devices member sites
 * run, each with a timestamp (so the document does not depend on when it was
 * received) and the dataset the normaliser should give it. Every transport
 * must turn each into the same ECS document.
 */
export interface IntakeFixture {
  name: string;
  line: string;
  dataset: string;
  /** Fields (dotted paths) the decoder must have filled, with their values. */
  fields: Record<string, unknown>;
}

export const INTAKE_FIXTURES: IntakeFixture[] = [
  {
    name: 'sshd failed password (RFC 3164)',
    line: '<38>Feb 20 08:35:22 slave22 sshd[5774]: Failed password for invalid user admin from 116.31.116.24 port 29160 ssh2',
    dataset: 'system.auth',
    fields: { 'event.outcome': 'failure', 'source.ip': '116.31.116.24', 'user.name': 'admin', 'host.hostname': 'slave22' },
  },
  {
    name: 'sshd accepted publickey (RFC 5424, IPv6 source)',
    line: '<86>1 2026-11-29T13:33:41.120+01:00 web-ivry-01 sshd 2211 - - Accepted publickey for deploy from 2001:db8::1 port 50022 ssh2: ED25519 SHA256:Qe3Qj3Yb2iFvLq8o9f0ZpXc',
    dataset: 'system.auth',
    fields: { 'event.outcome': 'success', 'source.ip': '2001:db8::1', 'user.name': 'deploy' },
  },
  {
    name: 'sudo command',
    line: '<85>Mar  2 10:41:07 srv-mairie sudo[3345]:     alice : TTY=pts/1 ; PWD=/home/alice ; USER=root ; COMMAND=/usr/bin/systemctl restart nginx',
    dataset: 'system.auth',
    fields: { 'user.name': 'alice' },
  },
  {
    name: 'NXLog JSON 4625 behind a syslog header',
    line:
      '<14>1 2024-03-14T13:54:20.331Z WKS10001 nxlog - - - {"EventTime":"2024-03-14T13:54:16.6138329Z","Hostname":"WKS10001","EventType":"AUDIT_FAILURE","EventID":4625,"SourceName":"Microsoft-Windows-Security-Auditing","Channel":"Security","Message":"An account failed to log on.","Category":"Logon","SubjectUserSid":"S-1-5-18","SubjectUserName":"WKS10001$","SubjectDomainName":"WORKGROUP","TargetUserSid":"S-1-0-0","TargetUserName":"jdupont","TargetDomainName":"IVRY","Status":"0xc000006d","SubStatus":"0xc000006a","LogonType":"3","IpAddress":"10.1.4.20","IpPort":"51234"}',
    dataset: 'windows.security',
    fields: { 'event.code': '4625', 'event.outcome': 'failure', 'user.name': 'jdupont', 'source.ip': '10.1.4.20' },
  },
  {
    name: 'Snare 4688 process creation',
    line:
      '<14>Nov 29 13:33:41 ws042 MSWinEventLog\t1\tSecurity\t99812\tSun Nov 29 13:33:41 2026\t4688\tMicrosoft-Windows-Security-Auditing\tN/A\tN/A\tSuccess Audit\tws042.ivry.local\tProcess Creation\t\tA new process has been created.    Creator Subject:   Security ID:  S-1-5-21-1004336348-1177238915-682003330-1203   Account Name:  jdupont   Account Domain:  IVRY   Logon ID:  0x3B5F2    Process Information:   New Process ID:  0x1a2c   New Process Name: C:\\Windows\\System32\\cmd.exe   Token Elevation Type: %%1938   Creator Process ID: 0x1d4c   Process Command Line: cmd.exe /c whoami /all   \t99812',
    dataset: 'windows.security',
    fields: { 'event.code': '4688' },
  },
  {
    name: 'CEF (Check Point)',
    line: '<134>Nov 29 13:33:41 fw-ivry CEF:0|Check Point|VPN-1 & FireWall-1|Check Point|Log|https|Unknown|act=Accept rt=1543270652000 spt=49363 dpt=443 src=192.168.101.100 dst=192.168.103.254 proto=6 suser=jdupont',
    dataset: 'cef.log',
    fields: { 'source.ip': '192.168.101.100', 'destination.port': 443 },
  },
  {
    name: 'FortiGate admin login failed',
    line: '<185>date=2026-11-29 time=13:33:41 devname="FGT-VITRY" devid="FG100E4Q17000123" logid="0100032002" type="event" subtype="system" level="alert" vd="root" logdesc="Admin login failed" sn="0" user="admin" ui="https(203.0.113.9)" method="https" srcip=203.0.113.9 dstip=10.0.0.1 action="login" status="failed" reason="passwd_invalid" msg="Administrator admin login failed from https(203.0.113.9) because of invalid password"',
    dataset: 'fortinet.firewall',
    fields: { 'source.ip': '203.0.113.9', 'event.outcome': 'failure' },
  },
  {
    name: 'Stormshield SNS connection (WELF in RFC 5424)',
    line: '<134>1 2023-03-17T14:49:51+01:00 SN12345678912345 asqd - - - id=firewall time="2023-03-17 14:49:51" fw="SN12345678912345" tz=+0100 startime="2023-03-17 14:49:51" pri=5 confid=01 slotlevel=2 ruleid=48 srcif="Ethernet3" srcifname="in" ipproto=tcp dstif="Ethernet2" dstifname="out" proto=https src=10.44.0.12 srcport=39618 srcportname=ephemeral_fw_tcp srcname=WebProxy dst=185.15.59.224 dstport=443 dstportname=https dstname=upload.wikimedia.org action=pass ipv=4 sent=1250 rcvd=6532 duration=0.41 logtype="connection"',
    dataset: 'stormshield.connection',
    fields: { 'source.ip': '10.44.0.12', 'destination.ip': '185.15.59.224' },
  },
  {
    name: 'pfSense filterlog block',
    line: '<134>Nov 29 13:33:41 pfsense filterlog[72237]: 4,,,1000000103,igb1,match,block,in,4,0x0,,116,23178,0,none,1,icmp,60,203.0.113.50,198.51.100.7,request,1,2',
    dataset: 'pfsense.log',
    fields: { 'source.ip': '203.0.113.50', 'event.action': 'block' },
  },
  {
    name: 'iptables/UFW kernel line',
    line: '<4>Nov 29 13:33:41 web01 kernel: [1786221.456789] [UFW BLOCK] IN=eth0 OUT= MAC=52:54:00:12:34:56:52:54:00:65:43:21:08:00 SRC=203.0.113.77 DST=198.51.100.20 LEN=44 TOS=0x00 PREC=0x00 TTL=243 ID=54321 PROTO=TCP SPT=48732 DPT=3389 WINDOW=1024 RES=0x00 SYN URGP=0',
    dataset: 'iptables.log',
    fields: { 'source.ip': '203.0.113.77', 'destination.port': 3389 },
  },
  {
    name: 'nginx combined access log',
    line: '<190>Nov 29 13:33:41 web02 nginx: 2001:db8::1 - - [29/Nov/2026:13:33:41 +0100] "POST /login?next=%2Fadmin HTTP/1.1" 401 0 "-" "curl/8.5.0"',
    dataset: 'nginx.access',
    fields: { 'http.response.status_code': 401, 'source.ip': '2001:db8::1' },
  },
  {
    name: 'application JSON payload with UTF-8',
    line: '<14>1 2026-11-29T13:33:41Z app01 portail-rh - - - {"message":"connexion réussie","log.level":"info","user":{"name":"mmartin"},"event":{"action":"login"}}',
    dataset: 'json.log',
    fields: { 'user.name': 'mmartin' },
  },
  {
    name: 'unrecognised payload (kept, tagged)',
    line: '<13>1 2026-11-29T13:33:41Z nas01 backupd 77 - - job 42 finished in 3m12s, 118 files',
    dataset: 'syslog.log',
    fields: { 'tags': expect.arrayContaining(['_unparsed_payload']) },
  },
];
