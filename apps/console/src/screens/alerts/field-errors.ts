import { ApiError } from '../../api/client';

/**
 * The API's field problems by field (the first problem of each), and whether the error was only that: a 400/422
 * whose every problem names one of `known`. Anything else is shown as a general error.
 */
export function fieldErrors(
  e: unknown,
  known: readonly string[],
): { byField: Record<string, string>; general: boolean } {
  if (!(e instanceof ApiError) || !e.body.fields?.length) return { byField: {}, general: true };
  const byField: Record<string, string> = {};
  let general = false;
  for (const f of e.body.fields) {
    const field = known.find((k) => f.field === k || f.field.startsWith(`${k}.`) || f.field.startsWith(`${k}[`));
    if (field) byField[field] ??= f.problem;
    else general = true;
  }
  return { byField, general };
}
