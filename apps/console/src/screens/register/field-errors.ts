import type { FieldIssue } from './types';

/** The API's field problems (`fields: [{field, problem}]`) by dotted path, for the inputs to show. */
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
