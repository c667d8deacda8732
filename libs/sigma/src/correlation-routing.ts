import type { CompiledRule, CorrelationRule } from './compiled-rule';

/**
 * The field a correlation reads for one of its names (`group-by` entry or condition field) in one referenced rule:
 * the alias for that rule (by name, then id) when the name is an alias, otherwise the name itself.
 */
export function aliasedField(c: CorrelationRule, target: CompiledRule, name: string): string {
  const alias = c.aliases[name];
  if (!alias) return name;
  return (
    (target.name !== undefined ? alias[target.name] : undefined) ??
    (target.id !== undefined ? alias[target.id] : undefined) ??
    name
  );
}

/**
 * How the events of a stream are partitioned: the key is made of parts, each part one value of the event; a part
 * lists the ECS paths that hold that value (every one of them holds the same value when present).
 * Vigie's `siem.events.v1` key is `[organization.id] | [host.hostname]`.
 */
export type PartitionKeyParts = ReadonlyArray<ReadonlySet<string>>;

export interface CorrelationRouting {
  /**
   * Correlations whose groups are always within one partition of the stream: their group-by holds, for every rule
   * they reference, a name whose value is each part of the partition key (and their inner correlations are local).
   * They can count where the events are consumed.
   */
  local: Set<string>;
  /**
   * The other correlations (uids): a group may gather events of several partitions, so their inputs must be brought
   * together, keyed by the group, before counting. A correlation referencing a re-keyed one is re-keyed as well.
   */
  rekeyed: Set<string>;
}

/**
 * Which correlations of a rule set are exact when each partition of the event stream is consumed by a different
 * process, and which need their inputs re-keyed by group.
 *
 * A group-by name covers a key part for a referenced detection rule when the rule resolves it (through aliases and
 * the field mapping) to paths that all belong to that part; for a referenced (local) correlation, when it names a
 * group value of that correlation covering the part. A correlation is local when one name covers each part for
 * every rule it references: two events of one group then have the same key, so the same partition.
 */
export function routeCorrelations(rules: readonly CompiledRule[], parts: PartitionKeyParts): CorrelationRouting {
  const byUid = new Map<string, CompiledRule>(rules.map((r) => [r.uid, r]));
  const correlations = rules.filter((r): r is CorrelationRule => r.kind === 'correlation');
  /** Local correlation uid → for each key part, the group-by names that carry it. */
  const covering = new Map<string, Array<Set<string>>>();
  const rekeyed = new Set<string>();
  const state = new Map<string, 'visiting' | 'done'>();

  const visit = (c: CorrelationRule): void => {
    const s = state.get(c.uid);
    if (s === 'done') return;
    if (s === 'visiting') {
      rekeyed.add(c.uid); // a reference cycle (refused by the loader): never assume locality
      return;
    }
    state.set(c.uid, 'visiting');
    let perPart: Array<Set<string>> | undefined = parts.map(() => new Set(c.groupBy));
    for (const uid of new Set(c.ruleUids)) {
      const target = byUid.get(uid);
      if (!target) {
        perPart = undefined;
        break;
      }
      if (target.kind === 'correlation') {
        visit(target);
        const inner = covering.get(target.uid);
        if (!inner) {
          perPart = undefined;
          break;
        }
        perPart = perPart.map((names, i) => {
          const kept = new Set<string>();
          for (const g of names) if (inner[i].has(aliasedField(c, target, g))) kept.add(g);
          return kept;
        });
      } else {
        perPart = perPart.map((names, i) => {
          const kept = new Set<string>();
          for (const g of names) {
            const paths = target.resolveField(aliasedField(c, target, g));
            if (paths.length > 0 && paths.every((p) => parts[i].has(p))) kept.add(g);
          }
          return kept;
        });
      }
      if (perPart.some((names) => names.size === 0)) {
        perPart = undefined;
        break;
      }
    }
    if (perPart && c.ruleUids.length > 0) covering.set(c.uid, perPart);
    else rekeyed.add(c.uid);
    state.set(c.uid, 'done');
  };
  for (const c of correlations) visit(c);
  const local = new Set<string>();
  for (const c of correlations) if (!rekeyed.has(c.uid)) local.add(c.uid);
  return { local, rekeyed };
}

/**
 * Bus key of a re-keyed correlation input: its group-by names and values, so that every input of one group lands
 * on one partition. Correlations with the same group-by share it.
 */
export function groupRoutingKey(groupBy: readonly string[], values: Readonly<Record<string, string>>): string {
  return groupBy.map((g) => `${g}=${values[g] ?? ''}`).join('|');
}
