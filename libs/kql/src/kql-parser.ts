import type { Filter } from '@vigie/event-store';
import { isMatchAll, makeAnd, makeOr } from './filter-builders';
import { KqlLexer, type Token } from './kql-lexer';
import { MAX_DEPTH, MAX_QUERY_LENGTH, resolveFieldType, type KqlOptions } from './kql-options';
import { KqlSyntaxError } from './kql-syntax.error';
import { bareValueFilter, fieldValueFilter, rangeFilter, type Literal, type ValueContext } from './kql-values';

/**
 * Parses a Kibana Query Language query into a store-neutral `Filter`.
 * Returns `undefined` for a blank query (and for one that matches everything, `*`).
 * Throws `KqlSyntaxError` (with the offending position) for anything it cannot accept.
 *
 * Grammar (KQL precedence: NOT binds tighter than AND, AND tighter than OR):
 *   query     = or
 *   or        = and ( OR and )*
 *   and       = not ( AND not )*
 *   not       = NOT not | primary
 *   primary   = '(' or ')' | field ':' values | field rangeOp literal | literal
 *   values    = '(' valueOr ')' | literal          (valueOr/valueAnd/valueNot mirror or/and/not)
 *   literal   = quoted | word ( ws word )*        (an unquoted value may span several words)
 */
export function parseKql(input: string, options: KqlOptions = {}): Filter | undefined {
  return new KqlParser(input, options).parse();
}

class KqlParser {
  private readonly lexer: KqlLexer;
  private readonly now: Date;
  private depth = 0;
  /** The last value literal read, for pointing at a forgotten AND/OR. */
  private lastLiteral?: Literal;

  constructor(
    private readonly input: string,
    private readonly options: KqlOptions,
  ) {
    this.lexer = new KqlLexer(input);
    this.now = options.now ?? new Date();
  }

  parse(): Filter | undefined {
    if (this.input.length > MAX_QUERY_LENGTH) {
      throw new KqlSyntaxError(
        `Query is too long (${this.input.length} characters, at most ${MAX_QUERY_LENGTH})`,
        MAX_QUERY_LENGTH,
      );
    }
    this.skipWs();
    if (this.lexer.peek().kind === 'eof') return undefined;
    const filter = this.parseOr();
    this.skipWs();
    const end = this.lexer.peek();
    if (end.kind !== 'eof') throw this.unexpected(end, 'end of input');
    return isMatchAll(filter) ? undefined : filter;
  }

  // ---- queries -------------------------------------------------------------

  private parseOr(): Filter {
    const filters = [this.parseAnd()];
    while (this.consumeKeyword('or')) {
      this.requireOperand('OR');
      filters.push(this.parseAnd());
    }
    return makeOr(filters);
  }

  private parseAnd(): Filter {
    const filters = [this.parseNot()];
    while (this.consumeKeyword('and')) {
      this.requireOperand('AND');
      filters.push(this.parseNot());
    }
    return makeAnd(filters);
  }

  private parseNot(): Filter {
    this.skipWs();
    const token = this.lexer.peek();
    if (this.isNotOperator(token)) {
      this.lexer.next();
      this.enter(token.start);
      this.requireOperand('NOT');
      const filter = { op: 'not' as const, filter: this.parseNot() };
      this.depth--;
      return filter;
    }
    return this.parsePrimary();
  }

  private parsePrimary(): Filter {
    this.skipWs();
    const token = this.lexer.peek();
    switch (token.kind) {
      case 'lparen': {
        this.lexer.next();
        this.enter(token.start);
        this.skipWs();
        if (this.lexer.peek().kind === 'rparen') {
          throw new KqlSyntaxError("Expected an expression after '('", this.lexer.peek().start, ['expression']);
        }
        const filter = this.parseOr();
        this.closeParen(token);
        this.depth--;
        return filter;
      }
      case 'quoted':
      case 'word': {
        const lit = this.parseLiteral();
        const next = this.peekPastWs();
        if (next.kind === 'colon' || next.kind === 'range') {
          const field = this.fieldName(lit);
          this.skipWs();
          this.lexer.next();
          const ctx = this.context(field);
          return next.kind === 'colon' ? this.parseFieldValue(ctx) : this.parseRange(ctx, next);
        }
        return bareValueFilter(lit);
      }
      case 'eof':
        throw new KqlSyntaxError('Expected an expression', token.start, ['expression']);
      case 'colon':
        throw new KqlSyntaxError("Expected a field name before ':'", token.start, ['field name']);
      case 'range':
        throw new KqlSyntaxError(`Expected a field name before '${token.text}'`, token.start, ['field name']);
      default:
        throw this.unexpected(token, 'expression');
    }
  }

  private parseFieldValue(ctx: ValueContext): Filter {
    this.skipWs();
    const token = this.lexer.peek();
    if (token.kind === 'lparen') {
      this.lexer.next();
      this.enter(token.start);
      this.skipWs();
      if (this.lexer.peek().kind === 'rparen') {
        throw new KqlSyntaxError("Expected a value after '('", this.lexer.peek().start, ['value']);
      }
      const filter = this.parseValueOr(ctx);
      this.closeParen(token);
      this.depth--;
      return filter;
    }
    if (token.kind === 'word' && token.word.keyword === 'not') {
      throw new KqlSyntaxError(
        `NOT cannot follow ':'; write 'not ${ctx.field}:value' or '${ctx.field}:(not value)' (or \\not for the word)`,
        token.start,
        ['value'],
      );
    }
    if (token.kind === 'quoted' || token.kind === 'word') return fieldValueFilter(ctx, this.parseValueLiteral());
    if (token.kind === 'lbrace') {
      throw new KqlSyntaxError(`Nested field queries (${ctx.field}:{...}) are not supported`, token.start);
    }
    throw new KqlSyntaxError("Expected a value after ':'", token.start, ['value', '(']);
  }

  private parseRange(ctx: ValueContext, op: Extract<Token, { kind: 'range' }>): Filter {
    this.skipWs();
    const token = this.lexer.peek();
    if (
      (token.kind === 'quoted' || token.kind === 'word') &&
      !(token.kind === 'word' && token.word.keyword === 'not')
    ) {
      return rangeFilter(ctx, op.op, this.parseValueLiteral());
    }
    throw new KqlSyntaxError(`Expected a value after '${op.text}'`, token.start, ['value']);
  }

  // ---- value lists: field:(a or b and not c) -------------------------------

  private parseValueOr(ctx: ValueContext): Filter {
    const filters = [this.parseValueAnd(ctx)];
    while (this.consumeKeyword('or')) {
      this.requireValue('OR');
      filters.push(this.parseValueAnd(ctx));
    }
    return makeOr(filters);
  }

  private parseValueAnd(ctx: ValueContext): Filter {
    const filters = [this.parseValueNot(ctx)];
    while (this.consumeKeyword('and')) {
      this.requireValue('AND');
      filters.push(this.parseValueNot(ctx));
    }
    return makeAnd(filters);
  }

  private parseValueNot(ctx: ValueContext): Filter {
    this.skipWs();
    const token = this.lexer.peek();
    if (token.kind === 'word' && token.word.keyword === 'not') {
      this.lexer.next();
      this.enter(token.start);
      this.requireValue('NOT');
      const filter = { op: 'not' as const, filter: this.parseValueNot(ctx) };
      this.depth--;
      return filter;
    }
    return this.parseValuePrimary(ctx);
  }

  private parseValuePrimary(ctx: ValueContext): Filter {
    this.skipWs();
    const token = this.lexer.peek();
    switch (token.kind) {
      case 'lparen': {
        this.lexer.next();
        this.enter(token.start);
        this.skipWs();
        if (this.lexer.peek().kind === 'rparen') {
          throw new KqlSyntaxError("Expected a value after '('", this.lexer.peek().start, ['value']);
        }
        const filter = this.parseValueOr(ctx);
        this.closeParen(token);
        this.depth--;
        return filter;
      }
      case 'quoted':
      case 'word':
        return fieldValueFilter(ctx, this.parseValueLiteral());
      case 'eof':
      case 'rparen':
        throw new KqlSyntaxError('Expected a value', token.start, ['value']);
      default:
        throw this.unexpected(token, 'value');
    }
  }

  // ---- pieces --------------------------------------------------------------

  /** A quoted string, or unquoted words up to a keyword, delimiter or the end. */
  private parseLiteral(): Literal {
    const first = this.lexer.next();
    let lit: Literal;
    if (first.kind === 'quoted') {
      lit = {
        quoted: true,
        text: first.value,
        pattern: first.value,
        wildcardAt: -1,
        words: [],
        start: first.start,
        end: first.end,
      };
    } else if (first.kind === 'word') {
      const w = first.word;
      lit = {
        quoted: false,
        text: w.value,
        pattern: w.pattern,
        wildcardAt: w.wildcardAt,
        words: [{ word: w, start: first.start }],
        start: first.start,
        end: first.end,
      };
      for (;;) {
        const ws = this.lexer.peek();
        const next = this.lexer.peek(1);
        if (ws.kind !== 'ws' || next.kind !== 'word' || next.word.keyword) break;
        this.lexer.next();
        this.lexer.next();
        lit.text += ws.raw + next.word.value;
        lit.pattern += ws.raw + next.word.pattern;
        if (lit.wildcardAt < 0) lit.wildcardAt = next.word.wildcardAt;
        lit.words.push({ word: next.word, start: next.start });
        lit.end = next.end;
      }
    } else {
      throw this.unexpected(first, 'value');
    }
    this.lastLiteral = lit;
    return lit;
  }

  /** A value after ':' or a range operator; a ':' right after it is reported before the value is checked. */
  private parseValueLiteral(): Literal {
    const lit = this.parseLiteral();
    const next = this.peekPastWs();
    if (next.kind === 'colon' || next.kind === 'range') throw this.unexpected(next, 'end of input');
    return lit;
  }

  private fieldName(lit: Literal): string {
    if (lit.quoted) {
      if (lit.text.length === 0) throw new KqlSyntaxError('Expected a field name, found an empty string', lit.start);
      return lit.text;
    }
    if (lit.words.length > 1) throw this.missingOperator(lit);
    if (lit.wildcardAt >= 0) {
      throw new KqlSyntaxError('Wildcards in field names are not supported', lit.wildcardAt, ['field name']);
    }
    return lit.text;
  }

  private context(field: string): ValueContext {
    return { field, type: resolveFieldType(this.options, field), now: this.now };
  }

  /** `not` is the operator unless it is a field name (`not:value`, `not > 1`). */
  private isNotOperator(token: Token): boolean {
    if (token.kind !== 'word' || token.word.keyword !== 'not') return false;
    const after = this.lexer.peek(1).kind === 'ws' ? this.lexer.peek(2) : this.lexer.peek(1);
    return after.kind !== 'colon' && after.kind !== 'range';
  }

  /** Consumes `[ws] keyword` if present. */
  private consumeKeyword(keyword: 'and' | 'or'): boolean {
    const token = this.peekPastWs();
    if (token.kind !== 'word' || token.word.keyword !== keyword) return false;
    this.skipWs();
    this.lexer.next();
    return true;
  }

  private requireOperand(name: string): void {
    const next = this.peekPastWs();
    if (next.kind === 'eof' || next.kind === 'rparen') {
      throw new KqlSyntaxError(`Expected an expression after ${name}`, next.start, ['expression']);
    }
  }

  private requireValue(name: string): void {
    const next = this.peekPastWs();
    if (next.kind === 'eof' || next.kind === 'rparen') {
      throw new KqlSyntaxError(`Expected a value after ${name}`, next.start, ['value']);
    }
  }

  private closeParen(open: Token): void {
    this.skipWs();
    const token = this.lexer.peek();
    if (token.kind === 'rparen') {
      this.lexer.next();
      return;
    }
    if (token.kind === 'eof') {
      throw new KqlSyntaxError(`Expected ')' (the '(' at position ${open.start} is not closed)`, token.start, [')']);
    }
    throw this.unexpected(token, "')'");
  }

  private enter(position: number): void {
    if (++this.depth > MAX_DEPTH) {
      throw new KqlSyntaxError(`Query is nested too deeply (more than ${MAX_DEPTH} levels)`, position);
    }
  }

  private skipWs(): void {
    while (this.lexer.peek().kind === 'ws') this.lexer.next();
  }

  private peekPastWs(): Token {
    return this.lexer.peek().kind === 'ws' ? this.lexer.peek(1) : this.lexer.peek();
  }

  /** Two words followed by ':' — most likely `a:1 b:2` with the AND forgotten. */
  private missingOperator(lit: Literal): KqlSyntaxError {
    const last = lit.words[lit.words.length - 1];
    return new KqlSyntaxError(
      `Expected AND or OR before '${last.word.value}' (field names cannot contain spaces; quote them)`,
      last.start,
      ['AND', 'OR'],
    );
  }

  /** An error for a token that cannot come where `wanted` was expected. */
  private unexpected(token: Token, wanted: string): KqlSyntaxError {
    const operators = ['AND', 'OR', wanted];
    const lit = this.lastLiteral;
    switch (token.kind) {
      case 'colon':
      case 'range': {
        if (lit && !lit.quoted && lit.words.length > 1 && this.onlySpaceBetween(lit.end, token.start)) {
          return this.missingOperator(lit);
        }
        const text = token.kind === 'colon' ? ':' : token.text;
        return new KqlSyntaxError(
          `Unexpected '${text}'; quote values that contain it (IPv6 addresses, URLs, times)`,
          token.start,
          operators,
        );
      }
      case 'rparen':
        return new KqlSyntaxError("Unexpected ')' without a matching '('", token.start, operators);
      case 'lbrace':
      case 'rbrace':
        return new KqlSyntaxError(
          `Unexpected '${token.kind === 'lbrace' ? '{' : '}'}' (nested field queries are not supported)`,
          token.start,
          operators,
        );
      case 'word':
        if (token.word.keyword === 'not') {
          return new KqlSyntaxError(
            "Unexpected NOT; write 'AND NOT' (or \\not to search for the word)",
            token.start,
            operators,
          );
        }
        return new KqlSyntaxError(`Expected ${orList(operators)}`, token.start, operators);
      case 'eof':
        return new KqlSyntaxError(`Expected ${wanted}`, token.start, [wanted]);
      default:
        return new KqlSyntaxError(`Expected ${orList(operators)}`, token.start, operators);
    }
  }

  private onlySpaceBetween(from: number, to: number): boolean {
    return this.input.slice(from, to).trim().length === 0;
  }
}

const orList = (items: string[]): string => `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
