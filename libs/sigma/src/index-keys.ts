/**
 * Index keys: a disjunction of (field, value) pairs that an event must contain for a rule to possibly
 * match. `undefined` means the rule cannot be indexed and is evaluated for every event.
 */
export interface IndexKey {
  field: string;
  /** Lower-cased string form of the value. */
  value: string;
}

export type IndexKeys = IndexKey[] | undefined;

/** Rank of a key set: its least selective field (listed index fields first, then any other field). */
function rank(keys: IndexKey[], priority: readonly string[]): number {
  let worst = 0;
  for (const k of keys) {
    const r = priority.indexOf(k.field);
    worst = Math.max(worst, r < 0 ? priority.length : r);
  }
  return worst;
}

/** Detection keys (from the rule's own selections) are preferred to the log source constraint's keys. */
export function ruleKeys(detection: IndexKeys, constraint: IndexKeys): IndexKeys {
  return detection && detection.length > 0 ? detection : constraint;
}

/** AND: any conjunct's keys are sufficient; keep the most selective. */
export function bestOf(candidates: readonly IndexKeys[], priority: readonly string[]): IndexKeys {
  let best: IndexKey[] | undefined;
  let bestRank = Infinity;
  for (const c of candidates) {
    if (!c || c.length === 0) continue;
    const r = rank(c, priority);
    if (r < bestRank || (r === bestRank && best !== undefined && c.length < best.length)) {
      best = c;
      bestRank = r;
    }
  }
  return best;
}

/** OR: every disjunct must be indexable; the union is required. */
export function unionOf(candidates: readonly IndexKeys[]): IndexKeys {
  const out: IndexKey[] = [];
  for (const c of candidates) {
    if (!c || c.length === 0) return undefined;
    out.push(...c);
  }
  return out;
}
