/** Firewall log lines as the consortium's devices send them (scenario fixtures). */
import { bsdTime } from './scenario-harness';

function paris(iso: string): { date: string; time: string } {
  const f = new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Paris',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
  const [date, time] = f.format(new Date(iso)).split(' ');
  return { date, time };
}

/** Stormshield SNS filter log (RFC 5424 header, key=value payload). */
export function stormshield(iso: string, src: string, dstPort: number, action: 'pass' | 'block'): string {
  const { date, time } = paris(iso);
  return (
    `<134>1 ${iso.replace('Z', '+00:00')} SN310A17C0123456 asqd - - - id=firewall time="${date} ${time}" fw="SN310A17C0123456" ` +
    `tz=+0100 startime="${date} ${time}" pri=5 confid=01 slotlevel=2 ruleid=12 srcif="Ethernet0" srcifname="out" ` +
    `ipproto=tcp dstif="Ethernet1" dstifname="in" proto=tcp src=${src} srcport=${40000 + dstPort} ` +
    `srcportname=ephemeral_fw_tcp dst=10.44.0.20 dstport=${dstPort} action=${action} ipv=4 sent=0 rcvd=0 duration=0.00 logtype="filter"`
  );
}

/** FortiGate traffic log (no syslog header, as FortiOS sends it). */
export function fortigate(iso: string, src: string, dstPort: number, action: 'accept' | 'deny'): string {
  const { date, time } = paris(iso);
  return (
    `<189>date=${date} time=${time} devname="FGT-VITRY" devid="FG100E4Q17000123" ` +
    `eventtime=${Date.parse(iso)}000000 tz="+0100" logid="0000000013" type="traffic" subtype="forward" level="notice" ` +
    `vd="root" srcip=${src} srcport=${50000 + dstPort} srcintf="wan1" srcintfrole="wan" dstip=10.60.0.10 dstport=${dstPort} ` +
    `dstintf="dmz" dstintfrole="dmz" srccountry="Netherlands" dstcountry="Reserved" sessionid=${2608048636 + dstPort} ` +
    `proto=6 action="${action}" policyid=0 policytype="policy" service="tcp/${dstPort}" trandisp="noop" duration=0 ` +
    `sentbyte=0 rcvdbyte=0 sentpkt=0 rcvdpkt=0`
  );
}

/** pfSense filterlog (BSD syslog header, CSV payload). */
export function pfsense(iso: string, src: string, dstPort: number): string {
  return (
    `<134>${bsdTime(iso)} pfsense filterlog[72237]: 4,,,1000000103,igb1,match,block,in,4,0x0,,116,23178,0,none,6,tcp,60,` +
    `${src},198.51.100.7,${30000 + dstPort},${dstPort},0,S,2229970447,,64240,,mss`
  );
}

/** iptables / UFW kernel log. */
export function iptables(iso: string, src: string, dstPort: number): string {
  return (
    `<4>${bsdTime(iso)} web01 kernel: [1786221.456789] [UFW BLOCK] IN=eth0 OUT= MAC=52:54:00:12:34:56:52:54:00:65:43:21:08:00 ` +
    `SRC=${src} DST=198.51.100.20 LEN=44 TOS=0x00 PREC=0x00 TTL=243 ID=54321 PROTO=TCP SPT=${48000 + dstPort} DPT=${dstPort} ` +
    `WINDOW=1024 RES=0x00 SYN URGP=0`
  );
}
