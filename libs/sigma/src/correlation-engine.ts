import type { CorrelationRule } from './compiled-rule';
import { ConditionNode, parseCondition } from './condition-parser';
import type { CompareOp, ThresholdCondition } from './types';

/** One input of a correlation: a base-rule match or an alert of a referenced correlation. */
export interface CorrelationMember {
  /** Index of the referenced rule in `rule.ruleUids`. */
  positions: number[];
  timeMs: number;
  eventId?: string;
  groupValues: Record<string, string>;
  /** Field value for value_* correlations. */
  value?: string;
}

export interface CorrelationAlert {
  kind: 'correlation';
  rule: CorrelationRule;
  /** Stable key of the alert: identical for the `new` output and every later `update`. */
  alertKey: string;
  /** true for the first output of an alert, false for updates. */
  new: boolean;
  groupKey: string;
  groupValues: Record<string, string>;
  firstSeen: number;
  lastSeen: number;
  /** Member events (or member alerts) attributed to the alert. */
  count: number;
  /** The statistic compared by the condition (event count, distinct values, sum, average, min, max, distinct rules). */
  value: number;
  sampleEventIds: string[];
  members: Array<{ rule: string; count: number }>;
  /** State shard of the group that raised it (see {@link CorrelationRunner.snapshot}). */
  shard?: string;
}

export interface CorrelationLimits {
  maxGroupsPerRule: number;
  maxSampleIds: number;
}

interface Entry {
  t: number;
  id?: string;
  pos: number;
  v?: string;
}

interface OpenAlert {
  key: string;
  firstSeen: number;
  lastSeen: number;
  windowEnd: number;
  count: number;
  samples: string[];
  memberCounts: number[];
  distinct: Set<string>;
  sum: number;
  numCount: number;
  min: number;
  max: number;
}

interface Group {
  key: string;
  /** State shard that created the group (the source partition of its first event); '' when unsharded. */
  shard: string;
  values: Record<string, string>;
  entries: Entry[];
  maxT: number;
  alert?: OpenAlert;
  /** temporal_ordered: best chain ending at each position. */
  chain?: Array<{ start: number; end: number } | undefined>;
}

/** A correlation group as plain JSON (numbers, strings, arrays): what a state checkpoint stores. */
export interface GroupSnapshot {
  key: string;
  values: Record<string, string>;
  maxT: number;
  /** [time, position, event id, value]. */
  entries: Array<[number, number, string | null, string | null]>;
  alert?: {
    key: string;
    firstSeen: number;
    lastSeen: number;
    windowEnd: number;
    count: number;
    samples: string[];
    memberCounts: number[];
    distinct: string[];
    sum: number;
    numCount: number;
    min: number | null;
    max: number | null;
  };
  chain?: Array<[number, number] | null>;
}

function check(op: CompareOp, a: number, b: number): boolean {
  switch (op) {
    case 'gt':
      return a > b;
    case 'gte':
      return a >= b;
    case 'lt':
      return a < b;
    case 'lte':
      return a <= b;
    case 'eq':
      return a === b;
    case 'neq':
      return a !== b;
  }
}

function evalExpr(node: ConditionNode, seen: (ref: string) => boolean): boolean {
  switch (node.t) {
    case 'id':
      return seen(node.name);
    case 'not':
      return !evalExpr(node.arg, seen);
    case 'and':
      return node.args.every((a) => evalExpr(a, seen));
    case 'or':
      return node.args.some((a) => evalExpr(a, seen));
    case 'of':
      return false;
  }
}

function hasNot(node: ConditionNode): boolean {
  if (node.t === 'not') return true;
  if (node.t === 'and' || node.t === 'or') return node.args.some(hasNot);
  return false;
}

/**
 * Streaming state of one correlation rule: sliding event-time windows per group.
 * Lower-bounded conditions (gt/gte, monotone temporal conditions) fire as soon as they hold; conditions
 * with an upper bound (lt, lte, eq, neq, or `not` in a temporal expression) are decided when the window
 * closes. One alert per group and window: later member events inside the window produce `update`s.
 */
export class CorrelationRunner {
  readonly groups = new Map<string, Group>();
  evictions = 0;
  expirations = 0;
  /** Restored groups not taken because a group with the same key was already open here. */
  restoreConflicts = 0;
  /** Shards whose groups changed since the last {@link takeDirty}. */
  private readonly dirty = new Set<string>();
  private readonly eager: boolean;
  private readonly threshold?: ThresholdCondition;
  private readonly expr?: ConditionNode;
  private readonly n: number;

  constructor(
    readonly rule: CorrelationRule,
    private readonly limits: CorrelationLimits,
  ) {
    this.n = rule.ruleUids.length;
    const c = rule.condition;
    if (c?.kind === 'threshold') this.threshold = c;
    if (c?.kind === 'expression') this.expr = parseCondition(c.expression);
    if (rule.type === 'temporal_ordered') this.eager = true;
    else if (this.expr) this.eager = !hasNot(this.expr);
    else if (this.threshold) this.eager = this.threshold.bounds.every((b) => b.op === 'gt' || b.op === 'gte');
    else this.eager = true;
  }

  /**
   * Feed a member; returns alerts (new or update). `shard` (the event's source partition) owns a group it
   * creates: the group is saved in, and restored from, that shard's checkpoint.
   */
  add(m: CorrelationMember, watermark: number, shard = ''): CorrelationAlert[] {
    const values = m.groupValues;
    const gkey = this.rule.groupBy.length === 0 ? '' : JSON.stringify(this.rule.groupBy.map((g) => values[g]));
    let g = this.groups.get(gkey);
    if (g) {
      this.groups.delete(gkey);
      this.groups.set(gkey, g); // LRU order
    } else {
      if (this.groups.size >= this.limits.maxGroupsPerRule) {
        this.evictOldest();
      }
      g = { key: gkey, shard, values: { ...values }, entries: [], maxT: m.timeMs };
      this.groups.set(gkey, g);
    }
    this.dirty.add(g.shard);
    const out: CorrelationAlert[] = [];
    const span = this.rule.timespanMs;

    if (g.alert && m.timeMs > g.alert.windowEnd) this.closeAlert(g, out);
    if (!this.eager && g.entries.length > 0 && m.timeMs > g.entries[0].t + span) this.closeDeferred(g, out);
    if (g.alert) {
      if (m.timeMs < g.alert.firstSeen) return out; // older than the alert window: not attributable
      this.attribute(g.alert, m);
      if (this.rule.type === 'temporal_ordered') this.advanceChain(g, m);
      out.push(this.toAlert(g, g.alert, false));
      return out;
    }
    g.maxT = Math.max(g.maxT, m.timeMs);
    this.insert(g, { t: m.timeMs, id: m.eventId, pos: m.positions[0], v: m.value }, m.positions);
    if (!this.eager) return out;
    let fire: boolean;
    if (this.rule.type === 'temporal_ordered') fire = this.advanceChain(g, m);
    else fire = this.holds(g.entries);
    if (fire) {
      const first =
        this.rule.type === 'temporal_ordered' ? (g.chain?.[this.n - 1]?.start ?? g.entries[0].t) : g.entries[0].t;
      const attributed = g.entries.filter((e) => e.t >= first);
      g.alert = this.openAlert(g, attributed, first);
      out.push(this.toAlert(g, g.alert, true));
    }
    void watermark;
    return out;
  }

  /** Close windows that ended before `closeBefore` and drop idle groups. */
  sweep(closeBefore: number): CorrelationAlert[] {
    const out: CorrelationAlert[] = [];
    const span = this.rule.timespanMs;
    for (const [key, g] of this.groups) {
      const before = g.entries.length;
      const hadAlert = g.alert !== undefined;
      if (g.alert && g.alert.windowEnd < closeBefore) this.closeAlert(g, out);
      if (!this.eager && g.entries.length > 0 && g.entries[0].t + span < closeBefore) this.closeDeferred(g, out);
      if (!g.alert && g.entries.length > 0) {
        const cut = closeBefore - span;
        let i = 0;
        while (i < g.entries.length && g.entries[i].t < cut) i++;
        if (i > 0) g.entries.splice(0, i);
      }
      if (g.entries.length !== before || hadAlert !== (g.alert !== undefined)) this.dirty.add(g.shard);
      if (!g.alert && g.entries.length === 0) {
        this.groups.delete(key);
        this.expirations++;
      }
    }
    return out;
  }

  private evictOldest(): void {
    const oldest = this.groups.keys().next().value;
    if (oldest === undefined) return;
    const g = this.groups.get(oldest);
    if (g) this.dirty.add(g.shard);
    this.groups.delete(oldest);
    this.evictions++;
  }

  /** Flag `shard` as changed (a checkpoint of it that could not be saved). */
  markDirty(shard: string): void {
    this.dirty.add(shard);
  }

  /** Shards whose groups changed since the last call (the set is emptied). */
  takeDirty(): string[] {
    const out = [...this.dirty];
    this.dirty.clear();
    return out;
  }

  /** The groups owned by `shard`, as plain JSON. */
  snapshot(shard: string): GroupSnapshot[] {
    const out: GroupSnapshot[] = [];
    for (const g of this.groups.values()) {
      if (g.shard !== shard) continue;
      const s: GroupSnapshot = {
        key: g.key,
        values: { ...g.values },
        maxT: g.maxT,
        entries: g.entries.map((e) => [e.t, e.pos, e.id ?? null, e.v ?? null]),
      };
      const a = g.alert;
      if (a) {
        s.alert = {
          key: a.key,
          firstSeen: a.firstSeen,
          lastSeen: a.lastSeen,
          windowEnd: a.windowEnd,
          count: a.count,
          samples: [...a.samples],
          memberCounts: [...a.memberCounts],
          distinct: [...a.distinct],
          sum: a.sum,
          numCount: a.numCount,
          min: Number.isFinite(a.min) ? a.min : null,
          max: Number.isFinite(a.max) ? a.max : null,
        };
      }
      if (g.chain) s.chain = g.chain.map((c) => (c ? [c.start, c.end] : null));
      out.push(s);
    }
    return out;
  }

  /** Drop the groups owned by `shard` (before restoring its checkpoint). */
  drop(shard: string): number {
    let n = 0;
    for (const [key, g] of this.groups) {
      if (g.shard !== shard) continue;
      this.groups.delete(key);
      n++;
    }
    return n;
  }

  /**
   * Add the groups of a checkpoint, owned by `shard`. A group whose key is already open here (its events came
   * from several shards) is kept as it is and counted in {@link restoreConflicts}. Returns the groups added.
   */
  restore(shard: string, groups: readonly GroupSnapshot[]): number {
    const restored: Array<[string, Group]> = [];
    for (const s of groups) {
      if (this.groups.has(s.key)) {
        this.restoreConflicts++;
        continue;
      }
      const g: Group = {
        key: s.key,
        shard,
        values: { ...s.values },
        maxT: s.maxT,
        entries: s.entries.map(([t, pos, id, v]) => ({
          t,
          pos,
          ...(id !== null ? { id } : {}),
          ...(v !== null ? { v } : {}),
        })),
      };
      if (s.alert) {
        const a = s.alert;
        g.alert = {
          ...a,
          samples: [...a.samples],
          memberCounts: [...a.memberCounts],
          distinct: new Set(a.distinct),
          min: a.min ?? Infinity,
          max: a.max ?? -Infinity,
        };
      }
      if (s.chain) g.chain = s.chain.map((c) => (c ? { start: c[0], end: c[1] } : undefined));
      restored.push([g.key, g]);
    }
    if (restored.length === 0) return 0;
    // Least recently used first: restored groups are older than the groups already open here.
    const open = [...this.groups];
    this.groups.clear();
    for (const [k, g] of restored) this.groups.set(k, g);
    for (const [k, g] of open) this.groups.set(k, g);
    while (this.groups.size > this.limits.maxGroupsPerRule) this.evictOldest();
    return restored.length;
  }

  private insert(g: Group, e: Entry, positions: number[]): void {
    const span = this.rule.timespanMs;
    const add = (x: Entry) => {
      let i = g.entries.length;
      while (i > 0 && g.entries[i - 1].t > x.t) i--;
      g.entries.splice(i, 0, x);
    };
    if (positions.length === 1) add(e);
    else for (const pos of positions) add({ ...e, pos });
    if (this.eager) {
      const cut = g.maxT - span;
      let i = 0;
      while (i < g.entries.length && g.entries[i].t < cut) i++;
      if (i > 0) g.entries.splice(0, i);
    }
  }

  private stat(entries: readonly Entry[]): number {
    switch (this.rule.type) {
      case 'event_count':
        return this.uniqueEvents(entries);
      case 'value_count':
        return new Set(entries.filter((e) => e.v !== undefined).map((e) => e.v)).size;
      case 'value_sum':
      case 'value_avg':
      case 'value_min':
      case 'value_max': {
        const nums = entries.map((e) => Number(e.v)).filter((x) => Number.isFinite(x));
        if (nums.length === 0) return NaN;
        if (this.rule.type === 'value_sum') return nums.reduce((a, b) => a + b, 0);
        if (this.rule.type === 'value_avg') return nums.reduce((a, b) => a + b, 0) / nums.length;
        return this.rule.type === 'value_min' ? Math.min(...nums) : Math.max(...nums);
      }
      case 'temporal':
      case 'temporal_ordered':
        return new Set(entries.map((e) => e.pos)).size;
    }
  }

  private uniqueEvents(entries: readonly Entry[]): number {
    let n = 0;
    let prev: Entry | undefined;
    for (const e of entries) {
      if (!(prev && prev.t === e.t && prev.id === e.id && e.id !== undefined)) n++;
      prev = e;
    }
    return n;
  }

  private holds(entries: readonly Entry[]): boolean {
    if (entries.length === 0) return false;
    if (this.expr) {
      const seen = new Set(entries.map((e) => e.pos));
      return evalExpr(this.expr, (ref) => {
        const idx = this.rule.ruleRefs.indexOf(ref);
        return idx >= 0 && seen.has(idx);
      });
    }
    const v = this.stat(entries);
    if (Number.isNaN(v)) return false;
    if (!this.threshold) return v >= this.n; // temporal without condition: all referenced rules
    return this.threshold.bounds.every((b) => check(b.op, v, b.value));
  }

  /** temporal_ordered: extend chains; true when a full ordered chain completes within the timespan. */
  private advanceChain(g: Group, m: CorrelationMember): boolean {
    const span = this.rule.timespanMs;
    const chain = (g.chain ??= new Array(this.n).fill(undefined));
    let completed = false;
    const positions = [...m.positions].sort((a, b) => b - a);
    for (const pos of positions) {
      let cand: { start: number; end: number } | undefined;
      if (pos === 0) cand = { start: m.timeMs, end: m.timeMs };
      else {
        const prev = chain[pos - 1];
        if (prev && prev.end <= m.timeMs && m.timeMs - prev.start <= span) cand = { start: prev.start, end: m.timeMs };
      }
      if (!cand) continue;
      const cur = chain[pos];
      if (!cur || cand.start >= cur.start || m.timeMs - cur.start > span) chain[pos] = cand;
      if (pos === this.n - 1) completed = true;
    }
    return completed;
  }

  private openAlert(g: Group, entries: readonly Entry[], first: number): OpenAlert {
    const a: OpenAlert = {
      key: `${this.rule.id ?? this.rule.uid}:${g.key}:${first}`,
      firstSeen: first,
      lastSeen: first,
      windowEnd: first + this.rule.timespanMs,
      count: 0,
      samples: [],
      memberCounts: new Array(this.n).fill(0),
      distinct: new Set(),
      sum: 0,
      numCount: 0,
      min: Infinity,
      max: -Infinity,
    };
    let prev: Entry | undefined;
    for (const e of entries) {
      const dup = prev && prev.t === e.t && prev.id === e.id && e.id !== undefined;
      this.attribute(a, { positions: [e.pos], timeMs: e.t, eventId: e.id, groupValues: {}, value: e.v }, !dup);
      prev = e;
    }
    return a;
  }

  private attribute(a: OpenAlert, m: CorrelationMember, countEvent = true): void {
    for (const p of m.positions) a.memberCounts[p]++;
    if (!countEvent) return;
    a.count++;
    a.lastSeen = Math.max(a.lastSeen, m.timeMs);
    if (m.eventId !== undefined && a.samples.length < this.limits.maxSampleIds) a.samples.push(m.eventId);
    if (m.value !== undefined) {
      if (a.distinct.size < 100_000) a.distinct.add(m.value);
      const x = Number(m.value);
      if (Number.isFinite(x)) {
        a.sum += x;
        a.numCount++;
        a.min = Math.min(a.min, x);
        a.max = Math.max(a.max, x);
      }
    }
  }

  private alertValue(a: OpenAlert): number {
    switch (this.rule.type) {
      case 'event_count':
        return a.count;
      case 'value_count':
        return a.distinct.size;
      case 'value_sum':
        return a.sum;
      case 'value_avg':
        return a.numCount === 0 ? 0 : a.sum / a.numCount;
      case 'value_min':
        return a.min;
      case 'value_max':
        return a.max;
      case 'temporal':
      case 'temporal_ordered':
        return a.memberCounts.filter((c) => c > 0).length;
    }
  }

  private toAlert(g: Group, a: OpenAlert, isNew: boolean): CorrelationAlert {
    return {
      kind: 'correlation',
      rule: this.rule,
      alertKey: a.key,
      new: isNew,
      groupKey: g.key,
      groupValues: { ...g.values },
      firstSeen: a.firstSeen,
      lastSeen: a.lastSeen,
      count: a.count,
      value: this.alertValue(a),
      sampleEventIds: [...a.samples],
      members: this.rule.ruleRefs.map((r, i) => ({ rule: r, count: a.memberCounts[i] })),
      ...(g.shard !== '' ? { shard: g.shard } : {}),
    };
  }

  private closeAlert(g: Group, _out: CorrelationAlert[]): void {
    g.alert = undefined;
    g.entries = [];
    g.chain = undefined;
  }

  private closeDeferred(g: Group, out: CorrelationAlert[]): void {
    const start = g.entries[0].t;
    const end = start + this.rule.timespanMs;
    const inWindow = g.entries.filter((e) => e.t <= end);
    if (this.holds(inWindow)) {
      const a = this.openAlert(g, inWindow, start);
      out.push(this.toAlert(g, a, true));
    }
    g.entries = g.entries.filter((e) => e.t > end);
  }
}
