/**
 * Regular expressions of Sigma rules run on JavaScript's backtracking engine (the `re2` binding cannot be
 * built here), so a pattern is only accepted when it can be shown to have no catastrophic backtracking:
 *  - no backreferences, lookarounds, atomic groups, possessive quantifiers, recursion or conditionals;
 *  - no nested repetition (a repeated group containing a quantifier that repeats more than once) unless
 *    both repetitions are bounded;
 *  - no alternation inside an unbounded repetition unless every branch is a literal starting with a
 *    distinct character (unambiguous).
 * Polynomial patterns such as `.*a.*b` are accepted.
 * The PCRE leading inline flags `(?i)`, `(?s)`, `(?m)` (and combinations) become JavaScript flags;
 * `(?P<name>` becomes `(?<name>`; `\A` and `\z`/`\Z` become `^` and `$`.
 */

export type RegexCheck =
  { ok: true; source: string; flags: string } | { ok: false; unsupported: boolean; reason: string };

interface Node {
  /** Max repetition of this atom (1 for a plain atom; Infinity for *, + and {n,}). */
  max: number;
  /** Greatest repetition count of any quantifier inside (0 when none). */
  innerMax: number;
  /** Group atoms: branches (each a sequence of atoms). */
  branches?: Node[][];
  /** First character of a literal atom (for alternation analysis). */
  literal?: string;
}

class Parser {
  i = 0;
  constructor(
    private readonly src: string,
    private readonly ignoreCase: boolean,
  ) {}

  fail(reason: string, unsupported = true): never {
    throw new RegexRejected(reason, unsupported);
  }

  parseAlternation(): Node[][] {
    const branches: Node[][] = [this.parseSequence()];
    while (this.src[this.i] === '|') {
      this.i++;
      branches.push(this.parseSequence());
    }
    return branches;
  }

  parseSequence(): Node[] {
    const seq: Node[] = [];
    while (this.i < this.src.length && this.src[this.i] !== '|' && this.src[this.i] !== ')') {
      const atom = this.parseAtom();
      if (atom === null) continue;
      this.parseQuantifier(atom);
      seq.push(atom);
    }
    return seq;
  }

  parseAtom(): Node | null {
    const c = this.src[this.i];
    if (c === '(') {
      this.i++;
      if (this.src[this.i] === '?') {
        const rest = this.src.slice(this.i, this.i + 4);
        if (rest.startsWith('?:')) this.i += 2;
        else if (rest.startsWith('?<=') || rest.startsWith('?<!') || rest.startsWith('?=') || rest.startsWith('?!'))
          this.fail('lookaround assertions');
        else if (rest.startsWith('?>')) this.fail('atomic groups');
        else if (rest.startsWith('?P<') || rest.startsWith('?<')) {
          const end = this.src.indexOf('>', this.i);
          if (end < 0) this.fail('unterminated group name', false);
          this.i = end + 1;
        } else if (rest.startsWith('?P=') || rest.startsWith('?P>') || rest.startsWith('?R') || rest.startsWith('?('))
          this.fail('backreferences, recursion or conditionals');
        else this.fail('inline flags inside the pattern');
      }
      const branches = this.parseAlternation();
      if (this.src[this.i] !== ')') this.fail('unbalanced parenthesis', false);
      this.i++;
      const innerMax = Math.max(0, ...branches.flat().map((n) => Math.max(n.max > 1 ? n.max : 0, n.innerMax)));
      return { max: 1, innerMax, branches };
    }
    if (c === '[') {
      this.skipClass();
      return { max: 1, innerMax: 0 };
    }
    if (c === '\\') {
      const n = this.src[this.i + 1];
      if (n === undefined) this.fail('trailing backslash', false);
      if (/[1-9]/.test(n) || n === 'k' || n === 'g') this.fail('backreferences');
      if (n === 'A' || n === 'Z' || n === 'z' || n === 'b' || n === 'B' || n === 'G') {
        if (n === 'G') this.fail('\\G anchor');
        this.i += 2;
        return null;
      }
      if (n === 'Q') this.fail('\\Q...\\E quoting');
      if (n === 'x' && this.src[this.i + 2] === '{') {
        const end = this.src.indexOf('}', this.i);
        this.i = end < 0 ? this.src.length : end + 1;
        return { max: 1, innerMax: 0 };
      }
      this.i += 2;
      const literal = /[dDwWsSnrtfv.]/.test(n) && !/[.]/.test(n) ? undefined : n;
      return { max: 1, innerMax: 0, literal };
    }
    if (c === '^' || c === '$') {
      this.i++;
      return null;
    }
    if (c === '*' || c === '+' || c === '?') this.fail('quantifier without operand', false);
    this.i++;
    return { max: 1, innerMax: 0, literal: c === '.' ? undefined : c };
  }

  skipClass(): void {
    this.i++;
    if (this.src[this.i] === '^') this.i++;
    if (this.src[this.i] === ']') this.i++;
    while (this.i < this.src.length && this.src[this.i] !== ']') {
      if (this.src[this.i] === '[' && this.src[this.i + 1] === ':') this.fail('POSIX character classes');
      if (this.src[this.i] === '\\') this.i++;
      this.i++;
    }
    if (this.src[this.i] !== ']') this.fail('unterminated character class', false);
    this.i++;
  }

  parseQuantifier(atom: Node): void {
    for (;;) {
      const c = this.src[this.i];
      let max: number | undefined;
      if (c === '*' || c === '+') max = Infinity;
      else if (c === '?') max = 1;
      else if (c === '{') {
        const m = /^\{(\d*)(,(\d*))?\}/.exec(this.src.slice(this.i));
        if (!m || (m[1] === '' && m[3] === undefined)) return; // literal brace
        max = m[2] === undefined ? Number(m[1]) : m[3] === '' ? Infinity : Number(m[3]);
        this.i += m[0].length - 1;
      } else return;
      this.i++;
      if (this.src[this.i] === '+') this.fail('possessive quantifiers');
      if (this.src[this.i] === '?') this.i++; // lazy
      if (atom.max > 1 && max > 1) this.fail('nested quantifiers (ambiguous repetition)');
      atom.max = Math.max(atom.max, max);
      this.check(atom);
    }
  }

  private check(atom: Node): void {
    if (atom.max <= 1 || !atom.branches) return;
    const unbounded = atom.max === Infinity;
    if (atom.innerMax > 1 && (unbounded || atom.innerMax === Infinity)) {
      this.fail('nested quantifiers (ambiguous repetition)');
    }
    if (unbounded && atom.branches.length > 1) {
      const firsts = new Set<string>();
      for (const b of atom.branches) {
        const first = b[0];
        const ch = first?.literal;
        if (first === undefined || ch === undefined || first.branches || first.max !== 1) {
          this.fail('alternation inside repetition (ambiguous repetition)');
        }
        const key = this.ignoreCase ? ch.toLowerCase() : ch;
        if (firsts.has(key)) this.fail('alternation inside repetition (ambiguous repetition)');
        firsts.add(key);
      }
    }
  }
}

class RegexRejected extends Error {
  constructor(
    readonly reason: string,
    readonly unsupported: boolean,
  ) {
    super(reason);
  }
}

/** Convert PCRE-only syntax and check the pattern; `flags` are the Sigma sub-modifiers (i, m, s). */
export function checkRegex(pattern: string, sigmaFlags: ReadonlySet<string>): RegexCheck {
  const flags = new Set<string>(sigmaFlags);
  let src = pattern;
  const lead = /^\(\?([imsx]+)\)/.exec(src);
  if (lead) {
    if (lead[1].includes('x')) return { ok: false, unsupported: true, reason: 'regex: extended (x) flag' };
    for (const f of lead[1]) flags.add(f);
    src = src.slice(lead[0].length);
  }
  src = src.replace(/\(\?P</g, '(?<');
  try {
    const p = new Parser(src, flags.has('i'));
    p.parseAlternation();
    if (p.i < src.length) p.fail('unbalanced parenthesis', false);
  } catch (e: unknown) {
    if (e instanceof RegexRejected) return { ok: false, unsupported: e.unsupported, reason: `regex: ${e.reason}` };
    throw e;
  }
  src = src.replace(/(^|[^\\])((?:\\\\)*)\\A/g, '$1$2^').replace(/(^|[^\\])((?:\\\\)*)\\[zZ]/g, '$1$2$');
  const jsFlags = [...flags]
    .filter((f) => f === 'i' || f === 'm' || f === 's')
    .sort()
    .join('');
  try {
    new RegExp(src, jsFlags);
  } catch (e: unknown) {
    return { ok: false, unsupported: false, reason: `regex: ${(e as Error).message}` };
  }
  return { ok: true, source: src, flags: jsFlags };
}
