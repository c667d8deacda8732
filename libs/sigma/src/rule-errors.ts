/** Internal compilation errors; converted into a RuleProblem at the loader boundary, never thrown to callers. */
export class SigmaInvalidError extends Error {
  readonly kind = 'invalid' as const;
  constructor(reason: string) {
    super(reason);
    this.name = 'SigmaInvalidError';
  }
}

export class SigmaUnsupportedError extends Error {
  readonly kind = 'unsupported' as const;
  constructor(readonly feature: string) {
    super(`unsupported: ${feature}`);
    this.name = 'SigmaUnsupportedError';
  }
}

export type SigmaCompileError = SigmaInvalidError | SigmaUnsupportedError;

export function isCompileError(e: unknown): e is SigmaCompileError {
  return e instanceof SigmaInvalidError || e instanceof SigmaUnsupportedError;
}
