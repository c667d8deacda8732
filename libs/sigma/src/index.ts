export type { CompiledRule, CorrelationRule, DetectionRule } from './compiled-rule';
export type { CorrelationAlert, CorrelationMember, GroupSnapshot } from './correlation-engine';
export { aliasedField, groupRoutingKey, routeCorrelations } from './correlation-routing';
export type { CorrelationRouting, PartitionKeyParts } from './correlation-routing';
export { EventContext } from './event-context';
export {
  FieldMappingError,
  IDENTITY_MAPPING,
  loadFieldMappingFile,
  loadFieldMappingYaml,
  parseFieldMapping,
  resolveLogsource,
} from './field-mapping';
export type { ConstraintSpec, FieldMappingConfig, LogsourceMappingEntry } from './field-mapping';
export type { IndexKey } from './index-keys';
export { checkRegex } from './regex-safety';
export { loadRules } from './rule-loader';
export type { LoadedDocument, LoadOptions, LoadResult, RuleSource } from './rule-loader';
export { SigmaEngine } from './sigma-engine';
export type {
  EngineOptions,
  EngineOutput,
  EngineSnapshot,
  EngineStats,
  ForwardOutput,
  MatchOutput,
  RestoreResult,
} from './sigma-engine';
export type * from './types';
export { parseTimespan } from './yaml-documents';
