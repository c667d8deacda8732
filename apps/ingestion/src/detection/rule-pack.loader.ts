import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { FieldMappingConfig, loadFieldMappingFile, loadRules, LoadOptions, LoadResult, RuleSource } from '@vigie/sigma';

/** A rule directory given to the detector or the CLI does not exist or cannot be read. */
export class RuleDirectoryError extends Error {
  constructor(
    readonly dir: string,
    message: string,
  ) {
    super(message);
    this.name = 'RuleDirectoryError';
  }
}

/** The placeholders file is not a map of name -> list of strings. */
export class PlaceholdersError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlaceholdersError';
  }
}

const RULE_FILE = /\.ya?ml$/i;

/**
 * Every `*.yml` / `*.yaml` file under `dir` (recursive, sorted, hidden entries skipped). Each source's path
 * is relative to `dir` and prefixed with `label` (default: `dir`) so that rule origins stay readable.
 */
export function readRuleDirectory(dir: string, label = dir): RuleSource[] {
  if (!existsSync(dir)) throw new RuleDirectoryError(dir, `rule directory not found: ${dir}`);
  if (!statSync(dir).isDirectory()) throw new RuleDirectoryError(dir, `not a directory: ${dir}`);
  const out: RuleSource[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      if (name.startsWith('.')) continue;
      const p = join(d, name);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else if (st.isFile() && RULE_FILE.test(name)) {
        out.push({ path: join(label, relative(dir, p)), text: readFileSync(p, 'utf8') });
      }
    }
  };
  walk(dir);
  return out;
}

/** `%name%` values for the `expand` modifier: a YAML map of name -> string or list of strings. */
export function parsePlaceholders(text: string, origin = 'placeholders'): Record<string, string[]> {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (e) {
    throw new PlaceholdersError(`${origin}: not valid YAML: ${(e as Error).message}`);
  }
  if (doc === null || doc === undefined) return {};
  if (typeof doc !== 'object' || Array.isArray(doc)) throw new PlaceholdersError(`${origin}: must be a map`);
  const out: Record<string, string[]> = {};
  for (const [name, v] of Object.entries(doc as Record<string, unknown>)) {
    const list = Array.isArray(v) ? v : [v];
    if (list.some((x) => typeof x !== 'string' && typeof x !== 'number')) {
      throw new PlaceholdersError(`${origin}: ${name} must be a string or a list of strings`);
    }
    out[name] = list.map(String);
  }
  return out;
}

export interface RulePackOptions {
  /** Directories of Sigma rules; each must exist. */
  dirs: string[];
  /** Directories loaded when present (user packs); missing ones are reported in `skippedDirs`. */
  optionalDirs?: string[];
  /** Sigma → ECS field mapping file. */
  mappingFile?: string;
  mapping?: FieldMappingConfig;
  /** Placeholders file (ignored when missing). */
  placeholdersFile?: string;
  placeholders?: Record<string, string[]>;
  filterMode?: LoadOptions['filterMode'];
}

export interface RulePack extends LoadResult {
  sources: RuleSource[];
  skippedDirs: string[];
}

/** Reads the rule directories and compiles every rule; bad rules are reported, never thrown. */
export function loadRulePack(options: RulePackOptions): RulePack {
  const sources: RuleSource[] = [];
  for (const dir of options.dirs) sources.push(...readRuleDirectory(dir));
  const skippedDirs: string[] = [];
  for (const dir of options.optionalDirs ?? []) {
    if (existsSync(dir) && statSync(dir).isDirectory()) sources.push(...readRuleDirectory(dir));
    else skippedDirs.push(dir);
  }
  const mapping = options.mapping ?? (options.mappingFile ? loadFieldMappingFile(options.mappingFile) : undefined);
  let placeholders = options.placeholders;
  if (!placeholders && options.placeholdersFile && existsSync(options.placeholdersFile)) {
    placeholders = parsePlaceholders(readFileSync(options.placeholdersFile, 'utf8'), options.placeholdersFile);
  }
  const result = loadRules(sources, { mapping, placeholders, filterMode: options.filterMode });
  return { ...result, sources, skippedDirs };
}
