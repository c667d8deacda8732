import {
  EventContext,
  IDENTITY_MAPPING,
  loadRules,
  type DetectionRule,
  type EcsEvent,
  type FieldMappingConfig,
} from '@vigie/sigma';
import { parse } from 'yaml';

/**
 * A Sigma filter expression for an alert exception, evaluated on the event(s) that make the alert. Two forms are
 * accepted, as YAML text:
 *
 * - a detection block, as in a Sigma rule's `detection:` (search identifiers such as `selection…`/`filter…` and a
 *   `condition`), bare or under a `detection:` key (a whole rule may be pasted; its `logsource` then applies): an
 *   event for which the condition holds is suppressed;
 * - a Sigma Filters document (`filter:` with `rules`, search identifiers and `condition`; `logsource` optional
 *   here): the filter applies to the rules it names (ids or names; `any` for every rule) and, as the detector's
 *   `detection.filterMode` says, `exclude` (default) suppresses the events for which its condition holds, `and`
 *   (pySigma: the condition is written `not selection`) those for which it does not.
 *
 * Parsing and compilation are those of the detector (`@vigie/sigma`): the same modifiers, the same field mapping.
 */
export interface SigmaFilterOptions {
  /** Sigma → ECS field mapping (the detector's `detection.mappingFile`); identity when omitted. */
  mapping?: FieldMappingConfig;
  /** The detector's `detection.filterMode`, for Sigma Filters documents. */
  filterMode?: 'exclude' | 'and';
}

export interface CompiledSigmaFilter {
  form: 'detection' | 'filter';
  /** The rules a filters document names; `any` for a detection block. */
  rules: 'any' | string[];
  /** Does the expression concern alerts of this rule (id or name)? */
  appliesTo(ruleId: string): boolean;
  /** Is this event one the exception suppresses? */
  suppresses(event: EcsEvent): boolean;
}

export type SigmaFilterResult = { ok: true; filter: CompiledSigmaFilter } | { ok: false; problem: string };

export const MAX_SIGMA_FILTER_LENGTH = 20_000;
const SOURCE = 'sigmaFilter';

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);

/** Load one synthetic Sigma document through the detector's loader; the loader's reason when it fails. */
function loadOne(
  doc: Record<string, unknown>,
  mapping: FieldMappingConfig,
): { rule?: DetectionRule; problem?: string } {
  const result = loadRules([{ path: SOURCE, text: JSON.stringify(doc) }], { mapping });
  const problem = result.problems[0];
  if (problem)
    return {
      problem: problem.status === 'unsupported' ? `unsupported Sigma feature: ${problem.feature}` : problem.reason,
    };
  const rule = result.rules.find((r): r is DetectionRule => r.kind === 'detection');
  return rule ? { rule } : { problem: 'not a Sigma detection' };
}

function ruleList(raw: unknown): { rules: 'any' | string[] } | { problem: string } {
  if (raw === undefined || raw === null)
    return { problem: "a filters document needs 'rules' (rule ids or names, or any)" };
  if (typeof raw === 'string') return { rules: /^(any|all)$/i.test(raw.trim()) ? 'any' : [raw.trim()] };
  if (!Array.isArray(raw) || raw.some((r) => typeof r !== 'string' && typeof r !== 'number'))
    return { problem: "'rules' must be a list of rule ids or names" };
  const list = raw.map((r) => String(r).trim()).filter((r) => r !== '');
  return { rules: list.length ? list : 'any' };
}

/** Parse, check and compile a Sigma filter expression. Never throws. */
export function compileSigmaFilter(text: string, options: SigmaFilterOptions = {}): SigmaFilterResult {
  const mapping = options.mapping ?? IDENTITY_MAPPING;
  if (typeof text !== 'string' || text.trim() === '') return { ok: false, problem: 'the Sigma expression is empty' };
  if (text.length > MAX_SIGMA_FILTER_LENGTH)
    return { ok: false, problem: `at most ${MAX_SIGMA_FILTER_LENGTH} characters` };
  let doc: unknown;
  try {
    doc = parse(text, { uniqueKeys: true, maxAliasCount: 100, prettyErrors: false });
  } catch (e) {
    return { ok: false, problem: `YAML: ${(e as Error).message.split('\n')[0]}` };
  }
  if (!isRecord(doc))
    return { ok: false, problem: 'a Sigma expression is a YAML map (selection…, filter…, condition)' };

  const logsource = doc.logsource ?? {};
  if (isRecord(doc.filter) && !('condition' in doc)) {
    // Sigma Filters document: checked by the loader as such, then its condition compiled as a detection.
    const { rules: rawRules, ...detection } = doc.filter;
    const listed = ruleList(rawRules);
    if ('problem' in listed) return { ok: false, problem: listed.problem };
    const rules = listed.rules;
    const asFilter = loadRules(
      [
        {
          path: SOURCE,
          text: JSON.stringify({ title: doc.title ?? 'Exception', logsource, filter: { ...detection, rules: 'any' } }),
        },
      ],
      { mapping },
    );
    const problem = asFilter.problems[0];
    if (problem)
      return {
        ok: false,
        problem: problem.status === 'unsupported' ? `unsupported Sigma feature: ${problem.feature}` : problem.reason!,
      };
    const condition = detection.condition as string;
    const suppressing = {
      ...detection,
      condition: options.filterMode === 'and' ? `not (${condition})` : condition,
    };
    const loaded = loadOne({ title: 'Exception', logsource, detection: suppressing }, mapping);
    if (!loaded.rule) return { ok: false, problem: loaded.problem! };
    return { ok: true, filter: compiled('filter', rules, loaded.rule) };
  }

  const detection = 'detection' in doc ? doc.detection : doc;
  if (!isRecord(detection) || !('condition' in detection))
    return {
      ok: false,
      problem: 'a Sigma detection needs search identifiers (selection…, filter…) and a condition',
    };
  const loaded = loadOne({ title: 'Exception', logsource: 'detection' in doc ? logsource : {}, detection }, mapping);
  if (!loaded.rule) return { ok: false, problem: loaded.problem! };
  return { ok: true, filter: compiled('detection', 'any', loaded.rule) };
}

function compiled(form: 'detection' | 'filter', rules: 'any' | string[], rule: DetectionRule): CompiledSigmaFilter {
  const ctx = new EventContext();
  return {
    form,
    rules,
    appliesTo: (ruleId) => rules === 'any' || rules.includes(ruleId),
    suppresses(event) {
      ctx.reset(event);
      return rule.matches(ctx);
    },
  };
}

const caches = new WeakMap<FieldMappingConfig, Map<string, SigmaFilterResult>>();
const CACHE_SIZE = 500;

/** {@link compileSigmaFilter}, memoised per mapping, mode and text (the sink evaluates the same few expressions). */
export function cachedSigmaFilter(text: string, options: SigmaFilterOptions = {}): SigmaFilterResult {
  const mapping = options.mapping ?? IDENTITY_MAPPING;
  let cache = caches.get(mapping);
  if (!cache) {
    cache = new Map();
    caches.set(mapping, cache);
  }
  const key = `${options.filterMode ?? 'exclude'}\u0000${text}`;
  let r = cache.get(key);
  if (!r) {
    r = compileSigmaFilter(text, options);
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
    cache.set(key, r);
  }
  return r;
}
