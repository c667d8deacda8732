import type { CompiledRule, CorrelationRule, DetectionRule } from './compiled-rule';
import { CorrelationAlert, CorrelationMember, CorrelationRunner, GroupSnapshot } from './correlation-engine';
import { aliasedField } from './correlation-routing';
import { accessorFor, EventContext, FieldAccessor, getPath } from './event-context';
import type { EcsEvent } from './types';

export interface EngineOptions {
  /** Event time field (ISO string or epoch milliseconds). Default `@timestamp`. */
  timestampField?: string;
  /** Event id field used for sample ids. Default `event.id`. */
  eventIdField?: string;
  /** Events older than watermark - allowedLatenessMs are late: matched by single rules, not correlated. Default 60 s. */
  allowedLatenessMs?: number;
  /** Maximum concurrent groups per correlation rule (least recently used evicted). Default 10 000. */
  maxGroupsPerRule?: number;
  /** Maximum sample event ids per correlation alert. Default 20. */
  maxSampleIds?: number;
  /** Event-time interval between two sweeps of expired windows. Default 1 s. */
  sweepIntervalMs?: number;
  /**
   * Correlations (uids) counted elsewhere: their inputs (base-rule matches, alerts of inner correlations) are not
   * fed here but handed out as {@link ForwardOutput}s (see {@link SigmaEngine.takeForwards}), to be brought to the
   * process that counts them and given to its {@link SigmaEngine.feedInput}. Default none.
   */
  forward?: ReadonlySet<string>;
}

/** An input of a correlation counted elsewhere (see {@link EngineOptions.forward}). */
export interface ForwardOutput {
  correlation: CorrelationRule;
  /** The correlation's name for {@link SigmaEngine.feedInput} (and in snapshots): its id, or `uid:<uid>`. */
  correlationKey: string;
  /** Positions, time, event id (or inner alert key), group values and value, as the correlation would be fed. */
  member: CorrelationMember;
  /** A detection rule that matched the evaluated event, or the alert of an inner correlation. */
  from: { kind: 'event'; rule: DetectionRule; event: EcsEvent } | { kind: 'alert'; alert: CorrelationAlert };
}

export interface MatchOutput {
  kind: 'match';
  rule: DetectionRule;
  event: EcsEvent;
  timestampMs: number;
  eventId?: string;
  /** True when the event arrived after the allowed lateness (it was not fed to correlations). */
  late: boolean;
}

export type EngineOutput = MatchOutput | CorrelationAlert;

/**
 * The correlation state of one shard (a source partition): its groups per correlation rule, as plain JSON.
 * Rules are named by id (by `uid` when the id is missing or shared), so that another process running the same
 * rules can restore it.
 */
export interface EngineSnapshot {
  version: 1;
  /** The engine's watermark when the snapshot was taken. */
  watermarkMs?: number;
  rules: Record<string, GroupSnapshot[]>;
}

export interface RestoreResult {
  /** Groups added. */
  groups: number;
  /** Groups not added: a group with the same key was already open (its events came from several shards). */
  conflicts: number;
  /** Groups of rules that are not loaded here. */
  unknownRules: number;
}

export interface EngineStats {
  rules: { detection: number; correlation: number; indexed: number; unindexed: number };
  events: number;
  candidateEvaluations: number;
  matches: number;
  suppressedMatches: number;
  correlationAlerts: number;
  correlationUpdates: number;
  lateEvents: number;
  groups: number;
  evictions: number;
  expiredGroups: number;
  watermarkMs: number | undefined;
}

interface MemberLink {
  runner: CorrelationRunner;
  /** Snapshot name of the runner's rule. */
  key: string;
  /** The runner's inputs are handed out as forwards instead of fed here. */
  forwarded: boolean;
  positions: number[];
  /** Accessors for group-by fields (base rules only). */
  groupAccessors: FieldAccessor[];
  valueAccessor?: FieldAccessor;
  /** Field names for group-by values taken from an inner correlation's alert. */
  innerGroupFields: string[];
  innerValueField?: string;
}

/**
 * Streaming Sigma engine: single-event rules indexed by the values they require (event.code,
 * event.dataset, ...), plus correlation rules over event-time sliding windows.
 */
export class SigmaEngine {
  private readonly detections: DetectionRule[];
  private readonly buckets = new Map<string, Map<string, number[]>>();
  private readonly bucketAccessors: Array<{
    field: string;
    acc: FieldAccessor;
    basename: boolean;
    map: Map<string, number[]>;
  }> = [];
  private readonly unindexed: number[] = [];
  private readonly seen: Uint32Array;
  private evalGen = 0;
  private readonly ctx = new EventContext();
  private readonly runners: CorrelationRunner[] = [];
  /** Snapshot name of each runner (same index). */
  private readonly runnerKeys: string[] = [];
  private readonly runnerByKey = new Map<string, CorrelationRunner>();
  private forwards: ForwardOutput[] = [];
  private readonly links = new Map<string, MemberLink[]>();
  private readonly emits = new Map<string, boolean>();
  private readonly opts: Required<Omit<EngineOptions, 'forward'>>;
  private readonly forwarded: ReadonlySet<string>;
  private readonly tsPath: string[];
  private readonly idPath: string[];
  private watermark: number | undefined;
  private lastSweep = -Infinity;
  private readonly counters = {
    events: 0,
    candidateEvaluations: 0,
    matches: 0,
    suppressedMatches: 0,
    correlationAlerts: 0,
    correlationUpdates: 0,
    lateEvents: 0,
  };

  constructor(rules: readonly CompiledRule[], options: EngineOptions = {}) {
    this.opts = {
      timestampField: options.timestampField ?? '@timestamp',
      eventIdField: options.eventIdField ?? 'event.id',
      allowedLatenessMs: options.allowedLatenessMs ?? 60_000,
      maxGroupsPerRule: options.maxGroupsPerRule ?? 10_000,
      maxSampleIds: options.maxSampleIds ?? 20,
      sweepIntervalMs: options.sweepIntervalMs ?? 1_000,
    };
    this.forwarded = options.forward ?? new Set();
    this.tsPath = this.opts.timestampField.split('.');
    this.idPath = this.opts.eventIdField.split('.');
    this.detections = rules.filter((r): r is DetectionRule => r.kind === 'detection');
    this.seen = new Uint32Array(this.detections.length);
    this.detections.forEach((r, i) => {
      if (!r.indexKeys) {
        this.unindexed.push(i);
        return;
      }
      for (const k of r.indexKeys) {
        let byValue = this.buckets.get(k.field);
        if (!byValue) {
          byValue = new Map();
          this.buckets.set(k.field, byValue);
          const [paths, derive] = k.field.split('#');
          this.bucketAccessors.push({
            field: k.field,
            acc: accessorFor(paths.split(',')),
            basename: derive === 'basename',
            map: byValue,
          });
        }
        const list = byValue.get(k.value) ?? [];
        if (!list.includes(i)) list.push(i);
        byValue.set(k.value, list);
      }
    });
    this.setupCorrelations(rules.filter((r): r is CorrelationRule => r.kind === 'correlation'));
  }

  private setupCorrelations(correlations: CorrelationRule[]): void {
    const byUid = new Map<string, CompiledRule>();
    for (const d of this.detections) byUid.set(d.uid, d);
    for (const c of correlations) byUid.set(c.uid, c);
    const referencedBy = new Map<string, CorrelationRule[]>();
    const idCount = new Map<string, number>();
    for (const c of correlations) if (c.id !== undefined) idCount.set(c.id, (idCount.get(c.id) ?? 0) + 1);
    for (const c of correlations) {
      const key = c.id !== undefined && idCount.get(c.id) === 1 ? c.id : `uid:${c.uid}`;
      const runner = new CorrelationRunner(c, {
        maxGroupsPerRule: this.opts.maxGroupsPerRule,
        maxSampleIds: this.opts.maxSampleIds,
      });
      this.runners.push(runner);
      this.runnerKeys.push(key);
      this.runnerByKey.set(key, runner);
      const uniq = [...new Set(c.ruleUids)];
      for (const uid of uniq) {
        referencedBy.set(uid, [...(referencedBy.get(uid) ?? []), c]);
        const target = byUid.get(uid);
        if (!target) continue;
        const positions = c.ruleUids.flatMap((u, i) => (u === uid ? [i] : []));
        const fieldFor = (name: string): string => aliasedField(c, target, name);
        const valueField = c.condition?.kind === 'threshold' ? c.condition.field : undefined;
        const link: MemberLink = {
          runner,
          key,
          forwarded: this.forwarded.has(c.uid),
          positions,
          groupAccessors: [],
          innerGroupFields: c.groupBy.map(fieldFor),
          innerValueField: valueField ? fieldFor(valueField) : undefined,
        };
        if (target.kind === 'detection') {
          link.groupAccessors = c.groupBy.map((g) => accessorFor(target.resolveField(fieldFor(g))));
          if (valueField) link.valueAccessor = accessorFor(target.resolveField(fieldFor(valueField)));
        }
        this.links.set(uid, [...(this.links.get(uid) ?? []), link]);
      }
    }
    for (const r of [...this.detections, ...correlations]) {
      const refs = referencedBy.get(r.uid);
      this.emits.set(r.uid, !refs || refs.some((c) => c.generate));
    }
  }

  private eventTime(event: EcsEvent, receivedAtMs: number | undefined): number {
    const v = getPath(event, this.tsPath, 0);
    if (typeof v === 'number' && Number.isFinite(v)) return v;
    if (typeof v === 'string') {
      const t = Date.parse(v);
      if (!Number.isNaN(t)) return t;
    }
    return receivedAtMs ?? Date.now();
  }

  /**
   * Evaluate one event: single-rule matches and correlation alerts it completes or updates. `shard` names the
   * event's source (a bus partition): the correlation groups it opens belong to that shard's snapshot.
   */
  evaluate(event: EcsEvent, receivedAtMs?: number, shard = ''): EngineOutput[] {
    this.counters.events++;
    const ctx = this.ctx;
    ctx.reset(event);
    const gen = ++this.evalGen;
    const matched: number[] = [];
    const test = (i: number) => {
      if (this.seen[i] === gen) return;
      this.seen[i] = gen;
      this.counters.candidateEvaluations++;
      if (this.detections[i].matches(ctx)) matched.push(i);
    };
    for (const i of this.unindexed) test(i);
    for (const b of this.bucketAccessors) {
      const vals = ctx.lower(b.acc);
      for (let k = 0; k < vals.length; k++) {
        let v = vals[k];
        if (b.basename) v = v.slice(Math.max(v.lastIndexOf('\\'), v.lastIndexOf('/')) + 1);
        const list = b.map.get(v);
        if (list) for (const i of list) test(i);
      }
    }
    if (matched.length === 0) {
      if (this.runners.length === 0) return [];
      return this.advance(this.eventTime(event, receivedAtMs), []);
    }
    matched.sort((a, b) => a - b);
    const ts = this.eventTime(event, receivedAtMs);
    const late = this.watermark !== undefined && ts < this.watermark - this.opts.allowedLatenessMs;
    if (late) this.counters.lateEvents++;
    const idRaw = getPath(event, this.idPath, 0);
    const eventId = typeof idRaw === 'string' || typeof idRaw === 'number' ? String(idRaw) : undefined;
    const out: EngineOutput[] = [];
    for (const i of matched) {
      const rule = this.detections[i];
      this.counters.matches++;
      if (this.emits.get(rule.uid)) out.push({ kind: 'match', rule, event, timestampMs: ts, eventId, late });
      else this.counters.suppressedMatches++;
      if (late) continue;
      const links = this.links.get(rule.uid);
      if (!links) continue;
      for (const link of links) {
        const groupValues: Record<string, string> = {};
        let complete = true;
        link.runner.rule.groupBy.forEach((g, gi) => {
          const vals = ctx.strings(link.groupAccessors[gi]);
          if (vals.length === 0) complete = false;
          else groupValues[g] = vals.length === 1 ? vals[0] : vals.join(',');
        });
        if (!complete) continue;
        let value: string | undefined;
        if (link.valueAccessor) {
          const vals = ctx.strings(link.valueAccessor);
          if (vals.length === 0) continue;
          value = vals[0];
        }
        const member: CorrelationMember = { positions: link.positions, timeMs: ts, eventId, groupValues, value };
        if (link.forwarded) {
          this.forwards.push({
            correlation: link.runner.rule,
            correlationKey: link.key,
            member,
            from: { kind: 'event', rule, event },
          });
        } else this.feed(link, member, out, shard);
      }
    }
    return late ? out : this.advance(ts, out);
  }

  private feed(link: MemberLink, member: CorrelationMember, out: EngineOutput[], shard: string): void {
    const alerts = link.runner.add(member, this.watermark ?? member.timeMs, shard);
    for (const a of alerts) this.publish(a, out);
  }

  private publish(a: CorrelationAlert, out: EngineOutput[]): void {
    if (a.new) this.counters.correlationAlerts++;
    else this.counters.correlationUpdates++;
    if (this.emits.get(a.rule.uid)) out.push(a);
    if (!a.new) return;
    const links = this.links.get(a.rule.uid);
    if (!links) return;
    for (const link of links) {
      const groupValues: Record<string, string> = {};
      let complete = true;
      link.runner.rule.groupBy.forEach((g, gi) => {
        const v = a.groupValues[link.innerGroupFields[gi]];
        if (v === undefined) complete = false;
        else groupValues[g] = v;
      });
      if (!complete) continue;
      const value = link.innerValueField !== undefined ? a.groupValues[link.innerValueField] : undefined;
      if (link.innerValueField !== undefined && value === undefined) continue;
      const member: CorrelationMember = {
        positions: link.positions,
        timeMs: a.lastSeen,
        eventId: a.alertKey,
        groupValues,
        value,
      };
      if (link.forwarded) {
        this.forwards.push({
          correlation: link.runner.rule,
          correlationKey: link.key,
          member,
          from: { kind: 'alert', alert: a },
        });
      } else this.feed(link, member, out, a.shard ?? '');
    }
  }

  /**
   * The inputs of forwarded correlations produced since the last call (by {@link evaluate}, {@link feedInput} or
   * {@link flush}), in order; the list is emptied.
   */
  takeForwards(): ForwardOutput[] {
    if (this.forwards.length === 0) return [];
    const out = this.forwards;
    this.forwards = [];
    return out;
  }

  /** True when `correlationKey` names a correlation of this engine. */
  hasCorrelation(correlationKey: string): boolean {
    return this.runnerByKey.has(correlationKey);
  }

  /**
   * Feed one input of a correlation, as handed out by another engine's {@link takeForwards}: the correlation's
   * alerts (and those of correlations chained on it) are returned as {@link evaluate} would. `shard` owns a group
   * the input opens. An input older than the watermark minus the allowed lateness is not counted (`lateEvents`),
   * like a late event; an unknown correlation key or positions it does not have are ignored (`undefined`).
   */
  feedInput(correlationKey: string, member: CorrelationMember, shard = ''): EngineOutput[] | undefined {
    const runner = this.runnerByKey.get(correlationKey);
    if (!runner) return undefined;
    const n = runner.rule.ruleUids.length;
    if (member.positions.length === 0 || !member.positions.every((p) => Number.isInteger(p) && p >= 0 && p < n)) {
      return undefined;
    }
    if (this.watermark !== undefined && member.timeMs < this.watermark - this.opts.allowedLatenessMs) {
      this.counters.lateEvents++;
      return [];
    }
    const out: EngineOutput[] = [];
    const alerts = runner.add(member, this.watermark ?? member.timeMs, shard);
    for (const a of alerts) this.publish(a, out);
    return this.advance(member.timeMs, out);
  }

  private advance(ts: number, out: EngineOutput[]): EngineOutput[] {
    if (this.watermark === undefined || ts > this.watermark) this.watermark = ts;
    if (this.runners.length > 0 && this.watermark - this.lastSweep >= this.opts.sweepIntervalMs) {
      this.sweep(out);
    }
    return out;
  }

  private sweep(out: EngineOutput[]): void {
    if (this.watermark === undefined) return;
    this.lastSweep = this.watermark;
    const closeBefore = this.watermark - this.opts.allowedLatenessMs;
    for (const r of this.runners) for (const a of r.sweep(closeBefore)) this.publish(a, out);
  }

  /**
   * Advance the watermark to `nowMs` (if later) and close the windows that ended before
   * watermark - allowedLateness: deferred conditions (lt, lte, eq, ...) are decided and idle groups dropped.
   */
  flush(nowMs: number): EngineOutput[] {
    if (this.watermark === undefined || nowMs > this.watermark) this.watermark = nowMs;
    const out: EngineOutput[] = [];
    this.sweep(out);
    return out;
  }

  /** Shards whose correlation groups changed since the last call (opened, fed, closed, expired, evicted). */
  takeDirtyShards(): string[] {
    const out = new Set<string>();
    for (const r of this.runners) for (const s of r.takeDirty()) out.add(s);
    return [...out];
  }

  /** Flag `shard` as changed, so that the next {@link takeDirtyShards} returns it. */
  markDirty(shard: string): void {
    this.runners[0]?.markDirty(shard);
  }

  /** The correlation groups owned by `shard`, serialisable as JSON. */
  snapshot(shard: string): EngineSnapshot {
    const rules: Record<string, GroupSnapshot[]> = {};
    this.runners.forEach((r, i) => {
      const groups = r.snapshot(shard);
      if (groups.length > 0) rules[this.runnerKeys[i]] = groups;
    });
    return { version: 1, ...(this.watermark !== undefined ? { watermarkMs: this.watermark } : {}), rules };
  }

  /** Forget the correlation groups owned by `shard` (its partition went to another process). Returns the count. */
  dropShard(shard: string): number {
    let n = 0;
    for (const r of this.runners) n += r.drop(shard);
    return n;
  }

  /**
   * Replace the groups owned by `shard` with a snapshot's. The watermark is taken from the snapshot only when this
   * engine has none yet (a fresh process), so that restored windows are swept on the same clock.
   */
  restore(shard: string, snap: EngineSnapshot): RestoreResult {
    if (snap.version !== 1) throw new Error(`unsupported correlation snapshot version ${String(snap.version)}`);
    this.dropShard(shard);
    const byKey = new Map(this.runnerKeys.map((k, i) => [k, this.runners[i]]));
    const res: RestoreResult = { groups: 0, conflicts: 0, unknownRules: 0 };
    for (const [key, groups] of Object.entries(snap.rules)) {
      const runner = byKey.get(key);
      if (!runner) {
        res.unknownRules += groups.length;
        continue;
      }
      const before = runner.restoreConflicts;
      res.groups += runner.restore(shard, groups);
      res.conflicts += runner.restoreConflicts - before;
    }
    if (this.watermark === undefined && snap.watermarkMs !== undefined) this.watermark = snap.watermarkMs;
    return res;
  }

  stats(): EngineStats {
    let groups = 0;
    let evictions = 0;
    let expiredGroups = 0;
    for (const r of this.runners) {
      groups += r.groups.size;
      evictions += r.evictions;
      expiredGroups += r.expirations;
    }
    return {
      rules: {
        detection: this.detections.length,
        correlation: this.runners.length,
        indexed: this.detections.length - this.unindexed.length,
        unindexed: this.unindexed.length,
      },
      ...this.counters,
      groups,
      evictions,
      expiredGroups,
      watermarkMs: this.watermark,
    };
  }
}
