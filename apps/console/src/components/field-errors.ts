import { ApiError } from '../api/client';

/** One problem the API names at a field (`fields: [{ field, problem }]` of a 400/422 answer). */
export interface FieldIssue {
  field: string;
  problem: string;
}

/** The field problems an error carries: those of an ApiError's body, none for anything else. */
export function fieldIssues(e: unknown): FieldIssue[] {
  return e instanceof ApiError ? (e.body.fields ?? []) : [];
}

/** The error to show above a form: none when the API named fields (they are shown at the inputs). */
export function generalError(e: unknown): unknown {
  return fieldIssues(e).length ? null : e;
}

/**
 * The API's field problems by field name (the first problem of each field wins). With `known`, an
 * issue goes to the known field it names or lies under (`scope.host`, `items[0]` → `scope`, `items`),
 * and `general` tells whether some issue names no known field (or the error has none): that error is
 * then to be shown as a whole. Without `known`, every issue keeps its own field name and `general`
 * is true only when there is no issue at all.
 */
export function fieldErrors(
  e: unknown,
  known?: readonly string[],
): { byField: Record<string, string>; general: boolean } {
  const issues = fieldIssues(e);
  const byField: Record<string, string> = {};
  let general = issues.length === 0;
  for (const f of issues) {
    const field = known
      ? known.find((k) => f.field === k || f.field.startsWith(`${k}.`) || f.field.startsWith(`${k}[`))
      : f.field;
    if (field) byField[field] ??= f.problem;
    else general = true;
  }
  return { byField, general };
}

/** The field problems by dotted path, for the inputs of a long form to show (`of('purposes.0')`). */
export class FieldErrors {
  constructor(readonly issues: FieldIssue[] = []) {}

  /** Problems of exactly this field, joined; undefined when none. */
  of(field: string): string | undefined {
    const hits = this.issues.filter((i) => i.field === field);
    return hits.length ? hits.map((h) => h.problem).join(' ; ') : undefined;
  }

  /** Problems of this list as a whole (`dataSubjects`), not of its items. */
  list(field: string): string | undefined {
    return this.of(field);
  }

  get count(): number {
    return this.issues.length;
  }
}
