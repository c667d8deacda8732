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
 * lookups, string conversion and lower-casing are done at most once per field and event.
 */
export class EventContext {
  event: EcsEvent = {};
  private gen = 0;
  private rawGen: number[] = [];
  private raw: unknown[] = [];
  private strGen: number[] = [];
  private str: (readonly string[])[] = [];
  private lowGen: number[] = [];
  private low: (readonly string[])[] = [];

  reset(event: EcsEvent): void {
    this.event = event;
    this.gen++;
  }

  value(acc: FieldAccessor): unknown {
    const id = acc.id;
    if (this.rawGen[id] === this.gen) return this.raw[id];
    const v = acc.get(this.event);
    this.raw[id] = v;
    this.rawGen[id] = this.gen;
    return v;
  }

  strings(acc: FieldAccessor): readonly string[] {
    const id = acc.id;
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
    if (this.lowGen[id] === this.gen) return this.low[id];
    const s = this.strings(acc);
    const out = s.length === 1 ? [s[0].toLowerCase()] : s.map((x) => x.toLowerCase());
    this.low[id] = out;
    this.lowGen[id] = this.gen;
    return out;
  }
}
