/** MITRE ATT&CK Enterprise tactics: id and the short name Sigma tags use (`attack.credential-access`). */
export const ATTACK_TACTICS: ReadonlyArray<{ id: string; name: string }> = [
  { id: 'TA0043', name: 'reconnaissance' },
  { id: 'TA0042', name: 'resource-development' },
  { id: 'TA0001', name: 'initial-access' },
  { id: 'TA0002', name: 'execution' },
  { id: 'TA0003', name: 'persistence' },
  { id: 'TA0004', name: 'privilege-escalation' },
  { id: 'TA0005', name: 'defense-evasion' },
  { id: 'TA0006', name: 'credential-access' },
  { id: 'TA0007', name: 'discovery' },
  { id: 'TA0008', name: 'lateral-movement' },
  { id: 'TA0009', name: 'collection' },
  { id: 'TA0011', name: 'command-and-control' },
  { id: 'TA0010', name: 'exfiltration' },
  { id: 'TA0040', name: 'impact' },
];

const TACTIC_BY_NAME = new Map(ATTACK_TACTICS.map((t) => [t.name, t]));
const TACTIC_BY_ID = new Map(ATTACK_TACTICS.map((t) => [t.id.toLowerCase(), t]));
const TECHNIQUE = /^attack\.(t\d{4}(?:\.\d{3})?)$/i;

/** What one rule's tags say about ATT&CK: technique ids (`T1110.001`) and tactic ids (`TA0006`). */
export function attackTagsOf(tags: readonly string[]): { techniques: string[]; tactics: string[] } {
  const techniques = new Set<string>();
  const tactics = new Set<string>();
  for (const raw of tags) {
    const tag = raw.trim().toLowerCase();
    const t = TECHNIQUE.exec(tag);
    if (t) {
      techniques.add(t[1].toUpperCase());
      continue;
    }
    if (!tag.startsWith('attack.')) continue;
    const rest = tag.slice('attack.'.length);
    const tactic = TACTIC_BY_ID.get(rest) ?? TACTIC_BY_NAME.get(rest.replace(/_/g, '-'));
    if (tactic) tactics.add(tactic.id);
  }
  return { techniques: [...techniques].sort(), tactics: [...tactics].sort() };
}

export interface CoverageRule {
  id: string;
  tags: readonly string[];
}

export interface TechniqueCoverage {
  /** `T1110` or `T1110.001`, as tagged. */
  id: string;
  /** The parent technique of a sub-technique. */
  parent?: string;
  rules: string[];
  tactics: string[];
}

export interface TacticCoverage {
  id: string;
  name: string;
  techniques: string[];
  rules: string[];
}

export interface AttackCoverage {
  /** Rules considered (enabled, loaded and ok) and how many carry at least one ATT&CK technique. */
  rules: number;
  rulesWithTechniques: number;
  /** Technique id → rule ids. */
  techniques: Record<string, string[]>;
  /** Distinct parent techniques covered (a sub-technique covers its parent). */
  parentTechniques: string[];
  details: TechniqueCoverage[];
  /** Every ATT&CK tactic, in kill-chain order, with the techniques and rules tagged with it (may be empty). */
  tactics: TacticCoverage[];
}

/**
 * The ATT&CK techniques covered by a set of rules, from their Sigma tags. A technique is placed under the tactics
 * its rules are tagged with; a technique whose rules name no tactic is under none.
 */
export function attackCoverage(rules: readonly CoverageRule[]): AttackCoverage {
  const byTechnique = new Map<string, { rules: Set<string>; tactics: Set<string> }>();
  const byTactic = new Map<string, { techniques: Set<string>; rules: Set<string> }>();
  let withTechniques = 0;
  for (const r of rules) {
    const { techniques, tactics } = attackTagsOf(r.tags);
    if (techniques.length > 0) withTechniques++;
    for (const ta of tactics) {
      const e = byTactic.get(ta) ?? { techniques: new Set(), rules: new Set() };
      e.rules.add(r.id);
      techniques.forEach((t) => e.techniques.add(t));
      byTactic.set(ta, e);
    }
    for (const t of techniques) {
      const e = byTechnique.get(t) ?? { rules: new Set(), tactics: new Set() };
      e.rules.add(r.id);
      tactics.forEach((ta) => e.tactics.add(ta));
      byTechnique.set(t, e);
    }
  }
  const ids = [...byTechnique.keys()].sort();
  const details = ids.map((id) => {
    const e = byTechnique.get(id)!;
    const parent = id.includes('.') ? id.split('.')[0] : undefined;
    return { id, ...(parent ? { parent } : {}), rules: [...e.rules].sort(), tactics: [...e.tactics].sort() };
  });
  return {
    rules: rules.length,
    rulesWithTechniques: withTechniques,
    techniques: Object.fromEntries(details.map((d) => [d.id, d.rules])),
    parentTechniques: [...new Set(ids.map((id) => id.split('.')[0]))].sort(),
    details,
    tactics: ATTACK_TACTICS.map((t) => {
      const e = byTactic.get(t.id);
      return {
        id: t.id,
        name: t.name,
        techniques: e ? [...e.techniques].sort() : [],
        rules: e ? [...e.rules].sort() : [],
      };
    }),
  };
}
