import type { EcsEvent } from './types';

/**
 * Resolves one Sigma field to ECS: an ordered list of dotted paths; the first path present in the event
 * wins (coalesce). Accessors are interned so that per-event values can be cached by a small integer id.
 */
export class FieldAccessor {
  private readonly segments: string[][];

  constructor(
    readonly id: number,
    readonly paths: readonly string[],
  ) {
    this.segments = paths.map((p) => p.split('.'));
  }

  /** Raw value; `undefined` when the field is absent, `null` when present but null. */
  get(event: EcsEvent): unknown {
    for (const segs of this.segments) {
      const v = getPath(event, segs, 0);
      if (v !== undefined) return v;
    }
    return undefined;
  }
}

const hasOwn = Object.prototype.hasOwnProperty;

/** Walk nested objects; also accepts flattened dotted keys (`{"winlog.event_data": {...}}`) and arrays. */
export function getPath(obj: unknown, segs: readonly string[], i: number): unknown {
  if (i === segs.length) return obj;
  if (obj === null || typeof obj !== 'object') return undefined;
  if (Array.isArray(obj)) {
    const out: unknown[] = [];
    for (const el of obj) {
      const v = getPath(el, segs, i);
      if (v === undefined) continue;
      if (Array.isArray(v)) out.push(...(v as unknown[]));
      else out.push(v);
    }
    return out.length > 0 ? out : undefined;
  }
  const rec = obj as Record<string, unknown>;
  let key = segs[i];
  for (let j = i; j < segs.length; j++) {
    if (j > i) key += '.' + segs[j];
    if (hasOwn.call(rec, key)) {
      const v = getPath(rec[key], segs, j + 1);
      if (v !== undefined) return v;
    }
  }
  return undefined;
}

const registry = new Map<string, FieldAccessor>();

export function accessorFor(paths: readonly string[]): FieldAccessor {
  const key = paths.join('\u0000');
  let acc = registry.get(key);
  if (!acc) {
    acc = new FieldAccessor(registry.size, paths);
    registry.set(key, acc);
  }
  return acc;
}

const EMPTY: readonly string[] = [];

function toStrings(v: unknown, out: string[]): void {
  if (v === undefined || v === null) return;
  if (typeof v === 'string') out.push(v);
  else if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') out.push(String(v));
  else if (Array.isArray(v)) for (const x of v) toStrings(x, out);
}

/**
 * Per-event evaluation context. One instance is reused across events (generation counter) so field
 * lookups, string conversion and lower-casing are done at most once per field and event. Caches are
 * dense typed arrays indexed by accessor / atom id.
 */
export class EventContext {
  event: EcsEvent = {};
  private gen = 0;
  private rawGen = new Uint32Array(64);
  private raw: unknown[] = new Array<unknown>(64).fill(undefined);
  private strGen = new Uint32Array(64);
  private str: (readonly string[])[] = new Array<readonly string[]>(64).fill(EMPTY);
  private lowGen = new Uint32Array(64);
  private low: (readonly string[])[] = new Array<readonly string[]>(64).fill(EMPTY);
  private boolGen = new Uint32Array(256);
  private boolVal = new Uint8Array(256);

  private growFields(id: number): void {
    let n = this.rawGen.length;
    while (n <= id) n *= 2;
    const grow = (a: Uint32Array) => {
      const b = new Uint32Array(n);
      b.set(a);
      return b;
    };
    this.rawGen = grow(this.rawGen);
    this.strGen = grow(this.strGen);
    this.lowGen = grow(this.lowGen);
    while (this.raw.length < n) {
      this.raw.push(undefined);
      this.str.push(EMPTY);
      this.low.push(EMPTY);
    }
  }

  /** Per-event memoised boolean (shared sub-expressions such as "CommandLine contains 'mimikatz'"). */
  cached(id: number, compute: (ctx: EventContext) => boolean): boolean {
    if (id >= this.boolGen.length) {
      let n = this.boolGen.length;
      while (n <= id) n *= 2;
      const g = new Uint32Array(n);
      g.set(this.boolGen);
      const v = new Uint8Array(n);
      v.set(this.boolVal);
      this.boolGen = g;
      this.boolVal = v;
    }
    if (this.boolGen[id] === this.gen) return this.boolVal[id] === 1;
    const r = compute(this);
    this.boolVal[id] = r ? 1 : 0;
    this.boolGen[id] = this.gen;
    return r;
  }

  reset(event: EcsEvent): void {
    this.event = event;
    this.gen++;
    if (this.gen === 0xffffffff) {
      this.gen = 1;
      this.rawGen.fill(0);
      this.strGen.fill(0);
      this.lowGen.fill(0);
      this.boolGen.fill(0);
    }
  }

  value(acc: FieldAccessor): unknown {
    const id = acc.id;
    if (id >= this.rawGen.length) this.growFields(id);
    if (this.rawGen[id] === this.gen) return this.raw[id];
    const v = acc.get(this.event);
    this.raw[id] = v;
    this.rawGen[id] = this.gen;
    return v;
  }

  strings(acc: FieldAccessor): readonly string[] {
    const id = acc.id;
    if (id >= this.strGen.length) this.growFields(id);
    if (this.strGen[id] === this.gen) return this.str[id];
    const v = this.value(acc);
    let out: readonly string[];
    if (typeof v === 'string') out = [v];
    else if (v === undefined || v === null) out = EMPTY;
    else {
      const arr: string[] = [];
      toStrings(v, arr);
      out = arr;
    }
    this.str[id] = out;
    this.strGen[id] = this.gen;
    return out;
  }

  lower(acc: FieldAccessor): readonly string[] {
    const id = acc.id;
    if (id >= this.lowGen.length) this.growFields(id);
    if (this.lowGen[id] === this.gen) return this.low[id];
    const s = this.strings(acc);
    const out = s.length === 0 ? EMPTY : s.length === 1 ? [s[0].toLowerCase()] : s.map((x) => x.toLowerCase());
    this.low[id] = out;
    this.lowGen[id] = this.gen;
    return out;
  }
}
