import type { AlertMessage } from '@vigie/contracts';
import {
  CompiledRule,
  EcsEvent,
  EngineOutput,
  EngineStats,
  ForwardOutput,
  groupRoutingKey,
  SigmaEngine,
} from '@vigie/sigma';
import { AlertBuilder, memberOf } from './alert-builder';
import { CorrelationInputMessage, memberOf as inputMemberOf, toInputMessages } from './correlation-input';
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
  /**
   * Correlations (uids) counted by another pipeline: their inputs are not counted here but handed out by
   * {@link DetectionPipeline.takeInputs}, and counted by {@link DetectionPipeline.processInput}. Default none.
   */
  forward?: ReadonlySet<string>;
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
  /** Inputs of forwarded correlations not yet handed out. */
  private forwards: ForwardOutput[] = [];
  /** Inputs naming a correlation (or positions) this pipeline does not have: rule packs differ between detectors. */
  unknownInputs = 0;

  constructor(rules: readonly CompiledRule[], options: DetectionPipelineOptions = {}) {
    this.timeField = options.timeField ?? 'received';
    this.ruleSwitch = options.ruleSwitch;
    this.engine = new SigmaEngine(options.ruleSwitch ? gateRules(rules, options.ruleSwitch) : rules, {
      timestampField: this.timeField === 'received' ? 'event.created' : '@timestamp',
      allowedLatenessMs: options.allowedLatenessMs,
      maxGroupsPerRule: options.maxGroupsPerRule,
      forward: options.forward,
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

  /**
   * Close the windows that ended before `nowMs` minus the allowed lateness (deferred conditions decided). `inPlace`:
   * as for {@link processInput}.
   */
  flush(nowMs: number, inPlace?: (key: string) => boolean): AlertMessage[] {
    const alerts = this.toAlerts(this.engine.flush(nowMs));
    if (inPlace) this.feedInPlace(inPlace, undefined, alerts);
    return alerts;
  }

  stats(): EngineStats {
    return this.engine.stats();
  }

  /**
   * The inputs of forwarded correlations produced since the last call (by {@link process}, {@link processInput} or
   * {@link flush}), as messages keyed by group: one per event (or inner alert) and routing key.
   */
  takeInputs(): Array<{ key: string; message: CorrelationInputMessage }> {
    const forwards = this.collect();
    this.forwards = [];
    if (forwards.length === 0) return [];
    return toInputMessages(forwards, (f) => this.builder.membersOfCorrelation(f.from.alert));
  }

  /**
   * Count one message of correlation inputs (from any pipeline's {@link takeInputs}); returns the alert messages
   * it raised or updated. `shard` (its source partition) owns the groups it opens. An alert of a forwarded
   * correlation that feeds a chained forwarded correlation is handed out by {@link takeInputs}, unless `inPlace`
   * answers true for its routing key: it is then counted here at once.
   */
  processInput(message: CorrelationInputMessage, shard?: string, inPlace?: (key: string) => boolean): AlertMessage[] {
    const src = message.source;
    let event: EcsEvent | undefined;
    if (src.kind === 'event') {
      event = src.event;
      if (src.eventId !== undefined) this.builder.noteEvent(src.eventId, event);
    } else this.builder.noteMembers(src.alertKey, src.members);
    const alerts: AlertMessage[] = [];
    for (const entry of message.inputs) {
      const outputs = this.engine.feedInput(entry.correlation, inputMemberOf(message, entry), shard);
      if (outputs === undefined) this.unknownInputs++;
      else if (outputs.length > 0) alerts.push(...this.toAlerts(outputs, event, message.timeMs));
    }
    if (inPlace) this.feedInPlace(inPlace, shard, alerts);
    return alerts;
  }

  /** Forwards collected so far, the engine's included. */
  private collect(): ForwardOutput[] {
    const fresh = this.engine.takeForwards();
    if (fresh.length > 0) this.forwards.push(...fresh);
    return this.forwards;
  }

  /** Count here the pending inputs whose routing key `inPlace` accepts (and those they produce in turn). */
  private feedInPlace(inPlace: (key: string) => boolean, shard: string | undefined, alerts: AlertMessage[]): void {
    for (;;) {
      const pending = this.collect();
      const here = pending.filter((f) => inPlace(groupRoutingKey(f.correlation.groupBy, f.member.groupValues)));
      if (here.length === 0) return;
      this.forwards = pending.filter((f) => !here.includes(f));
      for (const f of here) {
        if (f.from.kind === 'alert') {
          this.builder.noteMembers(f.from.alert.alertKey, this.builder.membersOfCorrelation(f.from.alert));
        }
        const outputs = this.engine.feedInput(
          f.correlationKey,
          f.member,
          f.from.kind === 'alert' ? (f.from.alert.shard ?? shard) : shard,
        );
        if (outputs && outputs.length > 0) alerts.push(...this.toAlerts(outputs));
      }
    }
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
