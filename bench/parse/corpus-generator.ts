/** Deterministic mixed syslog corpus covering every decoder (seeded PRNG, no I/O). */

export type LineKind =
  | 'sshd'
  | 'sudo'
  | 'su-pam'
  | 'useradd'
  | 'windows-nxlog'
  | 'windows-snare'
  | 'cef'
  | 'leef'
  | 'stormshield'
  | 'fortigate'
  | 'pfsense'
  | 'iptables'
  | 'nginx'
  | 'apache'
  | 'json'
  | 'cisco'
  | 'unparsed';

export interface CorpusLine {
  kind: LineKind;
  line: string;
}

/** mulberry32: small, fast, deterministic. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const USERS = ['root', 'admin', 'jdupont', 'mmartin', 'deploy', 'backup', 'svc-sauvegarde', 'alice', 'bob', 'oracle'];
const HOSTS = ['srv-web01', 'srv-mairie', 'dc01', 'fw-ivry', 'nas01', 'app-rh', 'bastion', 'srv-fichiers'];
const MEMBERS = ['arcueil', 'gentilly', 'ivry', 'villejuif', 'vitry'];

export function generateCorpus(count: number, seed = 20261129): CorpusLine[] {
  const r = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const ip = () => `${pick([10, 172, 192, 203, 198, 185])}.${int(0, 255)}.${int(0, 255)}.${int(1, 254)}`;
  const ip6 = () => `2001:db8:${int(0, 0xffff).toString(16)}::${int(1, 0xffff).toString(16)}`;
  const pad = (n: number) => String(n).padStart(2, '0');
  const bsd = () => {
    const d = int(1, 28);
    return `${pick(MONTHS)} ${d < 10 ? ' ' + d : d} ${pad(int(0, 23))}:${pad(int(0, 59))}:${pad(int(0, 59))}`;
  };
  const iso = () =>
    `2026-${pad(int(1, 11))}-${pad(int(1, 28))}T${pad(int(0, 23))}:${pad(int(0, 59))}:${pad(int(0, 59))}.${int(100, 999)}+01:00`;
  const host = () => pick(HOSTS);
  const user = () => pick(USERS);

  const gens: Record<LineKind, () => string> = {
    sshd: () =>
      pick([
        () =>
          `<38>${bsd()} ${host()} sshd[${int(100, 65000)}]: Failed password for ${r() < 0.3 ? 'invalid user ' : ''}${user()} from ${ip()} port ${int(1024, 65535)} ssh2`,
        () =>
          `<38>${bsd()} ${host()} sshd[${int(100, 65000)}]: Accepted publickey for ${user()} from ${ip()} port ${int(1024, 65535)} ssh2: ED25519 SHA256:${int(1e9, 9e9)}`,
        () =>
          `<38>${bsd()} ${host()} sshd[${int(100, 65000)}]: Invalid user ${user()} from ${ip()} port ${int(1024, 65535)}`,
        () =>
          `<38>${bsd()} ${host()} sshd[${int(100, 65000)}]: Connection closed by authenticating user ${user()} ${ip()} port ${int(1024, 65535)} [preauth]`,
        () =>
          `<86>1 ${iso()} ${host()} sshd ${int(100, 65000)} - - Accepted password for ${user()} from ${ip6()} port ${int(1024, 65535)} ssh2`,
      ])(),
    sudo: () =>
      `<85>${bsd()} ${host()} sudo:  ${user()} : ${r() < 0.2 ? '3 incorrect password attempts ; ' : ''}TTY=pts/${int(0, 9)} ; PWD=/home/${user()} ; USER=root ; COMMAND=/usr/bin/systemctl restart nginx`,
    'su-pam': () =>
      pick([
        () =>
          `<86>${bsd()} ${host()} su[${int(100, 65000)}]: pam_unix(su-l:session): session opened for user root by ${user()}(uid=${int(1000, 2000)})`,
        () => `<86>${bsd()} ${host()} CRON[${int(100, 65000)}]: pam_unix(cron:session): session closed for user root`,
        () => `<86>${bsd()} ${host()} su[${int(100, 65000)}]: FAILED su for root by ${user()}`,
      ])(),
    useradd: () =>
      `<86>${bsd()} ${host()} useradd[${int(100, 65000)}]: new user: name=${user()}${int(1, 99)}, UID=${int(1000, 3000)}, GID=${int(1000, 3000)}, home=/home/x, shell=/bin/bash, from=/dev/pts/0`,
    'windows-nxlog': () =>
      `<14>${bsd()} ${host()} Microsoft-Windows-Security-Auditing[580]: {"EventTime":"2026-11-29T13:33:41.6138329+01:00","Hostname":"WS${int(1, 999)}.ivry.local","EventType":"AUDIT_FAILURE","EventID":${pick([4625, 4624, 4688, 4720, 4728])},"SourceName":"Microsoft-Windows-Security-Auditing","RecordNumber":${int(1, 9e6)},"ProcessID":780,"ThreadID":8372,"Channel":"Security","SubjectUserSid":"S-1-5-18","SubjectUserName":"WS01$","SubjectDomainName":"IVRY","TargetUserName":"${user()}","TargetDomainName":"IVRY","LogonType":"${pick([2, 3, 10])}","IpAddress":"${ip()}","IpPort":"${int(1024, 65535)}","ProcessName":"C:\\\\Windows\\\\System32\\\\svchost.exe","NewProcessName":"C:\\\\Windows\\\\System32\\\\cmd.exe","CommandLine":"cmd.exe /c whoami","NewProcessId":"0x1a2c"}`,
    'windows-snare': () =>
      `<14>${bsd()} ${host()} MSWinEventLog\t1\tSecurity\t${int(1, 9e6)}\tSun Nov 29 13:33:41 2026\t4625\tMicrosoft-Windows-Security-Auditing\tN/A\tN/A\tFailure Audit\tws042.ivry.local\tLogon\t\tAn account failed to log on.    Subject:   Security ID:  S-1-0-0   Account Name:  -   Account Domain:  -   Logon ID:  0x0    Logon Type:   3    Account For Which Logon Failed:   Security ID:  S-1-0-0   Account Name:  ${user()}   Account Domain:  IVRY    Failure Information:   Failure Reason:  Unknown user name or bad password.   Status:   0xC000006D   Sub Status:  0xC000006A    Network Information:   Workstation Name: PC-${int(1, 99)}   Source Network Address: ${ip()}   Source Port:  ${int(1024, 65535)}    Detailed Authentication Information:   Logon Process:  NtLmSsp    Authentication Package: NTLM\t${int(1, 9e6)}`,
    cef: () =>
      `<134>${bsd()} ${host()} CEF:0|Trend Micro|Deep Security Agent|20.0|${int(1000, 9999)}|Intrusion prevention rule ${int(1, 999)}|${int(1, 10)}|src=${ip()} spt=${int(1024, 65535)} dst=${ip()} dpt=${pick([80, 443, 445])} proto=TCP act=blocked a \\= here suser=${user()} msg=Blocked some traffic with spaces`,
    leef: () =>
      `<13>${bsd()} ${host()} LEEF:2.0|Lancope|StealthWatch|1.0|${int(1, 99)}|^|src=${ip()}^dst=${ip()}^sev=${int(1, 10)}^cat=anomaly^srcPort=${int(1, 65535)}^dstPort=${int(1, 1024)}^usrName=${user()}`,
    stormshield: () =>
      `<134>1 ${iso()} SN210W asqd - - - id=firewall time="2026-11-29 13:33:41" fw="SN210W" tz=+0100 startime="2026-11-29 13:33:41" pri=5 confid=01 ruleid=${int(1, 99)} srcif="Ethernet0" srcifname="in" ipproto=tcp proto=https src=${ip()} srcport=${int(1024, 65535)} dst=${ip()} dstport=443 action=${pick(['pass', 'block'])} sent=${int(0, 1e6)} rcvd=${int(0, 1e6)} logtype="connection"`,
    fortigate: () =>
      `<189>date=2026-11-29 time=13:33:41 devname="FGT-VITRY" devid="FG100E4Q17000123" tz="+0100" logid="0000000013" type="traffic" subtype="forward" level="notice" vd="root" srcip=${ip()} srcport=${int(1024, 65535)} srcintf="port1" dstip=${ip()} dstport=${pick([53, 80, 443])} dstintf="wan1" proto=6 action="${pick(['accept', 'deny', 'close'])}" policyid=${int(1, 99)} service="HTTPS" sentbyte=${int(0, 1e6)} rcvdbyte=${int(0, 1e6)}`,
    pfsense: () =>
      `<134>${bsd()} pfsense filterlog[${int(100, 65000)}]: ${int(1, 200)},,,1000000103,igb0,match,${pick(['pass', 'block'])},in,4,0x0,,64,${int(1, 65000)},0,DF,6,tcp,60,${ip()},${ip()},${int(1024, 65535)},${pick([22, 443, 3389])},0,S,${int(1, 4e9)},,64240,,mss;sackOK;TS;nop;wscale`,
    iptables: () =>
      `<4>${bsd()} ${host()} kernel: [${int(1, 9e6)}.${int(100000, 999999)}] [UFW BLOCK] IN=eth0 OUT= MAC=52:54:00:12:34:56:52:54:00:65:43:21:08:00 SRC=${ip()} DST=${ip()} LEN=44 TOS=0x00 PREC=0x00 TTL=${int(30, 250)} ID=${int(1, 65000)} PROTO=TCP SPT=${int(1024, 65535)} DPT=${pick([22, 23, 3389])} WINDOW=1024 RES=0x00 SYN URGP=0`,
    nginx: () =>
      `<190>${bsd()} ${host()} nginx: ${r() < 0.3 ? ip6() : ip()} - - [29/Nov/2026:13:33:41 +0100] "GET /portail/${int(1, 999)}?q=${int(1, 99)} HTTP/1.1" ${pick([200, 304, 404, 500])} ${int(0, 99999)} "-" "Mozilla/5.0 (Windows NT 10.0; Win64; x64)"`,
    apache: () =>
      `<190>${bsd()} ${host()} apache2: ${ip()} - ${user()} [29/Nov/2026:13:33:41 +0100] "POST /login HTTP/1.1" ${pick([200, 302, 401])} ${int(0, 9999)} "https://intranet.example/" "curl/8.5.0"`,
    json: () =>
      `<14>${bsd()} ${host()} portail-rh[${int(100, 9999)}]: {"message":"request served","log.level":"info","user":{"name":"${user()}"},"source":{"ip":"${ip()}"},"duration_ms":${int(1, 900)}}`,
    cisco: () =>
      `<189>${int(1, 99999)}: *Mar  1 ${pad(int(0, 23))}:${pad(int(0, 59))}:${pad(int(0, 59))}.${int(100, 999)} UTC: %SYS-5-CONFIG_I: Configured from console by vty2 (${ip()})`,
    unparsed: () => `<30>${bsd()} ${host()} systemd[1]: Started Session ${int(1, 9999)} of user ${user()}.`,
  };
  const kinds = Object.keys(gens) as LineKind[];
  const out: CorpusLine[] = [];
  for (let i = 0; i < count; i++) {
    const kind = kinds[i % kinds.length]!;
    out.push({ kind, line: gens[kind]() });
  }
  // Shuffle deterministically so that kinds interleave irregularly (defeats trivial branch prediction).
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  void MEMBERS;
  return out;
}

export const CORPUS_MEMBERS = MEMBERS;
