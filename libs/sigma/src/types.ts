/** Public types of the Sigma engine. */

export type JsonPrimitive = string | number | boolean | null;

/** An ECS document (nested objects; dotted keys are also accepted). */
export type EcsEvent = Record<string, unknown>;

export interface LogSource {
  category?: string;
  product?: string;
  service?: string;
}

/** Outcome of compiling one Sigma document. */
export type RuleStatus =
  { status: 'ok' } | { status: 'unsupported'; feature: string } | { status: 'invalid'; reason: string };

export interface RuleOrigin {
  path: string;
  /** Zero-based index of the YAML document inside the file. */
  document: number;
}

export interface RuleProblem {
  status: 'unsupported' | 'invalid';
  /** Set when status is 'unsupported'. */
  feature?: string;
  /** Set when status is 'invalid'. */
  reason?: string;
  origin: RuleOrigin;
  id?: string;
  name?: string;
  title?: string;
}

export interface RuleMeta {
  id?: string;
  name?: string;
  title: string;
  description?: string;
  level?: string;
  status?: string;
  author?: string;
  tags: string[];
  references: string[];
  falsepositives: string[];
  origin: RuleOrigin;
}

export type CorrelationType =
  | 'event_count'
  | 'value_count'
  | 'value_sum'
  | 'value_avg'
  | 'value_min'
  | 'value_max'
  | 'temporal'
  | 'temporal_ordered';

export type CompareOp = 'gt' | 'gte' | 'lt' | 'lte' | 'eq' | 'neq';

export interface ThresholdCondition {
  kind: 'threshold';
  /** All bounds must hold (a range is expressed with two operators). */
  bounds: Array<{ op: CompareOp; value: number }>;
  /** value_count / value_sum / value_avg ...: the field the statistic is computed on. */
  field?: string;
}

export interface ExpressionCondition {
  kind: 'expression';
  expression: string;
}

export type CorrelationCondition = ThresholdCondition | ExpressionCondition;
