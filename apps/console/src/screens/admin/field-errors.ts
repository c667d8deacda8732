import { fieldIssues } from '../../components/field-errors';

/** One problem the API reported, with the list index when the field is an array item (`networks[2]`). */
export interface Problem {
  index?: number;
  problem: string;
}

/** The API's field problems of an error, grouped by top-level field (`networks[2]` → `networks`). */
export function problemsByField(e: unknown): Record<string, Problem[]> {
  const out: Record<string, Problem[]> = {};
  for (const f of fieldIssues(e)) {
    const m = /^([A-Za-z0-9_]+)(?:\[(\d+)\])?/.exec(f.field);
    const key = m?.[1] ?? f.field;
    const index = m?.[2] !== undefined ? Number(m[2]) : undefined;
    // Validation problems already name their field ("name must be …"); domain ones do not.
    const problem = f.problem.startsWith(`${key} `) || index !== undefined ? f.problem : `${key} ${f.problem}`;
    (out[key] ??= []).push({ index, problem });
  }
  return out;
}

/** The error to show above a form: only when none of its problems can be shown at one of `shown` fields. */
export function generalError(e: unknown, shown: readonly string[]): unknown {
  if (!e) return null;
  const fields = Object.keys(problemsByField(e));
  return fields.length && fields.every((f) => shown.includes(f)) ? null : e;
}
