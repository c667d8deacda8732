import type { StructuredData } from './syslog-message';

export interface StructuredDataResult {
  data?: StructuredData;
  /** Index after the structured data (at the SP before MSG, or the end). */
  end: number;
  ok: boolean;
}

function addParam(element: Record<string, string | string[]>, name: string, value: string): void {
  const prev = element[name];
  if (prev === undefined) element[name] = value;
  else if (Array.isArray(prev)) prev.push(value);
  else element[name] = [prev, value];
}

/**
 * RFC 5424 STRUCTURED-DATA starting at `pos` (`-` or one or more `[SD-ID PARAM="VALUE" …]`).
 * PARAM-VALUE escapes `\"`, `\\` and `\]` are undone; any other backslash is kept as is (RFC 5424 §6.3.3).
 */
export function parseStructuredData(line: string, pos: number): StructuredDataResult {
  const len = line.length;
  if (line.charCodeAt(pos) === 45 /* - */) {
    const next = pos + 1;
    if (next === len || line.charCodeAt(next) === 32) return { end: next, ok: true };
    return { end: pos, ok: false };
  }
  if (line.charCodeAt(pos) !== 91 /* [ */) return { end: pos, ok: false };
  const data: StructuredData = Object.create(null) as StructuredData;
  let i = pos;
  while (i < len && line.charCodeAt(i) === 91) {
    i++;
    let j = i;
    while (j < len) {
      const c = line.charCodeAt(j);
      if (c === 32 || c === 93 || c === 61 || c === 34) break;
      j++;
    }
    if (j === i || j >= len) return { end: pos, ok: false };
    const id = line.slice(i, j);
    const element: Record<string, string | string[]> = data[id] ?? (Object.create(null) as Record<string, string>);
    data[id] = element;
    i = j;
    for (;;) {
      if (i >= len) return { end: pos, ok: false };
      const c = line.charCodeAt(i);
      if (c === 93 /* ] */) {
        i++;
        break;
      }
      if (c !== 32) return { end: pos, ok: false };
      while (i < len && line.charCodeAt(i) === 32) i++;
      if (line.charCodeAt(i) === 93) continue;
      const eq = line.indexOf('=', i);
      if (eq < 0 || eq === i) return { end: pos, ok: false };
      const name = line.slice(i, eq);
      if (name.includes(' ') || name.includes(']') || line.charCodeAt(eq + 1) !== 34 /* " */) {
        return { end: pos, ok: false };
      }
      let k = eq + 2;
      let value = '';
      let chunkStart = k;
      for (;;) {
        if (k >= len) return { end: pos, ok: false };
        const ch = line.charCodeAt(k);
        if (ch === 92 /* \ */ && k + 1 < len) {
          const nx = line.charCodeAt(k + 1);
          if (nx === 34 || nx === 92 || nx === 93) {
            value += line.slice(chunkStart, k);
            chunkStart = k + 1;
            k += 2;
            continue;
          }
          k++;
          continue;
        }
        if (ch === 34) break;
        k++;
      }
      value += line.slice(chunkStart, k);
      addParam(element, name, value);
      i = k + 1;
    }
  }
  return { data: { ...data }, end: i, ok: true };
}
