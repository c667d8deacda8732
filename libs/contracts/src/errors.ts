/** What went wrong, independent of transport; the HTTP layer maps it to a status code. */
export type ErrorKind =
  | 'invalid' // 400
  | 'unauthenticated' // 401
  | 'forbidden' // 403
  | 'not_found' // 404
  | 'conflict' // 409
  | 'too_large' // 413
  | 'unprocessable' // 422
  | 'too_many_requests' // 429
  | 'unavailable'; // 503

export interface FieldProblem {
  /** Dotted path of the field at fault, e.g. `dataCategories[2].retention`. */
  field: string;
  problem: string;
}

/** A typed error thrown by domain code: a machine-readable `code` and the fields at fault. */
export class DomainError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly fields?: FieldProblem[],
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
