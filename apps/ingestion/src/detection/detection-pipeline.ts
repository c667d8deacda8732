import type { AlertMessage } from '@vigie/contracts';
import { CompiledRule, EcsEvent, EngineOutput, EngineStats, SigmaEngine } from '@vigie/sigma';
import { AlertBuilder, memberOf } from './alert-builder';
import { LruMap } from './lru-map';
import { ruleIdOf } from './rule-inventory';
import { gateRules, RuleSwitch } from './rule-switch';
import { WorkingHoursCalendar } from './working-hours';

export interface DetectionPipelineOptions {
  /** `received`: correlate on `event.created` (receive time); `event`: on `@timestamp`. Default `received`. */
  timeField?: 'received' | 'event';
  allowedLatenessMs?: number;
  maxGroupsPerRule?: number;
  /** Per-member working hours; each event gets `vigie.working_hours` before evaluation. */
  calendar?: WorkingHoursCalendar;
  /** Clock for the alerts' `at`. */
  now?: () => number;
  /** Rules disabled through the rules API: skipped by the engine, their outputs dropped. */
  ruleSwitch?: RuleSwitch;
}

function timeOf(
  event: EcsEvent,
  fallback: number | undefined,
  field: 'received' | 'event' = 'event',
): number | undefined {
  const ts = field === 'event' ? event['@timestamp'] : (event.event as { created?: unknown } | undefined)?.created;
  if (typeof ts === 'number' && Number.isFinite(ts)) return ts;
  if (typeof ts === 'string') {
    const t = Date.parse(ts);
    if (!Number.isNaN(t)) return t;
  }
  return fallback;
}

/**
 * What the detector does with one ECS event, without the bus: add the detection-time fields
 * (`vigie.working_hours`), run the Sigma engine and turn its outputs into alert messages.
 * Shared by the detector worker, `vigie logtest` and the scenario specs.
 */
export class DetectionPipeline {
  readonly engine: SigmaEngine;
  private readonly builder: AlertBuilder;
  private readonly calendar: WorkingHoursCalendar;
  private readonly timeField: 'received' | 'event';
  private readonly ruleSwitch?: RuleSwitch;
  /** alertKeys of correlation alerts raised while their rule was disabled (their `new` was not published). */
  private readonly suppressed = new LruMap<string, true>(10_000);

  constructor(rules: readonly CompiledRule[], options: DetectionPipelineOptions = {}) {
    this.timeField = options.timeField ?? 'received';
    this.ruleSwitch = options.ruleSwitch;
    this.engine = new SigmaEngine(options.ruleSwitch ? gateRules(rules, options.ruleSwitch) : rules, {
      timestampField: this.timeField === 'received' ? 'event.created' : '@timestamp',
      allowedLatenessMs: options.allowedLatenessMs,
      maxGroupsPerRule: options.maxGroupsPerRule,
    });
    this.builder = new AlertBuilder(options.now);
    this.calendar = options.calendar ?? new WorkingHoursCalendar();
  }

  /** The event as the rules see it: a shallow copy with `vigie.working_hours` set from the member's calendar. */
  prepare(event: EcsEvent, receivedAtMs?: number): EcsEvent {
    const t = timeOf(event, receivedAtMs);
    if (t === undefined) return event;
    const vigie = event.vigie;
    const base = typeof vigie === 'object' && vigie !== null && !Array.isArray(vigie) ? vigie : {};
    return { ...event, vigie: { ...base, working_hours: this.calendar.isWorkingTime(memberOf(event), t) } };
  }

  /**
   * Evaluate one event; returns the alert messages it raised or updated, in order. `shard` (the event's source
   * partition) owns the correlation groups the event opens (see {@link SigmaEngine.snapshot}).
   */
  process(event: EcsEvent, receivedAtMs?: number, shard?: string): AlertMessage[] {
    const prepared = this.prepare(event, receivedAtMs);
    const id = (prepared.event as { id?: unknown } | undefined)?.id;
    if (typeof id === 'string') this.builder.noteEvent(id, prepared);
    const outputs = this.engine.evaluate(prepared, receivedAtMs, shard);
    if (outputs.length === 0) return [];
    return this.toAlerts(outputs, prepared, timeOf(prepared, receivedAtMs ?? Date.now(), this.timeField));
  }

  /** Close the windows that ended before `nowMs` minus the allowed lateness (deferred conditions decided). */
  flush(nowMs: number): AlertMessage[] {
    return this.toAlerts(this.engine.flush(nowMs));
  }

  stats(): EngineStats {
    return this.engine.stats();
  }

  /** `event`/`eventTimeMs`: the evaluated event; a correlation output whose last member is at that time includes it. */
  private toAlerts(outputs: EngineOutput[], event?: EcsEvent, eventTimeMs?: number): AlertMessage[] {
    const sw = this.ruleSwitch;
    if (sw) {
      outputs = outputs.filter((o) => {
        if (sw.isEnabled(ruleIdOf(o.rule))) return true;
        if (o.kind === 'correlation' && o.new) this.suppressed.set(o.alertKey, true);
        return false;
      });
    }
    return outputs.map((o) => {
      if (o.kind === 'match') return this.builder.fromMatch(o);
      const alert = this.builder.fromCorrelation(
        o,
        event !== undefined && o.lastSeen === eventTimeMs ? event : undefined,
      );
      // The first message of an alert whose `new` was dropped while its rule was disabled is its `new`.
      if (alert.status === 'update' && this.suppressed.size > 0 && this.suppressed.peek(alert.alertKey)) {
        this.suppressed.delete(alert.alertKey);
        alert.status = 'new';
      }
      return alert;
    });
  }
}
