/**
 * `key=value` pairs separated by spaces, values optionally double-quoted with `\"` escapes
 * (Stormshield/WELF, FortiGate). Text without `=` is skipped. Never throws.
 */
export function parseKeyValues(text: string, start = 0): Record<string, string> {
  const out: Record<string, string> = {};
  const len = text.length;
  let i = start;
  while (i < len) {
    while (i < len && text.charCodeAt(i) === 32) i++;
    const keyStart = i;
    while (i < len) {
      const c = text.charCodeAt(i);
      if (c === 61 /* = */ || c === 32) break;
      i++;
    }
    if (i >= len) break;
    if (i === keyStart) {
      // A stray `=`: skip it.
      i++;
      continue;
    }
    if (text.charCodeAt(i) === 32) continue; // a bare word
    const key = text.slice(keyStart, i);
    i++; // '='
    let value: string;
    if (text.charCodeAt(i) === 34 /* " */) {
      i++;
      const close = text.indexOf('"', i);
      const quoted = close >= 0 ? text.slice(i, close) : '';
      if (close >= 0 && !quoted.includes('\\')) {
        // Fast path: no escape inside the quotes.
        if (key !== '__proto__' && out[key] === undefined) out[key] = quoted;
        i = close + 1;
        continue;
      }
      let v = '';
      let chunk = i;
      while (i < len) {
        const c = text.charCodeAt(i);
        if (c === 92 /* \ */ && i + 1 < len && (text.charCodeAt(i + 1) === 34 || text.charCodeAt(i + 1) === 92)) {
          v += text.slice(chunk, i);
          chunk = i + 1;
          i += 2;
          continue;
        }
        if (c === 34) break;
        i++;
      }
      v += text.slice(chunk, i);
      value = v;
      if (i < len) i++; // closing quote
    } else {
      const vs = i;
      while (i < len && text.charCodeAt(i) !== 32) i++;
      value = text.slice(vs, i);
    }
    if (key !== '__proto__' && out[key] === undefined) out[key] = value;
  }
  return out;
}
