import { existsSync, readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { AlertMessage, DomainError, FieldProblem, RawEnvelope, UNATTRIBUTED_MEMBER } from '@vigie/contracts';
import { normalise } from '@vigie/ecs';
import { DetectionPipeline } from '@vigie/ingestion/detection/detection-pipeline';
import type { DetectionSettings } from '@vigie/ingestion/detection/detection-settings';
import { ruleIdOf } from '@vigie/ingestion/detection/rule-inventory';
import { parsePlaceholders } from '@vigie/ingestion/detection/rule-pack.loader';
import { WorkingHoursCalendar } from '@vigie/ingestion/detection/working-hours';
import { EcsEvent, FieldMappingConfig, loadFieldMappingFile, loadRules } from '@vigie/sigma';

export interface RuleTestInput {
  /** One or more Sigma documents (YAML; a correlation and the rules it references). */
  rule: string;
  /** ECS documents, or raw syslog lines normalised as if received now from `hostIp` for `member`. */
  events: Array<string | Record<string, unknown>>;
  member?: string;
  hostIp?: string;
  timeZone?: string;
  /** `event` (default): correlate on `@timestamp`, like `vigie logtest`; `received`: on `event.created`. */
  timeField?: 'event' | 'received';
  /** Return the ECS documents that were evaluated. */
  includeEvents?: boolean;
}

export interface RuleTestResult {
  rules: Array<{ id: string; title: string; kind: string; level: string | null }>;
  events: number;
  /** Single-event matches: which event (index in the request) matched which rule. */
  matches: Array<{ eventIndex: number; eventId?: string; rule: AlertMessage['rule'] }>;
  /** Correlation alerts in their final state (after every window closed). */
  correlations: AlertMessage[];
  documents?: Array<Record<string, unknown>>;
}

/** What the tester needs from the detector's files, loaded once. */
export interface RuleTestContext {
  mapping?: FieldMappingConfig;
  placeholders?: Record<string, string[]>;
  calendar?: WorkingHoursCalendar;
  filterMode: DetectionSettings['filterMode'];
}

/** Mapping, placeholders and working hours as the detector reads them; a missing optional file is skipped. */
export function ruleTestContext(s: DetectionSettings): RuleTestContext {
  return {
    mapping: existsSync(s.mappingFile) ? loadFieldMappingFile(s.mappingFile) : undefined,
    placeholders: existsSync(s.placeholdersFile)
      ? parsePlaceholders(readFileSync(s.placeholdersFile, 'utf8'), s.placeholdersFile)
      : undefined,
    calendar: existsSync(s.workingHoursFile) ? WorkingHoursCalendar.fromFile(s.workingHoursFile) : undefined,
    filterMode: s.filterMode,
  };
}

function validZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/**
 * Runs the posted Sigma documents over the sample events with the detector's own pipeline (field mapping,
 * working hours, correlations), then closes every window. A document that is not `ok` answers 422 with the
 * reason, per document.
 */
export function testRule(
  input: RuleTestInput,
  ctx: RuleTestContext,
  now: () => Date = () => new Date(),
): RuleTestResult {
  const loaded = loadRules([{ path: 'rule', text: input.rule }], {
    mapping: ctx.mapping,
    placeholders: ctx.placeholders,
    filterMode: ctx.filterMode,
  });
  const problems: FieldProblem[] = [];
  for (const d of loaded.documents) {
    const r = d.result;
    if (r.status === 'ok') continue;
    const what = r.status === 'unsupported' ? `unsupported: ${r.feature}` : `invalid: ${r.reason}`;
    problems.push({ field: `rule#${d.origin.document}`, problem: `${d.title ?? d.id ?? 'document'}: ${what}` });
  }
  if (problems.length > 0) {
    throw new DomainError('unprocessable', 'rule_not_loadable', problems.map((p) => p.problem).join('; '), problems);
  }
  if (loaded.rules.length === 0) {
    throw new DomainError('unprocessable', 'rule_not_loadable', 'No Sigma rule in the document', [
      { field: 'rule', problem: 'contains no detection or correlation rule' },
    ]);
  }
  const member = input.member ?? UNATTRIBUTED_MEMBER;
  const hostIp = input.hostIp ?? '127.0.0.1';
  const problemsIn: FieldProblem[] = [];
  if (!isIP(hostIp)) problemsIn.push({ field: 'hostIp', problem: `${hostIp} is not an IP address` });
  if (input.timeZone && !validZone(input.timeZone)) {
    problemsIn.push({ field: 'timeZone', problem: `${input.timeZone} is not an IANA time zone` });
  }
  input.events.forEach((e, i) => {
    if (typeof e !== 'string' && (typeof e !== 'object' || e === null || Array.isArray(e))) {
      problemsIn.push({ field: `events[${i}]`, problem: 'must be a syslog line or an ECS document (JSON object)' });
    }
  });
  if (problemsIn.length > 0) throw new DomainError('invalid', 'invalid_rule_test', 'Invalid rule test', problemsIn);

  const pipeline = new DetectionPipeline(loaded.rules, {
    timeField: input.timeField ?? 'event',
    calendar: ctx.calendar,
    now: () => now().getTime(),
  });
  const result: RuleTestResult = {
    rules: loaded.rules.map((r) => ({ id: ruleIdOf(r), title: r.title, kind: r.kind, level: r.level ?? null })),
    events: input.events.length,
    matches: [],
    correlations: [],
  };
  const correlations = new Map<string, AlertMessage>();
  const documents: Array<Record<string, unknown>> = [];
  input.events.forEach((e, eventIndex) => {
    const receivedAt = now();
    let doc: EcsEvent;
    if (typeof e === 'string') {
      const envelope: RawEnvelope = {
        receivedAt: receivedAt.toISOString(),
        transport: 'udp',
        peer: { ip: hostIp },
        member,
        raw: e,
      };
      doc = normalise(envelope, { timeZone: input.timeZone, now }) as unknown as EcsEvent;
    } else doc = e as EcsEvent;
    if (input.includeEvents) documents.push(doc as Record<string, unknown>);
    for (const a of pipeline.process(doc, receivedAt.getTime())) {
      if (a.kind === 'match') {
        const eventId = a.sampleEventIds[0];
        result.matches.push({ eventIndex, ...(eventId ? { eventId } : {}), rule: a.rule });
      } else correlations.set(a.alertKey, a);
    }
  });
  const watermark = pipeline.stats().watermarkMs ?? now().getTime();
  // Close every window: past the longest timespan plus the allowed lateness.
  for (const a of pipeline.flush(watermark + 366 * 86_400_000)) correlations.set(a.alertKey, a);
  result.correlations = [...correlations.values()];
  if (input.includeEvents) result.documents = documents;
  return result;
}
