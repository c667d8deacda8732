import type { CompiledRule, DetectionRule } from '@vigie/sigma';
import { ruleIdOf } from './rule-inventory';

/**
 * Which rules are disabled (by the id alerts carry), shared by the detector and its pipeline. Disabling a rule
 * takes effect at the next event, without rebuilding the engine, so correlation state is kept.
 */
export class RuleSwitch {
  private disabled: ReadonlySet<string> = new Set();

  isEnabled(ruleId: string): boolean {
    return this.disabled.size === 0 || !this.disabled.has(ruleId);
  }

  /** Replace the set of disabled rules; answers whether it changed. */
  setDisabled(ids: Iterable<string>): boolean {
    const next = new Set(ids);
    const changed = next.size !== this.disabled.size || [...next].some((id) => !this.disabled.has(id));
    if (changed) this.disabled = next;
    return changed;
  }

  disabledIds(): string[] {
    return [...this.disabled].sort();
  }
}

/**
 * The rules as the engine gets them: each detection rule's predicate answers false while the rule is disabled,
 * so a disabled rule neither alerts nor feeds the correlations that reference it. Correlation rules are not
 * wrapped (their state is the engine's); the pipeline drops the outputs of disabled ones.
 */
export function gateRules(rules: readonly CompiledRule[], sw: RuleSwitch): CompiledRule[] {
  return rules.map((r) => {
    if (r.kind !== 'detection') return r;
    const id = ruleIdOf(r);
    const matches = r.matches;
    const gated: DetectionRule = { ...r, matches: (ctx) => sw.isEnabled(id) && matches(ctx) };
    return gated;
  });
}
