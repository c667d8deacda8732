import { bsdTime, RULES, Scenario, times } from './scenario-harness';

const SCANNER = '2a06:4880:1000::a';
const PATHS = [
  '/.env',
  '/wp-login.php',
  '/admin/',
  '/phpmyadmin/',
  '/.git/config',
  '/backup.zip',
  '/config.php.bak',
  '/server-status',
  '/xmlrpc.php',
  '/vendor/phpunit/phpunit/src/Util/PHP/eval-stdin.php',
  '/cgi-bin/luci',
  '/actuator/env',
  '/.aws/credentials',
  '/wp-config.php.old',
  '/db.sql',
  '/owa/',
  '/solr/admin/info/system',
  '/HNAP1/',
  '/boaform/admin/formLogin',
  '/.DS_Store',
  '/test.php',
  '/info.php',
];

function nginx(at: string, path: string, status: number, ip = SCANNER): string {
  const d = new Date(at);
  const stamp = `${String(d.getUTCDate()).padStart(2, '0')}/Nov/2026:${d.toISOString().slice(11, 19)} +0000`;
  return `<190>${bsdTime(at)} www-ivry nginx: ${ip} - - [${stamp}] "GET ${path} HTTP/1.1" ${status} 153 "-" "Mozilla/5.0 (compatible; Nuclei - Open-source project (github.com/projectdiscovery/nuclei))"`;
}

function apache(at: string, path: string, status: number, ip: string): string {
  const d = new Date(at);
  const stamp = `${String(d.getUTCDate()).padStart(2, '0')}/Nov/2026:${d.toISOString().slice(11, 19)} +0000`;
  return `<190>${bsdTime(at)} portail-arcueil apache2: ${ip} - - [${stamp}] "GET ${path} HTTP/1.1" ${status} 196 "-" "gobuster/3.6"`;
}

describe('scenario: web scanning (event_count ≥ 20 responses 4xx per client in 1 min)', () => {
  it('alerts at the 20th 4xx response from nginx', () => {
    const s = new Scenario();
    const at = times('2026-11-29T11:00:00Z', 22, 500);
    const out = PATHS.map((p, i) => s.feed([{ raw: nginx(at[i], p, i % 5 === 0 ? 403 : 404), at: at[i] }]));
    expect(out.slice(0, 19).flat()).toEqual([]);
    expect(out[19][0]).toMatchObject({
      rule: { id: RULES.webScanning, level: 'medium' },
      groupValues: { 'organization.id': 'ivry', 'source.ip': SCANNER },
      count: 20,
      firstSeen: '2026-11-29T11:00:00.000Z',
      lastSeen: '2026-11-29T11:00:09.500Z',
    });
  });

  it('alerts on apache access logs too', () => {
    const s = new Scenario();
    const at = times('2026-11-29T11:00:00Z', 20, 1_000);
    s.feed(at.map((t, i) => ({ raw: apache(t, PATHS[i], 404, '198.51.100.77'), at: t, member: 'arcueil' })));
    expect(s.final(RULES.webScanning).map((a) => a.groupValues)).toEqual([
      { 'organization.id': 'arcueil', 'source.ip': '198.51.100.77' },
    ]);
  });

  it('stays silent with 19 errors, successful requests or 5xx errors', () => {
    const s = new Scenario();
    const at = times('2026-11-29T11:00:00Z', 40, 500);
    s.feed(at.slice(0, 19).map((t, i) => ({ raw: nginx(t, PATHS[i], 404), at: t })));
    s.feed(at.map((t) => ({ raw: nginx(t, '/index.html', 200, '192.0.2.10'), at: t })));
    s.feed(at.map((t) => ({ raw: nginx(t, '/api/search', 502, '192.0.2.11'), at: t })));
    s.feed(at.map((t) => ({ raw: nginx(t, '/api/items', 304, '192.0.2.12'), at: t })));
    expect(s.alerts).toEqual([]);
  });
});
