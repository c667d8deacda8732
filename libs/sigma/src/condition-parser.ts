import { SigmaInvalidError, SigmaUnsupportedError } from './rule-errors';

/** Condition AST (Sigma rule conditions and extended correlation conditions). */
export type ConditionNode =
  | { t: 'id'; name: string }
  | { t: 'and'; args: ConditionNode[] }
  | { t: 'or'; args: ConditionNode[] }
  | { t: 'not'; arg: ConditionNode }
  | { t: 'of'; quantifier: 'all' | number; target: string };

type Token = { k: '(' | ')' | 'and' | 'or' | 'not' | 'of' | 'word'; v: string };

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  const re = /\s*(?:(\()|(\))|(\|)|([^\s()|]+))/y;
  let pos = 0;
  while (pos < text.length) {
    re.lastIndex = pos;
    const m = re.exec(text);
    if (!m) {
      if (/^\s*$/.test(text.slice(pos))) break;
      throw new SigmaInvalidError(`condition: unexpected character at ${pos}`);
    }
    pos = re.lastIndex;
    if (m[1]) out.push({ k: '(', v: '(' });
    else if (m[2]) out.push({ k: ')', v: ')' });
    else if (m[3])
      throw new SigmaUnsupportedError('condition: aggregation expressions (| count() ...), use correlation rules');
    else if (m[4] !== undefined) {
      const w = m[4];
      const lw = w.toLowerCase();
      if (lw === 'and' || lw === 'or' || lw === 'not' || lw === 'of') out.push({ k: lw, v: w });
      else if (lw === 'near') throw new SigmaUnsupportedError('condition: near operator');
      else out.push({ k: 'word', v: w });
    }
  }
  return out;
}

class Parser {
  private i = 0;
  constructor(private readonly toks: Token[]) {}

  parse(): ConditionNode {
    if (this.toks.length === 0) throw new SigmaInvalidError('condition is empty');
    const node = this.parseOr();
    if (this.i < this.toks.length) throw new SigmaInvalidError(`condition: unexpected '${this.toks[this.i].v}'`);
    return node;
  }

  private peek(): Token | undefined {
    return this.toks[this.i];
  }

  private parseOr(): ConditionNode {
    const args = [this.parseAnd()];
    while (this.peek()?.k === 'or') {
      this.i++;
      args.push(this.parseAnd());
    }
    return args.length === 1 ? args[0] : { t: 'or', args };
  }

  private parseAnd(): ConditionNode {
    const args = [this.parseNot()];
    while (this.peek()?.k === 'and') {
      this.i++;
      args.push(this.parseNot());
    }
    return args.length === 1 ? args[0] : { t: 'and', args };
  }

  private parseNot(): ConditionNode {
    if (this.peek()?.k === 'not') {
      this.i++;
      return { t: 'not', arg: this.parseNot() };
    }
    return this.parsePrimary();
  }

  private parsePrimary(): ConditionNode {
    const tok = this.peek();
    if (!tok) throw new SigmaInvalidError('condition: unexpected end');
    if (tok.k === '(') {
      this.i++;
      const node = this.parseOr();
      if (this.peek()?.k !== ')') throw new SigmaInvalidError("condition: missing ')'");
      this.i++;
      return node;
    }
    if (tok.k !== 'word') throw new SigmaInvalidError(`condition: unexpected '${tok.v}'`);
    this.i++;
    if (this.peek()?.k === 'of') {
      this.i++;
      const target = this.peek();
      if (!target || target.k !== 'word') throw new SigmaInvalidError("condition: 'of' needs a pattern or 'them'");
      this.i++;
      const q = tok.v.toLowerCase();
      let quantifier: 'all' | number;
      if (q === 'all') quantifier = 'all';
      else if (q === 'any') quantifier = 1;
      else if (/^\d+$/.test(q) && Number(q) >= 1) quantifier = Number(q);
      else throw new SigmaInvalidError(`condition: invalid quantifier '${tok.v}'`);
      return { t: 'of', quantifier, target: target.v };
    }
    return { t: 'id', name: tok.v };
  }
}

export function parseCondition(text: string): ConditionNode {
  return new Parser(tokenize(text)).parse();
}

/** Search identifiers matched by a `x of` target (`them` excludes identifiers starting with `_`). */
export function resolveOfTarget(target: string, identifiers: readonly string[]): string[] {
  if (target.toLowerCase() === 'them') return identifiers.filter((n) => !n.startsWith('_'));
  const re = new RegExp(
    '^' +
      target
        .split('*')
        .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*') +
      '$',
  );
  return identifiers.filter((n) => re.test(n));
}
