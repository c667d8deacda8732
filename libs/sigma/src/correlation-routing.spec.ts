import type { CorrelationRule } from './compiled-rule';
import { groupRoutingKey, PartitionKeyParts, routeCorrelations } from './correlation-routing';
import { ecsMapping, load } from './spec-helpers';

/** Vigie's event key: member | host. */
const PARTS: PartitionKeyParts = [
  new Set(['organization.id']),
  new Set(['host.hostname', 'host.name', 'winlog.computer_name']),
];

const SSH_FAILURE = `title: ssh failure
name: ssh_failure
logsource: {product: linux, service: sshd}
detection:
  sel: {event.action: ssh_login, event.outcome: failure}
  condition: sel
`;
const WIN_FAILURE = `title: windows failure
name: win_failure
logsource: {product: windows, service: security}
detection:
  sel: {EventID: 4625}
  condition: sel
`;
const SSH_SUCCESS = `title: ssh success
name: ssh_success
logsource: {product: linux, service: sshd}
detection:
  sel: {event.action: ssh_login, event.outcome: success}
  condition: sel
`;

const corr = (name: string, body: string) => `title: ${name}
id: ${name}
name: ${name}
correlation:
${body}
`;

function route(texts: string[]) {
  const res = load(texts, { mapping: ecsMapping() });
  expect(res.problems).toEqual([]);
  const routing = routeCorrelations(res.rules, PARTS);
  const names = (uids: Set<string>) =>
    res.rules
      .filter((r): r is CorrelationRule => r.kind === 'correlation' && uids.has(r.uid))
      .map((r) => r.name)
      .sort();
  return { local: names(routing.local), rekeyed: names(routing.rekeyed) };
}

describe('routeCorrelations: which correlations need their inputs re-keyed by group', () => {
  it('a group-by with the member and the host (Sigma name or ECS path) is local; member + source address is not', () => {
    const r = route([
      SSH_FAILURE,
      corr(
        'by_host_sigma',
        `  type: event_count
  rules: [ssh_failure]
  group-by: [organization.id, Hostname, source.ip]
  timespan: 2m
  condition: {gte: 5}`,
      ),
      corr(
        'by_host_ecs',
        `  type: event_count
  rules: [ssh_failure]
  group-by: [source.ip, host.hostname, organization.id]
  timespan: 2m
  condition: {gte: 5}`,
      ),
      corr(
        'by_source',
        `  type: value_count
  rules: [ssh_failure]
  group-by: [organization.id, source.ip]
  timespan: 10m
  condition: {gte: 5, field: user.name}`,
      ),
      corr(
        'host_without_member',
        `  type: event_count
  rules: [ssh_failure]
  group-by: [Hostname]
  timespan: 10m
  condition: {gte: 5}`,
      ),
      corr(
        'global',
        `  type: event_count
  rules: [ssh_failure]
  timespan: 10m
  condition: {gte: 500}`,
      ),
    ]);
    expect(r).toEqual({
      local: ['by_host_ecs', 'by_host_sigma'],
      rekeyed: ['by_source', 'global', 'host_without_member'],
    });
  });

  it('a field coalescing a host path with another path does not cover the host', () => {
    // host.ip is not part of the key (only when an event has no host name), observer.name never is.
    const r = route([
      SSH_FAILURE,
      corr(
        'by_observer',
        `  type: event_count
  rules: [ssh_failure]
  group-by: [organization.id, observer.name]
  timespan: 2m
  condition: {gte: 5}`,
      ),
      corr(
        'by_host_ip',
        `  type: event_count
  rules: [ssh_failure]
  group-by: [organization.id, host.ip]
  timespan: 2m
  condition: {gte: 5}`,
      ),
    ]);
    expect(r.rekeyed).toEqual(['by_host_ip', 'by_observer']);
  });

  it('every referenced rule must resolve the covering names; aliases are followed per rule', () => {
    const r = route([
      SSH_FAILURE,
      SSH_SUCCESS,
      WIN_FAILURE,
      corr(
        'two_rules_by_host',
        `  type: temporal
  rules: [ssh_failure, ssh_success]
  group-by: [organization.id, Hostname]
  timespan: 2m`,
      ),
      corr(
        'alias_to_host',
        `  type: temporal
  rules: [ssh_failure, ssh_success]
  group-by: [organization.id, machine]
  aliases:
    machine: {ssh_failure: host.hostname, ssh_success: Hostname}
  timespan: 2m`,
      ),
      corr(
        'alias_to_host_for_one_rule_only',
        `  type: temporal
  rules: [ssh_failure, ssh_success]
  group-by: [organization.id, machine]
  aliases:
    machine: {ssh_failure: host.hostname, ssh_success: source.ip}
  timespan: 2m`,
      ),
      // Windows rules read an unmapped name from winlog.event_data.<name> first: organization.id may then come
      // from the event data, not from the member attribution, so it does not cover the key's member part.
      corr(
        'windows_by_host',
        `  type: event_count
  rules: [ssh_failure, win_failure]
  group-by: [organization.id, Hostname]
  timespan: 2m
  condition: {gte: 5}`,
      ),
    ]);
    expect(r).toEqual({
      local: ['alias_to_host', 'two_rules_by_host'],
      rekeyed: ['alias_to_host_for_one_rule_only', 'windows_by_host'],
    });
  });

  it('chains: an outer correlation is local only over local inner correlations that carry member and host', () => {
    const inner = corr(
      'inner_by_host',
      `  type: event_count
  rules: [ssh_failure]
  group-by: [organization.id, Hostname, source.ip]
  timespan: 2m
  condition: {gte: 5}`,
    );
    const innerBySource = corr(
      'inner_by_source',
      `  type: event_count
  rules: [ssh_failure]
  group-by: [organization.id, source.ip]
  timespan: 2m
  condition: {gte: 5}`,
    );
    const r = route([
      SSH_FAILURE,
      SSH_SUCCESS,
      inner,
      innerBySource,
      corr(
        'outer_by_host',
        `  type: temporal_ordered
  rules: [inner_by_host, ssh_success]
  group-by: [organization.id, Hostname, source.ip]
  timespan: 10m`,
      ),
      // The inner is local but the outer drops the host: its groups span hosts.
      corr(
        'outer_by_source',
        `  type: temporal_ordered
  rules: [inner_by_host, ssh_success]
  group-by: [organization.id, source.ip]
  timespan: 10m`,
      ),
      // The outer keeps the host, but its inner correlation is re-keyed: the outer follows it.
      corr(
        'outer_on_rekeyed_inner',
        `  type: temporal_ordered
  rules: [inner_by_source, ssh_success]
  group-by: [organization.id, Hostname, source.ip]
  timespan: 10m`,
      ),
    ]);
    expect(r).toEqual({
      local: ['inner_by_host', 'outer_by_host'],
      rekeyed: ['inner_by_source', 'outer_by_source', 'outer_on_rekeyed_inner'],
    });
  });

  it('the routing key names the group-by fields and their values', () => {
    expect(
      groupRoutingKey(['organization.id', 'source.ip'], { 'organization.id': 'm1', 'source.ip': '203.0.113.9' }),
    ).toBe('organization.id=m1|source.ip=203.0.113.9');
    expect(groupRoutingKey([], {})).toBe('');
  });
});
