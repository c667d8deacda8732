import type { EventContext } from './event-context';
import type { IndexKeys } from './index-keys';
import type { CorrelationCondition, CorrelationType, LogSource, RuleMeta } from './types';

/** A compiled single-event Sigma rule. */
export interface DetectionRule extends RuleMeta {
  kind: 'detection';
  /** Unique key inside a loaded set (`path#document`). */
  uid: string;
  logsource: LogSource;
  /** Mapping entries the log source resolved to (empty: generic constraint or none). */
  mappingEntries: string[];
  /** Sigma field names used by the detection. */
  fields: string[];
  /** Titles (or ids) of the filters applied to this rule. */
  filters: string[];
  /** Index keys (disjunction) an event must carry for the rule to possibly match. */
  indexKeys: IndexKeys;
  /** Full predicate: log source constraint AND detection AND filters. */
  matches(ctx: EventContext): boolean;
  /** ECS paths (coalesced) for a Sigma field name of this rule's log source. */
  resolveField(field: string): string[];
}

export interface CorrelationRule extends RuleMeta {
  kind: 'correlation';
  uid: string;
  type: CorrelationType;
  /** uids of the referenced rules (detections or correlations), in the declared order. */
  ruleUids: string[];
  /** The references as written in the rule. */
  ruleRefs: string[];
  groupBy: string[];
  timespanMs: number;
  condition?: CorrelationCondition;
  /** alias -> (referenced rule name or id -> field name). */
  aliases: Record<string, Record<string, string>>;
  generate: boolean;
}

export type CompiledRule = DetectionRule | CorrelationRule;
