import { KqlSyntaxError } from './kql-syntax.error';

export type RangeOp = 'gt' | 'gte' | 'lt' | 'lte';
export type Keyword = 'and' | 'or' | 'not';

interface Span {
  start: number;
  end: number;
}

export type Token =
  | (Span & { kind: 'ws'; raw: string })
  | (Span & { kind: 'lparen' })
  | (Span & { kind: 'rparen' })
  | (Span & { kind: 'colon' })
  | (Span & { kind: 'lbrace' })
  | (Span & { kind: 'rbrace' })
  | (Span & { kind: 'eof' })
  | (Span & { kind: 'range'; op: RangeOp; text: string })
  | (Span & { kind: 'quoted'; value: string })
  | (Span & { kind: 'word'; word: Word });

/** One run of unquoted characters, escapes resolved. */
export interface Word {
  /** Text with escapes resolved; a wildcard is kept as `*`. */
  value: string;
  /** Wildcard pattern: `*` for each wildcard; literal `*`, `?` and `\` escaped with `\`. */
  pattern: string;
  /** Offset of the first unescaped `*`, or -1. */
  wildcardAt: number;
  /** `and`, `or` or `not` written bare (not escaped), in any case. */
  keyword?: Keyword;
}

const WHITESPACE = new Set([' ', '\t', '\r', '\n', '\u00a0', '\f', '\v']);
/** Characters that end a word unless escaped (`*` is a wildcard inside a word). */
const DELIMITERS = new Set(['(', ')', ':', '<', '>', '"', '{', '}']);
/** Characters that may follow a backslash and stand for themselves. */
const ESCAPABLE = new Set(['\\', '(', ')', ':', '<', '>', '"', '*', '{', '}', ' ']);
const WHITESPACE_ESCAPES: Readonly<Record<string, string>> = { t: '\t', r: '\r', n: '\n' };
const KEYWORDS: readonly Keyword[] = ['and', 'or', 'not'];

export const isKqlWhitespace = (ch: string): boolean => WHITESPACE.has(ch);

/** Escapes a literal character for use in a wildcard pattern. */
export const escapePatternChar = (ch: string): string => (ch === '*' || ch === '?' || ch === '\\' ? `\\${ch}` : ch);

/**
 * Lazy tokenizer: tokens are produced on demand so that the first error in
 * reading order is the one reported.
 */
export class KqlLexer {
  private pos = 0;
  private readonly buffer: Token[] = [];

  constructor(private readonly input: string) {}

  peek(ahead = 0): Token {
    while (this.buffer.length <= ahead) {
      const last = this.buffer[this.buffer.length - 1];
      if (last?.kind === 'eof') return last;
      this.buffer.push(this.read());
    }
    return this.buffer[ahead];
  }

  next(): Token {
    const token = this.peek();
    if (token.kind !== 'eof') this.buffer.shift();
    return token;
  }

  private read(): Token {
    const { input } = this;
    const start = this.pos;
    if (start >= input.length) return { kind: 'eof', start, end: start };
    const ch = input[start];
    if (WHITESPACE.has(ch)) {
      let end = start + 1;
      while (end < input.length && WHITESPACE.has(input[end])) end++;
      this.pos = end;
      return { kind: 'ws', start, end, raw: input.slice(start, end) };
    }
    switch (ch) {
      case '(':
        return this.single('lparen');
      case ')':
        return this.single('rparen');
      case ':':
        return this.single('colon');
      case '{':
        return this.single('lbrace');
      case '}':
        return this.single('rbrace');
      case '<':
      case '>': {
        const withEquals = input[start + 1] === '=';
        const op: RangeOp = ch === '<' ? (withEquals ? 'lte' : 'lt') : withEquals ? 'gte' : 'gt';
        this.pos = start + (withEquals ? 2 : 1);
        return { kind: 'range', op, text: input.slice(start, this.pos), start, end: this.pos };
      }
      case '"':
        return this.readQuoted();
      default:
        return this.readWord();
    }
  }

  private single(kind: 'lparen' | 'rparen' | 'colon' | 'lbrace' | 'rbrace'): Token {
    const start = this.pos++;
    return { kind, start, end: this.pos };
  }

  private readQuoted(): Token {
    const { input } = this;
    const start = this.pos;
    let i = start + 1;
    let value = '';
    while (i < input.length) {
      const ch = input[i];
      if (ch === '"') {
        this.pos = i + 1;
        return { kind: 'quoted', value, start, end: this.pos };
      }
      if (ch === '\\' && i + 1 < input.length) {
        const nextCh = input[i + 1];
        if (nextCh === '\\' || nextCh === '"') {
          value += nextCh;
          i += 2;
          continue;
        }
        if (WHITESPACE_ESCAPES[nextCh] !== undefined) {
          value += WHITESPACE_ESCAPES[nextCh];
          i += 2;
          continue;
        }
        const unicode = this.unicodeEscapeAt(i);
        if (unicode !== undefined) {
          value += unicode;
          i += 6;
          continue;
        }
      }
      // Any other backslash stands for itself inside quotes (`"C:\Windows"`).
      value += ch;
      i++;
    }
    throw new KqlSyntaxError("Unterminated quoted string (missing closing '\"')", start, ['"']);
  }

  private readWord(): Token {
    const { input } = this;
    const start = this.pos;
    let i = start;
    let value = '';
    let pattern = '';
    let wildcardAt = -1;
    let escaped = false;
    while (i < input.length) {
      const ch = input[i];
      if (WHITESPACE.has(ch) || DELIMITERS.has(ch)) break;
      if (ch === '*') {
        if (wildcardAt < 0) wildcardAt = i;
        value += '*';
        pattern += '*';
        i++;
        continue;
      }
      if (ch !== '\\') {
        value += ch;
        pattern += escapePatternChar(ch);
        i++;
        continue;
      }
      escaped = true;
      const resolved = this.readEscape(i);
      value += resolved.text;
      pattern += [...resolved.text].map(escapePatternChar).join('');
      i += resolved.length;
    }
    this.pos = i;
    const raw = input.slice(start, i);
    const lower = raw.toLowerCase();
    const keyword = escaped ? undefined : KEYWORDS.find((k) => k === lower);
    return { kind: 'word', start, end: i, word: { value, pattern, wildcardAt, keyword } };
  }

  /** Resolves the escape sequence starting with the backslash at `at`. */
  private readEscape(at: number): { text: string; length: number } {
    const { input } = this;
    const nextCh = input[at + 1];
    if (nextCh === undefined) {
      throw new KqlSyntaxError(
        "Incomplete escape sequence: '\\' at the end of the query (use '\\\\' for a backslash)",
        at,
      );
    }
    // Escaped keywords first, so that `\not` is the word "not", not a newline followed by "ot".
    for (const keyword of KEYWORDS) {
      const candidate = input.slice(at + 1, at + 1 + keyword.length);
      if (candidate.toLowerCase() === keyword) return { text: candidate, length: keyword.length + 1 };
    }
    if (ESCAPABLE.has(nextCh)) return { text: nextCh, length: 2 };
    if (WHITESPACE_ESCAPES[nextCh] !== undefined) return { text: WHITESPACE_ESCAPES[nextCh], length: 2 };
    const unicode = this.unicodeEscapeAt(at);
    if (unicode !== undefined) return { text: unicode, length: 6 };
    throw new KqlSyntaxError(
      `Invalid escape sequence '\\${nextCh}' (only \\\\ \\( \\) \\: \\< \\> \\" \\* \\{ \\} \\<space> \\t \\r \\n \\uXXXX and escaped keywords are allowed; use '\\\\' for a backslash)`,
      at,
    );
  }

  private unicodeEscapeAt(at: number): string | undefined {
    const match = /^\\u([0-9a-fA-F]{4})/.exec(this.input.slice(at, at + 6));
    return match ? String.fromCharCode(parseInt(match[1], 16)) : undefined;
  }
}
