import type { CompiledRule, CorrelationRule, DetectionRule } from './compiled-rule';
import { parseCondition, ConditionNode } from './condition-parser';
import { CompiledConstraint, compileConstraint } from './constraint-compiler';
import { compileDetection, DetectionContext } from './detection-compiler';
import {
  ConstraintSpec,
  FieldMappingConfig,
  IDENTITY_MAPPING,
  resolveLogsource,
  ResolvedLogsource,
} from './field-mapping';
import { ruleKeys } from './index-keys';
import { SigmaInvalidError, SigmaUnsupportedError } from './rule-errors';
import type {
  CompareOp,
  CorrelationCondition,
  CorrelationType,
  LogSource,
  RuleMeta,
  RuleOrigin,
  RuleProblem,
  RuleStatus,
} from './types';
import { andOf, notOf, Predicate, sharedAtom } from './value-matcher';
import { parseTimespan, splitSigmaDocuments } from './yaml-documents';

export interface LoadOptions {
  /** Field mapping (config/sigma/ecs-mapping.yml); identity mapping when omitted. */
  mapping?: FieldMappingConfig;
  /** Values for `%placeholder%` (expand modifier). */
  placeholders?: Readonly<Record<string, readonly string[]>>;
  /**
   * How a filter document's condition is applied: `exclude` (default) = `rule AND NOT filter-condition`
   * (the filter's selection describes the benign events, as in the specification's example);
   * `and` = `rule AND filter-condition` (pySigma: the filter condition is written as `not selection`).
   */
  filterMode?: 'exclude' | 'and';
}

export interface LoadedDocument {
  origin: RuleOrigin;
  kind: 'detection' | 'correlation' | 'filter' | 'unknown';
  id?: string;
  name?: string;
  title?: string;
  result: RuleStatus;
}

export interface LoadResult {
  rules: CompiledRule[];
  problems: RuleProblem[];
  /** One entry per YAML document, including successful ones and filters. */
  documents: LoadedDocument[];
}

export interface RuleSource {
  path: string;
  text: string;
}

const LEVELS = new Set(['informational', 'low', 'medium', 'high', 'critical']);
const CORRELATION_TYPES = new Set<CorrelationType>([
  'event_count',
  'value_count',
  'value_sum',
  'value_avg',
  'value_min',
  'value_max',
  'temporal',
  'temporal_ordered',
]);
const OPS = new Set<CompareOp>(['gt', 'gte', 'lt', 'lte', 'eq', 'neq']);

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function optString(v: unknown, what: string): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  throw new SigmaInvalidError(`${what} must be a string`);
}

function stringList(v: unknown, what: string): string[] {
  if (v === undefined || v === null) return [];
  if (typeof v === 'string') return [v];
  if (Array.isArray(v))
    return v.map((x) => (typeof x === 'string' || typeof x === 'number' ? String(x) : JSON.stringify(x)));
  throw new SigmaInvalidError(`${what} must be a list`);
}

function parseMeta(doc: Record<string, unknown>, origin: RuleOrigin): RuleMeta {
  const title = optString(doc.title, 'title');
  if (!title) throw new SigmaInvalidError('title is missing');
  const level = optString(doc.level, 'level');
  if (level !== undefined && !LEVELS.has(level.toLowerCase())) throw new SigmaInvalidError(`unknown level '${level}'`);
  return {
    id: optString(doc.id, 'id'),
    name: optString(doc.name, 'name'),
    title,
    description: optString(doc.description, 'description'),
    level: level?.toLowerCase(),
    status: optString(doc.status, 'status'),
    author: optString(doc.author, 'author'),
    tags: stringList(doc.tags, 'tags'),
    references: stringList(doc.references, 'references'),
    falsepositives: stringList(doc.falsepositives, 'falsepositives'),
    origin,
  };
}

function parseLogsource(v: unknown): LogSource {
  if (!isRecord(v)) throw new SigmaInvalidError('logsource must be a map');
  const ls: LogSource = {};
  for (const k of ['category', 'product', 'service'] as const) {
    const val = v[k];
    if (val === undefined || val === null) continue;
    if (typeof val !== 'string') throw new SigmaInvalidError(`logsource.${k} must be a string`);
    ls[k] = val;
  }
  return ls;
}

interface PendingDetection {
  rule: DetectionRule;
  base: Predicate;
  resolved: ResolvedLogsource;
  dctx: DetectionContext;
}

interface PendingFilter {
  meta: RuleMeta;
  logsource: LogSource;
  rules: 'any' | string[];
  detection: Record<string, unknown>;
  doc: LoadedDocument;
}

interface PendingCorrelation {
  meta: RuleMeta;
  uid: string;
  type: CorrelationType;
  refs: string[];
  groupBy: string[];
  timespanMs: number;
  condition?: CorrelationCondition;
  aliases: Record<string, Record<string, string>>;
  generate: boolean;
  doc: LoadedDocument;
}

function statusOf(e: unknown): RuleStatus {
  if (e instanceof SigmaUnsupportedError) return { status: 'unsupported', feature: e.feature };
  if (e instanceof SigmaInvalidError) return { status: 'invalid', reason: e.message };
  return { status: 'invalid', reason: `internal error: ${(e as Error)?.message ?? String(e)}` };
}

function parseThreshold(v: Record<string, unknown>, needsField: boolean): CorrelationCondition {
  const bounds: Array<{ op: CompareOp; value: number }> = [];
  let field: string | undefined;
  for (const [k, val] of Object.entries(v)) {
    if (k === 'field') {
      if (typeof val !== 'string' || val === '')
        throw new SigmaInvalidError('correlation condition field must be a string');
      field = val;
    } else if (OPS.has(k as CompareOp)) {
      const n = typeof val === 'number' ? val : typeof val === 'string' && val.trim() !== '' ? Number(val) : NaN;
      if (!Number.isFinite(n)) throw new SigmaInvalidError(`correlation condition ${k} must be a number`);
      bounds.push({ op: k as CompareOp, value: n });
    } else if (k === 'percentile') {
      throw new SigmaUnsupportedError('correlation:percentile');
    } else {
      throw new SigmaInvalidError(`unknown correlation condition item '${k}'`);
    }
  }
  if (bounds.length === 0)
    throw new SigmaInvalidError('correlation condition needs an operator (gt, gte, lt, lte, eq, neq)');
  if (needsField && !field) throw new SigmaInvalidError("correlation condition needs a 'field'");
  return { kind: 'threshold', bounds, field };
}

function conditionIdentifiers(node: ConditionNode, out: Set<string>): void {
  switch (node.t) {
    case 'id':
      out.add(node.name);
      return;
    case 'not':
      conditionIdentifiers(node.arg, out);
      return;
    case 'and':
    case 'or':
      node.args.forEach((a) => conditionIdentifiers(a, out));
      return;
    case 'of':
      throw new SigmaInvalidError("correlation conditions do not support 'x of' expressions");
  }
}

function parseCorrelation(
  doc: Record<string, unknown>,
  meta: RuleMeta,
  uid: string,
  ldoc: LoadedDocument,
): PendingCorrelation {
  const c = doc.correlation;
  if (!isRecord(c)) throw new SigmaInvalidError('correlation must be a map');
  const type = c.type;
  if (typeof type !== 'string') throw new SigmaInvalidError('correlation type is missing');
  if (!CORRELATION_TYPES.has(type as CorrelationType)) {
    if (/^(value_percentile|value_median|temporal_extended|temporal_ordered_extended)$/.test(type)) {
      throw new SigmaUnsupportedError(`correlation:${type}`);
    }
    throw new SigmaInvalidError(`unknown correlation type '${type}'`);
  }
  const ctype = type as CorrelationType;
  const refs = stringList(c.rules, 'correlation rules');
  if (refs.length === 0) throw new SigmaInvalidError('correlation references no rule');
  const groupBy = stringList(c['group-by'], 'group-by');
  const timespanMs = parseTimespan(c.timespan ?? c.timeframe);
  if (timespanMs === undefined) throw new SigmaInvalidError(`invalid or missing timespan '${String(c.timespan)}'`);
  let condition: CorrelationCondition | undefined;
  const rawCond = c.condition;
  const temporal = ctype === 'temporal' || ctype === 'temporal_ordered';
  if (rawCond === undefined || rawCond === null) {
    if (!temporal) throw new SigmaInvalidError(`a ${ctype} correlation needs a condition`);
  } else if (typeof rawCond === 'string') {
    if (!temporal) throw new SigmaInvalidError(`a ${ctype} correlation condition must be a map`);
    const ids = new Set<string>();
    conditionIdentifiers(parseCondition(rawCond), ids);
    for (const id of ids)
      if (!refs.includes(id)) throw new SigmaInvalidError(`correlation condition names '${id}', which is not in rules`);
    const node = parseCondition(rawCond);
    const pureAnd =
      (node.t === 'and' && node.args.every((a) => a.t === 'id') && ids.size === refs.length) ||
      (node.t === 'id' && refs.length === 1);
    if (ctype === 'temporal_ordered' && !pureAnd)
      throw new SigmaUnsupportedError('correlation:temporal_ordered with a boolean condition');
    condition = { kind: 'expression', expression: rawCond };
  } else if (isRecord(rawCond)) {
    condition = parseThreshold(rawCond, /^value_/.test(ctype));
  } else {
    throw new SigmaInvalidError('correlation condition must be a map');
  }
  const aliases: Record<string, Record<string, string>> = {};
  if (c.aliases !== undefined && c.aliases !== null) {
    if (!isRecord(c.aliases)) throw new SigmaInvalidError('correlation aliases must be a map');
    for (const [alias, m] of Object.entries(c.aliases)) {
      if (!isRecord(m)) throw new SigmaInvalidError(`alias '${alias}' must map rule names to fields`);
      aliases[alias] = {};
      for (const [r, f] of Object.entries(m)) {
        if (typeof f !== 'string') throw new SigmaInvalidError(`alias '${alias}' field for '${r}' must be a string`);
        aliases[alias][r] = f;
      }
    }
  }
  const gen = doc.generate ?? c.generate;
  if (gen !== undefined && typeof gen !== 'boolean') throw new SigmaInvalidError('generate must be a boolean');
  return { meta, uid, type: ctype, refs, groupBy, timespanMs, condition, aliases, generate: gen === true, doc: ldoc };
}

const constraintCache = new WeakMap<FieldMappingConfig, { id: number; byKey: Map<string, CompiledConstraint> }>();
let mappingIds = 0;

/** Log source constraints are shared by many rules: compile once per mapping and memoise per event. */
function sharedConstraint(spec: ConstraintSpec, mapping: FieldMappingConfig): CompiledConstraint {
  let entry = constraintCache.get(mapping);
  if (!entry) {
    entry = { id: mappingIds++, byKey: new Map() };
    constraintCache.set(mapping, entry);
  }
  const key = JSON.stringify(spec);
  let c = entry.byKey.get(key);
  if (!c) {
    const compiled = compileConstraint(spec, mapping);
    const atom = sharedAtom(`constraint|${entry.id}|${key}`, compiled.predicate);
    c = { keys: compiled.keys, predicate: (ctx) => ctx.cached(atom.id, atom.compute) };
    entry.byKey.set(key, c);
  }
  return c;
}

function logsourceContains(rule: LogSource, filter: LogSource): boolean {
  return (['category', 'product', 'service'] as const).every(
    (k) => filter[k] === undefined || filter[k]?.toLowerCase() === rule[k]?.toLowerCase(),
  );
}

/**
 * Load Sigma rules, correlation rules and filters from YAML sources. Never throws for a bad rule: each
 * failing document is reported in `problems` with status `invalid` or `unsupported`.
 */
export function loadRules(sources: ReadonlyArray<RuleSource>, options: LoadOptions = {}): LoadResult {
  const mapping = options.mapping ?? IDENTITY_MAPPING;
  const documents: LoadedDocument[] = [];
  const detections: PendingDetection[] = [];
  const filters: PendingFilter[] = [];
  const correlations: PendingCorrelation[] = [];

  for (const src of sources) {
    for (const d of splitSigmaDocuments(src.text)) {
      const origin: RuleOrigin = { path: src.path, document: d.index };
      const uid = `${src.path}#${d.index}`;
      const ldoc: LoadedDocument = { origin, kind: 'unknown', result: { status: 'ok' } };
      documents.push(ldoc);
      if ('error' in d) {
        ldoc.result = { status: 'invalid', reason: d.error };
        continue;
      }
      const doc = d.value;
      ldoc.kind = 'correlation' in doc ? 'correlation' : 'filter' in doc ? 'filter' : 'detection';
      ldoc.id = typeof doc.id === 'string' ? doc.id : undefined;
      ldoc.name = typeof doc.name === 'string' ? doc.name : undefined;
      ldoc.title = typeof doc.title === 'string' ? doc.title : undefined;
      try {
        const meta = parseMeta(doc, origin);
        if (ldoc.kind === 'correlation') {
          correlations.push(parseCorrelation(doc, meta, uid, ldoc));
        } else if (ldoc.kind === 'filter') {
          const f = doc.filter;
          if (!isRecord(f)) throw new SigmaInvalidError('filter must be a map');
          if (doc.logsource === undefined) throw new SigmaInvalidError('filter has no logsource');
          const logsource = parseLogsource(doc.logsource);
          const { rules: rawRules, ...detection } = f;
          if (rawRules === undefined) throw new SigmaInvalidError("filter has no 'rules'");
          if (typeof detection.condition !== 'string') throw new SigmaInvalidError('filter condition must be a string');
          let rules: 'any' | string[];
          if (typeof rawRules === 'string' && /^(any|all)$/i.test(rawRules)) rules = 'any';
          else {
            const list = stringList(rawRules, 'filter rules');
            rules = list.length === 0 ? 'any' : list;
          }
          const resolved = resolveLogsource(mapping, logsource);
          compileDetection(detection, {
            config: mapping,
            resolveField: resolved.resolveField,
            modifierOptions: options,
          });
          filters.push({ meta, logsource, rules, detection, doc: ldoc });
        } else {
          if (doc.logsource === undefined) throw new SigmaInvalidError('logsource is missing');
          if (doc.detection === undefined) throw new SigmaInvalidError('detection is missing');
          const logsource = parseLogsource(doc.logsource);
          const resolved = resolveLogsource(mapping, logsource);
          const dctx: DetectionContext = {
            config: mapping,
            resolveField: resolved.resolveField,
            modifierOptions: options,
          };
          const det = compileDetection(doc.detection, dctx);
          const constraint = resolved.constraint ? sharedConstraint(resolved.constraint, mapping) : undefined;
          const base = constraint ? andOf([constraint.predicate, det.predicate]) : det.predicate;
          const rule: DetectionRule = {
            ...meta,
            kind: 'detection',
            uid,
            logsource,
            mappingEntries: resolved.entries,
            fields: det.fields,
            filters: [],
            indexKeys: ruleKeys(det.keys, constraint?.keys),
            matches: base,
            resolveField: resolved.resolveField,
          };
          detections.push({ rule, base, resolved, dctx });
        }
      } catch (e: unknown) {
        ldoc.result = statusOf(e);
      }
    }
  }

  applyFilters(detections, filters, options);
  const rules: CompiledRule[] = [];
  for (const p of detections) if (documentOf(documents, p.rule.origin).result.status === 'ok') rules.push(p.rule);
  rules.push(...resolveCorrelations(correlations, rules, documents));

  const problems: RuleProblem[] = documents
    .filter((d) => d.result.status !== 'ok')
    .map((d) => ({
      status: d.result.status as 'invalid' | 'unsupported',
      feature: d.result.status === 'unsupported' ? d.result.feature : undefined,
      reason: d.result.status === 'invalid' ? d.result.reason : undefined,
      origin: d.origin,
      id: d.id,
      name: d.name,
      title: d.title,
    }));
  return { rules, problems, documents };
}

function documentOf(documents: LoadedDocument[], origin: RuleOrigin): LoadedDocument {
  return documents.find(
    (d) => d.origin.path === origin.path && d.origin.document === origin.document,
  ) as LoadedDocument;
}

function applyFilters(detections: PendingDetection[], filters: PendingFilter[], options: LoadOptions): void {
  const mode = options.filterMode ?? 'exclude';
  for (const p of detections) {
    const extra: Predicate[] = [];
    for (const f of filters) {
      if (!logsourceContains(p.rule.logsource, f.logsource)) continue;
      const applies =
        f.rules === 'any' || f.rules.some((r) => r === p.rule.id || (p.rule.name !== undefined && r === p.rule.name));
      if (!applies) continue;
      try {
        const det = compileDetection(f.detection, p.dctx);
        extra.push(mode === 'exclude' ? notOf(det.predicate) : det.predicate);
        p.rule.filters.push(f.meta.id ?? f.meta.title);
      } catch (e: unknown) {
        f.doc.result = statusOf(e);
      }
    }
    if (extra.length > 0) p.rule.matches = andOf([p.base, ...extra]);
  }
}

function resolveCorrelations(
  pending: PendingCorrelation[],
  detections: CompiledRule[],
  documents: LoadedDocument[],
): CorrelationRule[] {
  // Index every document that has an id or a name (even failed ones, to report a precise reason).
  type Target = { uid: string; doc: LoadedDocument };
  const byRef = new Map<string, Target[]>();
  const add = (ref: string | undefined, t: Target) => {
    if (!ref) return;
    byRef.set(ref, [...(byRef.get(ref) ?? []), t]);
  };
  for (const d of documents) {
    const uid = `${d.origin.path}#${d.origin.document}`;
    if (d.kind === 'detection' || d.kind === 'correlation') {
      add(d.id, { uid, doc: d });
      if (d.name !== d.id) add(d.name, { uid, doc: d });
    }
  }
  const okDetections = new Set(detections.map((r) => r.uid));
  const byUid = new Map(pending.map((p) => [p.uid, p]));
  const done = new Map<string, CorrelationRule | null>();
  const visiting = new Set<string>();

  const resolve = (p: PendingCorrelation): CorrelationRule | null => {
    const prev = done.get(p.uid);
    if (prev !== undefined) return prev;
    if (p.doc.result.status !== 'ok') {
      done.set(p.uid, null);
      return null;
    }
    if (visiting.has(p.uid)) {
      p.doc.result = { status: 'invalid', reason: 'correlation references itself (cycle)' };
      done.set(p.uid, null);
      return null;
    }
    visiting.add(p.uid);
    const uids: string[] = [];
    for (const ref of p.refs) {
      const targets = byRef.get(ref) ?? [];
      if (targets.length === 0) {
        p.doc.result = { status: 'invalid', reason: `unknown rule reference '${ref}'` };
        break;
      }
      if (targets.length > 1 && new Set(targets.map((t) => t.uid)).size > 1) {
        p.doc.result = { status: 'invalid', reason: `ambiguous rule reference '${ref}'` };
        break;
      }
      const t = targets[0];
      let ok = okDetections.has(t.uid);
      const inner = byUid.get(t.uid);
      if (inner) ok = resolve(inner) !== null;
      if (!ok) {
        const r = t.doc.result;
        const why =
          r.status === 'unsupported' ? `unsupported ${r.feature}` : r.status === 'invalid' ? r.reason : 'not loadable';
        p.doc.result =
          r.status === 'unsupported'
            ? { status: 'unsupported', feature: r.feature }
            : { status: 'invalid', reason: `referenced rule '${ref}' is not loadable: ${why}` };
        break;
      }
      uids.push(t.uid);
    }
    visiting.delete(p.uid);
    if (p.doc.result.status !== 'ok') {
      done.set(p.uid, null);
      return null;
    }
    const rule: CorrelationRule = {
      ...p.meta,
      kind: 'correlation',
      uid: p.uid,
      type: p.type,
      ruleUids: uids,
      ruleRefs: p.refs,
      groupBy: p.groupBy,
      timespanMs: p.timespanMs,
      condition: p.condition,
      aliases: p.aliases,
      generate: p.generate,
    };
    done.set(p.uid, rule);
    return rule;
  };
  return pending.map(resolve).filter((r): r is CorrelationRule => r !== null);
}
