import { parse as parseYaml } from 'yaml';
import { readFileSync } from 'node:fs';
import type { LogSource } from './types';

/**
 * Field-mapping configuration: how Sigma log sources and field names map onto ECS documents
 * (in the spirit of pySigma processing pipelines). See config/sigma/ecs-mapping.yml and docs/detection.md.
 */

export type ConstraintValue = string | number | boolean;

export type FieldConstraint = Record<string, ConstraintValue | ConstraintValue[]>;

/**
 * AND of `field: value | [values]` (values OR-linked, Sigma string semantics), `any:` (OR of specs) or
 * `all:` (AND of specs).
 */
export type ConstraintSpec = { any: ConstraintSpec[] } | { all: ConstraintSpec[] } | FieldConstraint;

export interface LogsourceMappingEntry {
  id: string;
  logsource: LogSource;
  constraint?: ConstraintSpec;
  fields?: Record<string, string | string[]>;
  /** Prefixes tried (in order) for fields with no explicit mapping; the bare field name is tried last. */
  unmappedPrefixes?: string[];
}

export interface FieldMappingConfig {
  /** Fields searched by keyword (list) detections. */
  keywordFields: string[];
  /** Fields compared with a log source value that no entry covers (generic constraint). */
  genericConstraintFields: string[];
  /** Index fields by selectivity, most selective first. */
  indexFields: string[];
  /** Field names valid for every log source (overridden by log source entries). */
  fields: Record<string, string | string[]>;
  logsources: LogsourceMappingEntry[];
}

export class FieldMappingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FieldMappingError';
  }
}

export const IDENTITY_MAPPING: FieldMappingConfig = {
  keywordFields: ['message'],
  genericConstraintFields: [],
  indexFields: ['event.code', 'event.dataset', 'event.module'],
  fields: {},
  logsources: [],
};

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function strList(v: unknown, what: string): string[] {
  if (v === undefined) return [];
  if (typeof v === 'string') return [v];
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
  throw new FieldMappingError(`${what} must be a string or a list of strings`);
}

function fieldMap(v: unknown, what: string): Record<string, string | string[]> {
  if (v === undefined) return {};
  if (!isRecord(v)) throw new FieldMappingError(`${what} must be a map`);
  const out: Record<string, string | string[]> = {};
  for (const [k, val] of Object.entries(v)) out[k] = strList(val, `${what}.${k}`);
  return out;
}

function constraintSpec(v: unknown, what: string): ConstraintSpec {
  if (!isRecord(v)) throw new FieldMappingError(`${what} must be a map`);
  for (const op of ['any', 'all'] as const) {
    if (op in v) {
      const list = v[op];
      if (!Array.isArray(list) || Object.keys(v).length !== 1)
        throw new FieldMappingError(`${what}.${op} must be a list`);
      const specs = list.map((x, i) => constraintSpec(x, `${what}.${op}[${i}]`));
      return op === 'any' ? { any: specs } : { all: specs };
    }
  }
  const out: FieldConstraint = {};
  for (const [k, val] of Object.entries(v)) {
    const ok = (x: unknown) => typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean';
    if (ok(val)) out[k] = val as ConstraintValue;
    else if (Array.isArray(val) && val.every(ok)) out[k] = val as ConstraintValue[];
    else throw new FieldMappingError(`${what}.${k} must be a scalar or a list of scalars`);
  }
  return out;
}

/** Validate a parsed mapping document. */
export function parseFieldMapping(doc: unknown): FieldMappingConfig {
  if (!isRecord(doc)) throw new FieldMappingError('mapping must be a map');
  const logsources = doc.logsources ?? [];
  if (!Array.isArray(logsources)) throw new FieldMappingError('logsources must be a list');
  return {
    keywordFields: doc.keywordFields === undefined ? ['message'] : strList(doc.keywordFields, 'keywordFields'),
    genericConstraintFields: strList(doc.genericConstraintFields, 'genericConstraintFields'),
    indexFields: doc.indexFields === undefined ? IDENTITY_MAPPING.indexFields : strList(doc.indexFields, 'indexFields'),
    fields: fieldMap(doc.fields, 'fields'),
    logsources: logsources.map((e: unknown, i: number): LogsourceMappingEntry => {
      const what = `logsources[${i}]`;
      if (!isRecord(e)) throw new FieldMappingError(`${what} must be a map`);
      if (!isRecord(e.logsource)) throw new FieldMappingError(`${what}.logsource must be a map`);
      const ls: LogSource = {};
      for (const key of ['category', 'product', 'service'] as const) {
        const val = e.logsource[key];
        if (val !== undefined) {
          if (typeof val !== 'string') throw new FieldMappingError(`${what}.logsource.${key} must be a string`);
          ls[key] = val.toLowerCase();
        }
      }
      return {
        id: typeof e.id === 'string' ? e.id : `entry-${i}`,
        logsource: ls,
        constraint: e.constraint === undefined ? undefined : constraintSpec(e.constraint, `${what}.constraint`),
        fields: fieldMap(e.fields, `${what}.fields`),
        unmappedPrefixes:
          e.unmappedPrefixes === undefined ? undefined : strList(e.unmappedPrefixes, `${what}.unmappedPrefixes`),
      };
    }),
  };
}

export function loadFieldMappingYaml(text: string): FieldMappingConfig {
  return parseFieldMapping(parseYaml(text));
}

export function loadFieldMappingFile(path: string): FieldMappingConfig {
  return loadFieldMappingYaml(readFileSync(path, 'utf8'));
}

const LS_KEYS = ['category', 'product', 'service'] as const;

export interface ResolvedLogsource {
  /** Ids of the mapping entries used (least to most specific). */
  entries: string[];
  constraint?: ConstraintSpec;
  /** Field name -> ECS paths (coalesced in order). */
  resolveField(field: string): string[];
}

function lookup(map: Record<string, string | string[]> | undefined, field: string): string[] | undefined {
  if (!map) return undefined;
  const direct = map[field];
  if (direct !== undefined) return typeof direct === 'string' ? [direct] : direct;
  const lower = field.toLowerCase();
  for (const [k, v] of Object.entries(map)) if (k.toLowerCase() === lower) return typeof v === 'string' ? [v] : v;
  return undefined;
}

/** Resolve a rule's log source against the mapping (most specific entry wins; uncovered keys become generic). */
export function resolveLogsource(config: FieldMappingConfig, ls: LogSource): ResolvedLogsource {
  const norm: LogSource = {};
  for (const k of LS_KEYS) if (ls[k]) norm[k] = String(ls[k]).toLowerCase();
  const matching = config.logsources
    .map((e, order) => ({ e, order, spec: LS_KEYS.filter((k) => e.logsource[k] !== undefined).length }))
    .filter(({ e }) => LS_KEYS.every((k) => e.logsource[k] === undefined || e.logsource[k] === norm[k]))
    .sort((a, b) => a.spec - b.spec || b.order - a.order);
  const best = matching.length > 0 ? matching[matching.length - 1] : undefined;
  const parts: ConstraintSpec[] = [];
  if (best?.e.constraint) parts.push(best.e.constraint);
  for (const k of LS_KEYS) {
    const val = norm[k];
    if (val === undefined || best?.e.logsource[k] !== undefined) continue;
    const g = genericConstraint(config, k, val, norm);
    if (g) parts.push(g);
  }
  const constraint: ConstraintSpec | undefined =
    parts.length === 0 ? undefined : parts.length === 1 ? parts[0] : andSpecs(parts);
  const prefixes = [...matching].reverse().find((m) => m.e.unmappedPrefixes)?.e.unmappedPrefixes ?? [];
  const specific = [...matching].reverse();
  return {
    entries: matching.map((m) => m.e.id),
    constraint,
    resolveField(field: string): string[] {
      for (const m of specific) {
        const hit = lookup(m.e.fields, field);
        if (hit) return hit;
      }
      const global = lookup(config.fields, field);
      if (global) return global;
      return [...prefixes.map((p) => p + field), field];
    },
  };
}

function andSpecs(parts: ConstraintSpec[]): ConstraintSpec {
  return { all: parts };
}

function genericConstraint(
  config: FieldMappingConfig,
  key: (typeof LS_KEYS)[number],
  value: string,
  ls: LogSource,
): ConstraintSpec | undefined {
  if (config.genericConstraintFields.length === 0) return undefined;
  const branches: ConstraintSpec[] = config.genericConstraintFields.map((f) => ({ [f]: value }));
  if (key === 'service' && ls.product) branches.push({ 'event.dataset': `${ls.product}.${value}` });
  if (key === 'category') branches.push({ 'event.category': value });
  return { any: branches };
}
