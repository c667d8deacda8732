import { accessorFor } from './event-context';
import type { ConstraintSpec, ConstraintValue, FieldMappingConfig } from './field-mapping';
import { bestOf, IndexKeys, unionOf } from './index-keys';
import { applyModifiers } from './value-modifiers';
import { andOf, compileItem, exactValues, orOf, Predicate } from './value-matcher';

export interface CompiledConstraint {
  predicate: Predicate;
  keys: IndexKeys;
}

/** Compile a log source constraint (field names are ECS paths; values use Sigma string semantics). */
export function compileConstraint(spec: ConstraintSpec, config: FieldMappingConfig): CompiledConstraint {
  if ('any' in spec && Array.isArray(spec.any)) {
    const parts = (spec.any as ConstraintSpec[]).map((s) => compileConstraint(s, config));
    return { predicate: orOf(parts.map((p) => p.predicate)), keys: unionOf(parts.map((p) => p.keys)) };
  }
  if ('all' in spec && Array.isArray(spec.all)) {
    const parts = (spec.all as ConstraintSpec[]).map((s) => compileConstraint(s, config));
    return {
      predicate: andOf(parts.map((p) => p.predicate)),
      keys: bestOf(
        parts.map((p) => p.keys),
        config.indexFields,
      ),
    };
  }
  const preds: Predicate[] = [];
  const keys: IndexKeys[] = [];
  for (const [field, raw] of Object.entries(spec as Record<string, ConstraintValue | ConstraintValue[]>)) {
    const values = Array.isArray(raw) ? raw : [raw];
    const item = applyModifiers([], values, {}, true);
    const acc = accessorFor([field]);
    preds.push(compileItem(item, [acc], (f) => accessorFor([f])));
    const exact = exactValues(item);
    if (exact && config.indexFields.includes(field)) keys.push(exact.map((value) => ({ field, value })));
  }
  return { predicate: andOf(preds), keys: bestOf(keys, config.indexFields) };
}
