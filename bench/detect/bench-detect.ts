/**
 * Detection benchmark: single-event Sigma evaluation throughput and per-event latency with 10, 100 and 500
 * rules over a mixed ECS event stream (Windows security / process creation, Linux auth, web access, firewall).
 * Rules are generated in the shapes of SigmaHQ rules; bundled rules under config/rules/ are loaded too when present.
 *
 * Run: npm run build && node dist/bench/detect/bench-detect.js [--events N]
 * Prints one JSON document on stdout.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { stringify } from 'yaml';
import { loadFieldMappingFile, loadRules, SigmaEngine } from '@vigie/sigma';
import type { CompiledRule, EcsEvent, RuleSource } from '@vigie/sigma';

/** Repository root: the first ancestor of this file (or of the working directory) holding config/sigma. */
function findRoot(): string {
  for (const start of [__dirname, process.cwd()]) {
    let dir = start;
    for (let i = 0; i < 8; i++) {
      if (existsSync(join(dir, 'config/sigma/ecs-mapping.yml'))) return dir;
      dir = resolve(dir, '..');
    }
  }
  return process.cwd();
}
const ROOT = findRoot();

/** Deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = [
  'mimikatz',
  'sekurlsa',
  'procdump',
  'rundll32',
  'regsvr32',
  'mshta',
  'certutil',
  'bitsadmin',
  'wmic',
  'vssadmin',
  'bcdedit',
  'schtasks',
  'psexec',
  'nltest',
  'whoami',
  'invoke-expression',
  'downloadstring',
  'frombase64string',
  'hidden',
  'bypass',
  'encodedcommand',
  'urlcache',
  'shadowcopy',
  'lsass',
  'comsvcs',
  'minidump',
  'adfind',
  'sharphound',
  'rubeus',
  'kerberoast',
  'dcsync',
  'ntdsutil',
  'reg save',
  'sam',
  'system32\\tasks',
  'appdata\\roaming',
  'temp\\',
  'public\\',
  'programdata\\',
  '.hta',
  '.vbs',
  '.js',
  '.ps1',
  'net user',
  'net group',
  'domain admins',
  'add',
];
const IMAGES = [
  'powershell.exe',
  'cmd.exe',
  'rundll32.exe',
  'regsvr32.exe',
  'mshta.exe',
  'wscript.exe',
  'cscript.exe',
  'certutil.exe',
  'bitsadmin.exe',
  'wmic.exe',
  'schtasks.exe',
  'net.exe',
  'net1.exe',
  'reg.exe',
  'sc.exe',
  'whoami.exe',
];
const BENIGN = [
  'chrome.exe',
  'svchost.exe',
  'explorer.exe',
  'msedge.exe',
  'teams.exe',
  'outlook.exe',
  'winword.exe',
  'excel.exe',
  'onedrive.exe',
  'conhost.exe',
  'taskhostw.exe',
  'searchprotocolhost.exe',
  'backgroundtaskhost.exe',
];
const SEC_IDS = [
  4624, 4625, 4634, 4648, 4672, 4720, 4722, 4724, 4728, 4732, 4738, 4740, 4756, 4768, 4769, 4771, 4776, 1102, 4698,
  5140,
];
const SYS_IDS = [7045, 7036, 7040, 104];
const LINUX_KW = [
  'Failed password',
  'authentication failure',
  'Invalid user',
  'session opened',
  'COMMAND=',
  'incorrect password attempts',
  'segfault',
  'Accepted publickey',
  'buffer overflow',
  'Did not receive identification',
  'Connection closed by',
  'POSSIBLE BREAK-IN',
];
const URI = [
  'union select',
  '../',
  '/etc/passwd',
  '<script',
  'cmd=',
  'wp-admin',
  '.env',
  'phpmyadmin',
  '${jndi:',
  'eval(',
  'base64_decode',
  '/cgi-bin/',
  '.git/',
  'xmlrpc.php',
  'sleep(',
  'information_schema',
];
const UA = [
  'sqlmap',
  'nikto',
  'masscan',
  'zgrab',
  'python-requests',
  'curl/',
  'nmap',
  'gobuster',
  'wpscan',
  'dirbuster',
];

function pick<T>(r: () => number, list: readonly T[], n: number): T[] {
  const out = new Set<T>();
  while (out.size < Math.min(n, list.length)) out.add(list[Math.floor(r() * list.length)]);
  return [...out];
}

/** Generate `count` rules in SigmaHQ-like shapes. */
export function generateRules(count: number, seed = 42): RuleSource[] {
  const r = rng(seed);
  const out: RuleSource[] = [];
  for (let i = 0; i < count; i++) {
    const kind = i % 10;
    let doc: Record<string, unknown>;
    if (kind < 4) {
      doc = {
        logsource: { category: 'process_creation', product: 'windows' },
        detection: {
          selection_img: [
            { 'Image|endswith': pick(r, IMAGES, 2).map((x) => `\\${x}`) },
            { OriginalFileName: pick(r, IMAGES, 1) },
          ],
          selection_cli: { 'CommandLine|contains': pick(r, WORDS, 3 + Math.floor(r() * 6)) },
          filter_main: { 'ParentImage|startswith': 'C:\\Program Files\\' },
          condition: 'all of selection_* and not 1 of filter_*',
        },
      };
    } else if (kind < 6) {
      doc = {
        logsource: { product: 'windows', service: kind === 4 ? 'security' : 'system' },
        detection: {
          selection: {
            EventID: kind === 4 ? pick(r, SEC_IDS, 1 + Math.floor(r() * 2)) : pick(r, SYS_IDS, 1),
            [kind === 4 ? 'TargetUserName|contains' : 'ImagePath|contains']: pick(r, WORDS, 2 + Math.floor(r() * 3)),
          },
          filter: { 'SubjectUserName|endswith': '$' },
          condition: 'selection and not filter',
        },
      };
    } else if (kind < 8) {
      doc = {
        logsource: { product: 'linux', service: pick(r, ['sshd', 'auth', 'sudo', 'syslog'], 1)[0] },
        detection: {
          keywords: pick(r, LINUX_KW, 2 + Math.floor(r() * 4)).map((k) => `${k}${i}`),
          condition: 'keywords',
        },
      };
    } else if (kind === 8) {
      doc = {
        logsource: { category: 'webserver' },
        detection: {
          selection: { 'cs-uri-query|contains': pick(r, URI, 3 + Math.floor(r() * 5)) },
          selection_ua: { 'c-useragent|contains': pick(r, UA, 2) },
          filter: { 'sc-status': 404 },
          condition: '1 of selection* and not filter',
        },
      };
    } else {
      doc = {
        logsource: { category: 'firewall' },
        detection: {
          selection: { dst_port: [22, 23, 445, 3389, 5900].slice(0, 1 + Math.floor(r() * 4)), action: 'block' },
          filter: { 'src_ip|cidr': ['10.0.0.0/8', '192.168.0.0/16'] },
          condition: 'selection and not filter',
        },
      };
    }
    out.push({
      path: `generated/rule-${i}.yml`,
      text: stringify({ title: `Generated rule ${i}`, id: `gen-${i}`, level: 'medium', ...doc }),
    });
  }
  return out;
}

function bundledRules(): RuleSource[] {
  const dir = join(ROOT, 'config/rules');
  if (!existsSync(dir)) return [];
  const out: RuleSource[] = [];
  const walk = (d: string) => {
    for (const f of readdirSync(d)) {
      const p = join(d, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(f)) out.push({ path: p, text: readFileSync(p, 'utf8') });
    }
  };
  walk(dir);
  return out;
}

/** A realistic mixed event stream. */
export function generateEvents(count: number, seed = 7): EcsEvent[] {
  const r = rng(seed);
  const t0 = Date.parse('2024-03-01T00:00:00Z');
  const events: EcsEvent[] = [];
  for (let i = 0; i < count; i++) {
    const ts = new Date(t0 + i * 10).toISOString();
    const k = r();
    const id = `ev-${i}`;
    if (k < 0.3) {
      const code = String(SEC_IDS[Math.floor(r() * SEC_IDS.length)]);
      events.push({
        '@timestamp': ts,
        event: { id, code, module: 'windows', provider: 'Microsoft-Windows-Security-Auditing' },
        winlog: {
          channel: 'Security',
          event_id: code,
          event_data: {
            TargetUserName: r() < 0.5 ? 'bob' : 'svc_backup',
            SubjectUserName: 'WS01$',
            LogonType: '3',
            IpAddress: '10.1.2.3',
          },
        },
        user: { name: 'bob' },
        source: { ip: '10.1.2.3' },
        host: { name: 'ws01.ivry.local' },
        message: `An account event ${code} occurred.`,
      });
    } else if (k < 0.5) {
      // Mostly benign process starts; one in ten uses a LOLBin, one in twenty has a suspicious command line.
      const img = r() < 0.1 ? IMAGES[Math.floor(r() * IMAGES.length)] : BENIGN[Math.floor(r() * BENIGN.length)];
      const args = r() < 0.05 ? pick(r, WORDS, 2).join(' ') : `--type=renderer --field-trial-handle=${i} --lang=fr`;
      const cmd = `"C:\\Program Files\\App\\${img}" ${args}`;
      events.push({
        '@timestamp': ts,
        event: { id, code: r() < 0.5 ? '4688' : '1', module: 'windows', category: ['process'], type: ['start'] },
        winlog: {
          channel: r() < 0.5 ? 'Security' : 'Microsoft-Windows-Sysmon/Operational',
          event_data: { OriginalFileName: img },
        },
        process: {
          executable: `C:\\Program Files\\App\\${img}`,
          command_line: cmd,
          parent: { executable: 'C:\\Windows\\explorer.exe', command_line: 'explorer.exe' },
        },
        host: { name: 'ws01.ivry.local' },
      });
    } else if (k < 0.75) {
      const mod = ['sshd', 'sudo', 'su', 'pam'][Math.floor(r() * 4)];
      events.push({
        '@timestamp': ts,
        event: { id, module: mod, dataset: 'system.auth' },
        process: { name: mod, pid: 1000 + i },
        host: { name: 'srv-linux-01', os: { type: 'linux' } },
        user: { name: 'root' },
        source: { ip: '203.0.113.9' },
        message: `${LINUX_KW[Math.floor(r() * LINUX_KW.length)]} for root from 203.0.113.9 port ${1024 + (i % 60000)} ssh2`,
      });
    } else if (k < 0.9) {
      const q = r() < 0.2 ? `id=1 ${URI[Math.floor(r() * URI.length)]}` : `page=${i % 50}&lang=fr`;
      events.push({
        '@timestamp': ts,
        event: { id, dataset: r() < 0.5 ? 'nginx.access' : 'apache.access', module: 'nginx' },
        url: { original: `/index.php?${q}`, query: q, path: '/index.php' },
        http: { request: { method: 'GET' }, response: { status_code: r() < 0.9 ? 200 : 404 } },
        user_agent: {
          original: r() < 0.1 ? UA[Math.floor(r() * UA.length)] : 'Mozilla/5.0 (Windows NT 10.0; Win64; x64)',
        },
        source: { ip: '198.51.100.20' },
        message: `198.51.100.20 - - "GET /index.php?${q} HTTP/1.1" 200 1234`,
      });
    } else {
      events.push({
        '@timestamp': ts,
        event: { id, category: ['network'], action: r() < 0.5 ? 'block' : 'pass' },
        observer: { type: 'firewall', vendor: 'pfSense' },
        source: { ip: r() < 0.5 ? '10.0.0.5' : '198.51.100.77', port: 40000 + (i % 20000) },
        destination: { ip: '10.0.0.10', port: [22, 80, 443, 445, 3389][Math.floor(r() * 5)] },
        network: { transport: 'tcp' },
      });
    }
  }
  return events;
}

interface BenchResult {
  rules: number;
  compiled: number;
  problems: number;
  indexedRules: number;
  events: number;
  matches: number;
  eventsPerSecond: number;
  p50us: number;
  p99us: number;
  candidateEvaluationsPerEvent: number;
  loadMs: number;
}

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function runOne(
  rules: CompiledRule[],
  events: EcsEvent[],
  requested: number,
  problems: number,
  loadMs: number,
): BenchResult {
  const warm = new SigmaEngine(rules);
  for (let i = 0; i < Math.min(5000, events.length); i++) warm.evaluate(events[i]);
  const engine = new SigmaEngine(rules);
  let matches = 0;
  const start = process.hrtime.bigint();
  for (const e of events) matches += engine.evaluate(e).length;
  const totalNs = Number(process.hrtime.bigint() - start);
  const lat = new Float64Array(events.length);
  const timed = new SigmaEngine(rules);
  for (let i = 0; i < events.length; i++) {
    const t = process.hrtime.bigint();
    timed.evaluate(events[i]);
    lat[i] = Number(process.hrtime.bigint() - t) / 1000;
  }
  lat.sort();
  const st = engine.stats();
  return {
    rules: requested,
    compiled: rules.length,
    problems,
    indexedRules: st.rules.indexed,
    events: events.length,
    matches,
    eventsPerSecond: Math.round(events.length / (totalNs / 1e9)),
    p50us: Number(percentile(lat, 50).toFixed(2)),
    p99us: Number(percentile(lat, 99).toFixed(2)),
    candidateEvaluationsPerEvent: Number((st.candidateEvaluations / st.events).toFixed(1)),
    loadMs: Number(loadMs.toFixed(1)),
  };
}

export function runDetectBench(eventCount = 100_000): { bundledRules: number; results: BenchResult[] } {
  const mapping = loadFieldMappingFile(join(ROOT, 'config/sigma/ecs-mapping.yml'));
  const events = generateEvents(eventCount);
  const bundled = bundledRules();
  const results: BenchResult[] = [];
  for (const n of [10, 100, 500]) {
    const t = performance.now();
    const sources = [...bundled.slice(0, n), ...generateRules(Math.max(0, n - bundled.length))];
    const { rules, problems } = loadRules(sources, { mapping });
    results.push(runOne(rules, events, n, problems.length, performance.now() - t));
  }
  return { bundledRules: bundled.length, results };
}

if (require.main === module) {
  const idx = process.argv.indexOf('--events');
  const n = idx > 0 ? Number(process.argv[idx + 1]) : 100_000;
  process.stdout.write(
    JSON.stringify({ bench: 'detect', node: process.version, ...runDetectBench(n) }, null, 2) + '\n',
  );
}
