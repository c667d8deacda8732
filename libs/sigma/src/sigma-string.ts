/**
 * Sigma string values: plain text interleaved with wildcards (`*`, `?`) and, with the `expand` modifier,
 * placeholders (`%name%`). Escaping follows the Sigma specification: `\*`, `\?` and `\\` produce the plain
 * character; a backslash before any other character is a plain backslash.
 */
export const WILD_MULTI = 0;
export const WILD_SINGLE = 1;

export interface Placeholder {
  placeholder: string;
}

export type StringPart = string | typeof WILD_MULTI | typeof WILD_SINGLE | Placeholder;

export interface SigmaString {
  parts: StringPart[];
}

function pushText(parts: StringPart[], text: string): void {
  if (text === '') return;
  const last = parts[parts.length - 1];
  if (typeof last === 'string') parts[parts.length - 1] = last + text;
  else parts.push(text);
}

export function parseSigmaString(raw: string): SigmaString {
  const parts: StringPart[] = [];
  let acc = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === '\\') {
      const n = raw[i + 1];
      if (n === '*' || n === '?' || n === '\\') {
        acc += n;
        i++;
      } else {
        acc += '\\';
      }
    } else if (c === '*' || c === '?') {
      pushText(parts, acc);
      acc = '';
      parts.push(c === '*' ? WILD_MULTI : WILD_SINGLE);
    } else {
      acc += c;
    }
  }
  pushText(parts, acc);
  return { parts };
}

export function plainString(text: string): SigmaString {
  return { parts: text === '' ? [] : [text] };
}

export function hasWildcards(s: SigmaString): boolean {
  return s.parts.some((p) => p === WILD_MULTI || p === WILD_SINGLE);
}

export function hasPlaceholders(s: SigmaString): boolean {
  return s.parts.some((p) => typeof p === 'object');
}

/** Text of a string without wildcards or placeholders; undefined otherwise. */
export function toPlain(s: SigmaString): string | undefined {
  let out = '';
  for (const p of s.parts) {
    if (typeof p !== 'string') return undefined;
    out += p;
  }
  return out;
}

/** Re-serialise to Sigma notation (escaping wildcards and backslashes that precede them). */
export function toSigmaNotation(s: SigmaString): string {
  return s.parts
    .map((p) => {
      if (p === WILD_MULTI) return '*';
      if (p === WILD_SINGLE) return '?';
      if (typeof p === 'object') return `%${p.placeholder}%`;
      return p.replace(/\\/g, '\\\\').replace(/\*/g, '\\*').replace(/\?/g, '\\?');
    })
    .join('');
}

/** Map plain text parts (wildcards and placeholders kept). */
export function mapText(s: SigmaString, fn: (t: string) => string): SigmaString {
  const parts: StringPart[] = [];
  for (const p of s.parts) {
    if (typeof p === 'string') pushText(parts, fn(p));
    else parts.push(p);
  }
  return { parts };
}

export function startsWithWildcard(s: SigmaString): boolean {
  return s.parts[0] === WILD_MULTI;
}

export function endsWithWildcard(s: SigmaString): boolean {
  return s.parts[s.parts.length - 1] === WILD_MULTI;
}

export function prependWildcard(s: SigmaString): SigmaString {
  return startsWithWildcard(s) ? s : { parts: [WILD_MULTI, ...s.parts] };
}

export function appendWildcard(s: SigmaString): SigmaString {
  return endsWithWildcard(s) ? s : { parts: [...s.parts, WILD_MULTI] };
}

/**
 * Turn `%name%` sequences of the plain parts into placeholders (`expand` modifier). `\%` (kept as a
 * literal backslash-percent by the parser) yields a plain percent sign.
 */
export function insertPlaceholders(s: SigmaString): SigmaString {
  const parts: StringPart[] = [];
  for (const p of s.parts) {
    if (typeof p !== 'string') {
      parts.push(p);
      continue;
    }
    let acc = '';
    let i = 0;
    while (i < p.length) {
      const c = p[i];
      if (c === '\\' && p[i + 1] === '%') {
        acc += '%';
        i += 2;
        continue;
      }
      if (c === '%') {
        const end = p.indexOf('%', i + 1);
        const name = end > i + 1 ? p.slice(i + 1, end) : '';
        if (name !== '' && /^[\w.-]+$/.test(name)) {
          pushText(parts, acc);
          acc = '';
          parts.push({ placeholder: name });
          i = end + 1;
          continue;
        }
      }
      acc += c;
      i++;
    }
    pushText(parts, acc);
  }
  return { parts };
}
