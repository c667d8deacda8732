import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { AlertMessage } from '@vigie/contracts';
import { LogtestOptions, LogtestUsageError, runLogtest } from './logtest.command';

const RULES = join(__dirname, '../../../../config/rules');
const NOW = () => new Date('2026-11-30T08:00:00Z');

async function run(lines: string[], options: LogtestOptions) {
  const out: string[] = [];
  const err: string[] = [];
  const result = await runLogtest(
    { now: NOW, ...options },
    { input: Readable.from([lines.join('\n') + '\n']), write: (l) => void out.push(l), err: (t) => void err.push(t) },
  );
  return { out: out.map((l) => JSON.parse(l) as Record<string, unknown>), err, result };
}

const failed = (s: number) =>
  `<38>Nov 29 13:33:${String(10 + s).padStart(2, '0')} srv-ivry-01 sshd[${800 + s}]: Failed password for root from 185.220.101.47 port ${40000 + s} ssh2`;

describe('vigie logtest', () => {
  it('prints the ECS document of each line, attributed to the member and host given', async () => {
    const { out, result } = await run(
      ['<86>Mar  2 10:42:00 srv-mairie su[4100]: Successful su for root by bob', '', 'garbage ~~~'],
      {
        member: 'arcueil',
        hostIp: '10.10.0.5',
        tz: 'UTC',
      },
    );
    expect(result).toEqual({ lines: 2, errors: 0, alerts: 0 });
    expect(out).toHaveLength(2);
    expect(out[0].event).toMatchObject({
      organization: { id: 'arcueil' },
      host: { hostname: 'srv-mairie', ip: ['10.10.0.5'] },
      event: { action: 'su_success', ingested: '2026-11-30T08:00:00.000Z' },
      user: { name: 'bob' },
    });
    expect((out[0].event as { '@timestamp': string })['@timestamp']).toBe('2026-03-02T10:42:00.000Z');
    expect(out[0].alerts).toBeUndefined();
    expect((out[1].event as { tags: string[] }).tags).toContain('_unparsed_payload');
  });

  it('with --rules, adds single-event matches per line and prints the correlations at the end', async () => {
    const lines = [
      '<86>Nov 29 13:30:00 srv-mairie su[4100]: Successful su for root by bob',
      ...[0, 1, 2, 3, 4, 5].map(failed),
    ];
    const { out, result } = await run(lines, { member: 'ivry', rules: [RULES] });
    expect(out).toHaveLength(lines.length + 1);
    expect((out[0].alerts as AlertMessage[]).map((a) => a.rule.title)).toEqual([
      'Élévation root par un compte hors liste (sudo ou su)',
    ]);
    for (const o of out.slice(1, lines.length)) expect(o.alerts).toEqual([]);
    const last = out[out.length - 1];
    expect(Object.keys(last)).toEqual(['alerts']);
    const correlations = last.alerts as AlertMessage[];
    expect(correlations).toHaveLength(1);
    expect(correlations[0]).toMatchObject({
      rule: { id: '38f9af8f-e95b-4df7-930b-418f801a05f5' },
      count: 6,
      // replayed on the lines' own timestamps (Europe/Paris)
      firstSeen: '2026-11-29T12:33:10.000Z',
      lastSeen: '2026-11-29T12:33:15.000Z',
      groupValues: { 'organization.id': 'ivry', Hostname: 'srv-ivry-01', 'source.ip': '185.220.101.47' },
    });
    expect(result).toEqual({ lines: 7, errors: 0, alerts: 2 });
  });

  it('prints an empty alert list when nothing correlates, and nothing at the end without --rules', async () => {
    const withRules = await run([failed(0)], { rules: [RULES] });
    expect(withRules.out[withRules.out.length - 1]).toEqual({ alerts: [] });
    const without = await run([failed(0)], {});
    expect(without.out).toHaveLength(1);
  });

  it('rejects a bad time zone, host address or rule directory', async () => {
    await expect(run([], { tz: 'Europe/Nowhere' })).rejects.toThrow(LogtestUsageError);
    await expect(run([], { hostIp: 'not-an-ip' })).rejects.toThrow(LogtestUsageError);
    await expect(run([], { rules: ['/nonexistent/rules'] })).rejects.toThrow(/rule directory not found/);
  });
});
