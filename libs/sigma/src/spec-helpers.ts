/** Helpers shared by the unit specs of this library (not exported from the index). */
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { CompiledRule } from './compiled-rule';
import { FieldMappingConfig, IDENTITY_MAPPING, loadFieldMappingFile } from './field-mapping';
import { loadRules, LoadOptions, LoadResult } from './rule-loader';
import { EngineOptions, EngineOutput, SigmaEngine } from './sigma-engine';
import type { EcsEvent } from './types';

export const ECS_MAPPING_PATH = join(__dirname, '../../../config/sigma/ecs-mapping.yml');

let cached: FieldMappingConfig | undefined;
export function ecsMapping(): FieldMappingConfig {
  cached ??= loadFieldMappingFile(ECS_MAPPING_PATH);
  return cached;
}

/** YAML text of a detection rule with an empty log source (identity mapping in tests). */
export function ruleYaml(detection: Record<string, unknown>, extra: Record<string, unknown> = {}): string {
  return stringify({ title: 'test rule', logsource: {}, detection, ...extra });
}

export function load(texts: string | string[], options: LoadOptions = {}): LoadResult {
  const list = Array.isArray(texts) ? texts : [texts];
  return loadRules(
    list.map((text, i) => ({ path: `rule-${i}.yml`, text })),
    { mapping: IDENTITY_MAPPING, ...options },
  );
}

export function loadOne(text: string, options: LoadOptions = {}): CompiledRule {
  const res = load(text, options);
  if (res.problems.length > 0 || res.rules.length !== 1) {
    throw new Error(`rule did not load: ${JSON.stringify(res.problems)}`);
  }
  return res.rules[0];
}

/** True when the detection matches the event (identity mapping unless a mapping is given). */
export function matches(detection: Record<string, unknown>, event: EcsEvent, options: LoadOptions = {}): boolean {
  const rule = loadOne(ruleYaml(detection), options);
  return new SigmaEngine([rule]).evaluate(event).some((o) => o.kind === 'match');
}

export function run(rules: CompiledRule[], events: EcsEvent[], options: EngineOptions = {}): EngineOutput[] {
  const engine = new SigmaEngine(rules, options);
  return events.flatMap((e) => engine.evaluate(e));
}
