import { ConditionNode, parseCondition, resolveOfTarget } from './condition-parser';
import { accessorFor, FieldAccessor } from './event-context';
import type { FieldMappingConfig } from './field-mapping';
import { bestOf, IndexKeys, unionOf } from './index-keys';
import { SigmaInvalidError } from './rule-errors';
import { appendWildcard, prependWildcard } from './sigma-string';
import { applyModifiers, ModifiedItem, ModifierOptions } from './value-modifiers';
import { andOf, compileItem, itemKeys, notOf, orOf, Predicate } from './value-matcher';

export interface CompiledDetection {
  predicate: Predicate;
  keys: IndexKeys;
  /** Sigma field names used by the detection (for diagnostics). */
  fields: string[];
}

export interface DetectionContext {
  config: FieldMappingConfig;
  resolveField(field: string): string[];
  modifierOptions: ModifierOptions;
}

interface CompiledIdentifier {
  predicate: Predicate;
  keys: IndexKeys;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
}

const POSITIONAL = new Set([
  'contains',
  'startswith',
  'endswith',
  're',
  'cidr',
  'exists',
  'lt',
  'lte',
  'gt',
  'gte',
  'fieldref',
]);

class Compiler {
  readonly fields = new Set<string>();
  private readonly keywordAccs: FieldAccessor[];

  constructor(private readonly ctx: DetectionContext) {
    this.keywordAccs = ctx.config.keywordFields.length > 0 ? [accessorFor(ctx.config.keywordFields)] : [];
  }

  private accessor(field: string): FieldAccessor {
    this.fields.add(field);
    return accessorFor(this.ctx.resolveField(field));
  }

  private values(raw: unknown, where: string): unknown[] {
    if (Array.isArray(raw)) {
      if (raw.length === 0) throw new SigmaInvalidError(`${where}: empty value list`);
      for (const v of raw) {
        if (Array.isArray(v) || isRecord(v))
          throw new SigmaInvalidError(`${where}: nested lists or maps are not values`);
      }
      return raw;
    }
    if (isRecord(raw)) throw new SigmaInvalidError(`${where}: a map is not a value`);
    return [raw];
  }

  private keyword(modifiers: string[], raw: unknown, where: string): CompiledIdentifier {
    const values = this.values(raw, where);
    if (values.some((v) => v === null)) throw new SigmaInvalidError(`${where}: null is not a keyword`);
    const item = applyModifiers(modifiers, values, this.ctx.modifierOptions, false);
    const implicit = !modifiers.some((m) => POSITIONAL.has(m));
    const wrapped: ModifiedItem = implicit
      ? {
          ...item,
          groups: item.groups.map((g) =>
            g.map((v) => (v.t === 'str' ? { ...v, s: appendWildcard(prependWildcard(v.s)) } : v)),
          ),
        }
      : item;
    return { predicate: compileItem(wrapped, this.keywordAccs, (f) => this.accessor(f)), keys: undefined };
  }

  private map(def: Record<string, unknown>, where: string): CompiledIdentifier {
    const preds: Predicate[] = [];
    const keys: IndexKeys[] = [];
    const entries = Object.entries(def);
    if (entries.length === 0) throw new SigmaInvalidError(`${where}: empty map`);
    for (const [key, raw] of entries) {
      const [field, ...modifiers] = key.split('|');
      const mods = modifiers.map((m) => m.trim());
      if (mods.some((m) => m === '')) throw new SigmaInvalidError(`${where}: empty modifier in '${key}'`);
      if (field === '') {
        const kw = this.keyword(mods, raw, `${where}.${key}`);
        preds.push(kw.predicate);
        continue;
      }
      const values = this.values(raw, `${where}.${key}`);
      const item = applyModifiers(mods, values, this.ctx.modifierOptions, true);
      const acc = this.accessor(field);
      preds.push(compileItem(item, [acc], (f) => this.accessor(f)));
      keys.push(itemKeys(item, acc));
    }
    return { predicate: andOf(preds), keys: bestOf(keys, this.ctx.config.indexFields) };
  }

  identifier(name: string, def: unknown): CompiledIdentifier {
    const where = `detection.${name}`;
    if (isRecord(def)) return this.map(def, where);
    if (Array.isArray(def)) {
      if (def.length === 0) throw new SigmaInvalidError(`${where}: empty list`);
      if (def.every((d) => isRecord(d))) {
        const parts = def.map((d, i) => this.map(d as Record<string, unknown>, `${where}[${i}]`));
        return { predicate: orOf(parts.map((p) => p.predicate)), keys: unionOf(parts.map((p) => p.keys)) };
      }
      const plain = def.filter((d) => !isRecord(d));
      const maps = def.filter((d): d is Record<string, unknown> => isRecord(d));
      const parts = [this.keyword([], plain, where), ...maps.map((m, i) => this.map(m, `${where}[${i}]`))];
      return { predicate: orOf(parts.map((p) => p.predicate)), keys: unionOf(parts.map((p) => p.keys)) };
    }
    if (typeof def === 'string' || typeof def === 'number') return this.keyword([], def, where);
    throw new SigmaInvalidError(`${where}: search identifier must be a map, a list or a value`);
  }
}

function compileNode(
  node: ConditionNode,
  ids: ReadonlyMap<string, CompiledIdentifier>,
  priority: readonly string[],
): CompiledIdentifier {
  switch (node.t) {
    case 'id': {
      const c = ids.get(node.name);
      if (!c) throw new SigmaInvalidError(`condition references unknown search identifier '${node.name}'`);
      return c;
    }
    case 'not':
      return { predicate: notOf(compileNode(node.arg, ids, priority).predicate), keys: undefined };
    case 'and': {
      const parts = node.args.map((a) => compileNode(a, ids, priority));
      return {
        predicate: andOf(parts.map((p) => p.predicate)),
        keys: bestOf(
          parts.map((p) => p.keys),
          priority,
        ),
      };
    }
    case 'or': {
      const parts = node.args.map((a) => compileNode(a, ids, priority));
      return { predicate: orOf(parts.map((p) => p.predicate)), keys: unionOf(parts.map((p) => p.keys)) };
    }
    case 'of': {
      const names = resolveOfTarget(node.target, [...ids.keys()]);
      if (names.length === 0) throw new SigmaInvalidError(`condition: '${node.target}' matches no search identifier`);
      const parts = names.map((n) => ids.get(n) as CompiledIdentifier);
      if (node.quantifier === 'all') {
        return {
          predicate: andOf(parts.map((p) => p.predicate)),
          keys: bestOf(
            parts.map((p) => p.keys),
            priority,
          ),
        };
      }
      if (node.quantifier === 1) {
        return { predicate: orOf(parts.map((p) => p.predicate)), keys: unionOf(parts.map((p) => p.keys)) };
      }
      const n = node.quantifier;
      const preds = parts.map((p) => p.predicate);
      return {
        predicate: (ctx) => {
          let hits = 0;
          for (const p of preds) if (p(ctx) && ++hits >= n) return true;
          return false;
        },
        keys: n > preds.length ? undefined : unionOf(parts.map((p) => p.keys)),
      };
    }
  }
}

/** Compile a `detection:` section (and the filter detections appended to it). */
export function compileDetection(detection: unknown, ctx: DetectionContext): CompiledDetection {
  if (!isRecord(detection)) throw new SigmaInvalidError('detection must be a map');
  const cond = detection.condition;
  if (cond === undefined || cond === null) throw new SigmaInvalidError('detection has no condition');
  const conditions = Array.isArray(cond) ? cond : [cond];
  if (conditions.length === 0 || !conditions.every((c) => typeof c === 'string')) {
    throw new SigmaInvalidError('condition must be a string or a list of strings');
  }
  const compiler = new Compiler(ctx);
  const ids = new Map<string, CompiledIdentifier>();
  for (const [name, def] of Object.entries(detection)) {
    if (name === 'condition' || name === 'timeframe') continue;
    ids.set(name, compiler.identifier(name, def));
  }
  if (ids.size === 0) throw new SigmaInvalidError('detection defines no search identifier');
  const parts = (conditions as string[]).map((c) => compileNode(parseCondition(c), ids, ctx.config.indexFields));
  const combined =
    parts.length === 1
      ? parts[0]
      : { predicate: orOf(parts.map((p) => p.predicate)), keys: unionOf(parts.map((p) => p.keys)) };
  return { ...combined, fields: [...compiler.fields] };
}
