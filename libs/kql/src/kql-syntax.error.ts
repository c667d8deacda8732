/**
 * Thrown for any query the parser rejects: bad syntax, a value that does not fit
 * its field's type, a query too long or nested too deeply. `position` is the
 * 0-based character offset in the input where the problem was found.
 */
export class KqlSyntaxError extends Error {
  constructor(
    readonly reason: string,
    readonly position: number,
    readonly expected?: string[],
  ) {
    super(`${reason} at position ${position}`);
    this.name = 'KqlSyntaxError';
  }
}
