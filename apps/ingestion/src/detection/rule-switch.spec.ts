import type { RawEnvelope } from '@vigie/contracts';
import { normalise } from '@vigie/ecs';
import { loadRules } from '@vigie/sigma';
import { DetectionPipeline } from './detection-pipeline';
import { buildRuleInventory } from './rule-inventory';
import { RuleSwitch } from './rule-switch';
import { bundledPack, FROZEN_NOW, RULES } from './scenarios/scenario-harness';

const SSH_AUTH_FAILURE = 'fd9100f9-e344-4141-b0d0-9993fbfcb8a7';

function failure(i: number, attacker = '203.0.113.9'): Record<string, unknown> {
  const env: RawEnvelope = {
    receivedAt: `2026-11-29T10:00:0${i}.000Z`,
    transport: 'udp',
    peer: { ip: '10.30.0.1' },
    member: 'ivry',
    raw: `<38>1 2026-11-29T10:00:0${i}Z srv-ivry-01 sshd ${500 + i} - - Failed password for root from ${attacker} port ${40000 + i} ssh2`,
  };
  return normalise(env, { now: () => FROZEN_NOW }) as unknown as Record<string, unknown>;
}

function run(sw: RuleSwitch, events: Array<Record<string, unknown>>, pipeline?: DetectionPipeline) {
  const p = pipeline ?? new DetectionPipeline(bundledPack().rules, { timeField: 'event', ruleSwitch: sw });
  return { pipeline: p, alerts: events.flatMap((e) => p.process(e)) };
}

describe('RuleSwitch', () => {
  it('reports whether the disabled set changed', () => {
    const sw = new RuleSwitch();
    expect(sw.isEnabled('a')).toBe(true);
    expect(sw.setDisabled(['a', 'b'])).toBe(true);
    expect(sw.setDisabled(['b', 'a'])).toBe(false);
    expect([sw.isEnabled('a'), sw.isEnabled('c')]).toEqual([false, true]);
    expect(sw.setDisabled([])).toBe(true);
    expect(sw.disabledIds()).toEqual([]);
  });

  it('drops the alerts of a disabled correlation and keeps its window, so it fires once enabled again', () => {
    const sw = new RuleSwitch();
    sw.setDisabled([RULES.sshBruteForce]);
    const events = Array.from({ length: 6 }, (_, i) => failure(i));
    const first = run(sw, events.slice(0, 5));
    expect(first.alerts.filter((a) => a.rule.id === RULES.sshBruteForce)).toEqual([]);
    sw.setDisabled([]);
    const next = run(sw, events.slice(5), first.pipeline);
    // Its `new` was never published: the first message after it is enabled again is the `new`, with the full count.
    expect(next.alerts.map((a) => [a.rule.id, a.status, a.count])).toEqual([[RULES.sshBruteForce, 'new', 6]]);
    const again = run(sw, [failure(7)], first.pipeline);
    expect(again.alerts.map((a) => [a.status, a.count])).toEqual([['update', 7]]);
  });

  it('stops a disabled base rule from feeding the correlations that reference it', () => {
    const sw = new RuleSwitch();
    sw.setDisabled([SSH_AUTH_FAILURE]);
    const { pipeline, alerts } = run(
      sw,
      Array.from({ length: 6 }, (_, i) => failure(i)),
    );
    expect(alerts).toEqual([]);
    expect(pipeline.stats().groups).toBe(0);
    const enabled = run(
      new RuleSwitch(),
      Array.from({ length: 6 }, (_, i) => failure(i)),
    );
    expect(enabled.alerts.map((a) => a.rule.id)).toContain(RULES.sshBruteForce);
  });
});

describe('buildRuleInventory', () => {
  it('lists every document of the bundled pack once, with the id alerts carry, level, tags and status', () => {
    const pack = bundledPack();
    const { entries, duplicates } = buildRuleInventory(pack.documents, pack.rules, pack.sources);
    expect(duplicates).toEqual([]);
    expect(entries).toHaveLength(pack.documents.length);
    expect(entries.find((e) => e.id === RULES.sshBruteForce)).toMatchObject({
      title: 'Force brute SSH',
      kind: 'correlation',
      level: 'medium',
      tags: ['attack.credential-access', 'attack.t1110.001'],
      status: 'ok',
      reason: null,
    });
    expect(entries.every((e) => e.status === 'ok')).toBe(true);
  });

  it('keeps the reason, level and tags of rules that did not load, and the best of duplicate ids', () => {
    const sources = [
      {
        path: 'a.yml',
        text: 'title: Bad\nid: r1\nlevel: high\ntags: [attack.t1003]\nlogsource: {product: linux}\ndetection:\n  sel: {a: 1}\n  condition: nope\n',
      },
      {
        path: 'b.yml',
        text: 'title: Good\nid: r1\nlogsource: {product: linux}\ndetection:\n  sel: {a: 1}\n  condition: sel\nlevel: low\n',
      },
      {
        path: 'c.yml',
        text: 'title: Odd\nlogsource: {product: linux}\ndetection:\n  sel: {a|nosuch: 1}\n  condition: sel\n',
      },
      { path: 'd.yml', text: '- just\n- a list\n' },
    ];
    const loaded = loadRules(sources, {});
    const inv = buildRuleInventory(loaded.documents, loaded.rules, sources);
    expect(inv.entries.find((e) => e.id === 'r1')).toMatchObject({
      title: 'Good',
      status: 'ok',
      sourcePath: 'b.yml',
      level: 'low',
    });
    expect(inv.duplicates).toEqual([{ id: 'r1', sourcePath: 'a.yml' }]);
    expect(inv.entries.find((e) => e.id === 'Odd')).toMatchObject({ status: 'unsupported', reason: 'modifier:nosuch' });
    const broken = inv.entries.find((e) => e.sourcePath === 'd.yml');
    expect(broken).toMatchObject({ id: 'd.yml#0', status: 'invalid' });
    expect(broken?.reason).toBeTruthy();
  });
});
