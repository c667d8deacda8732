import { FieldProblem } from '@vigie/contracts';
import { COMMON_PASSWORDS } from './common-passwords';

export const MIN_PASSWORD_LENGTH = 12;

/** Problems with a new password, empty when acceptable. */
export function checkPassword(password: string, context: { username?: string } = {}): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (typeof password !== 'string' || [...password].length < MIN_PASSWORD_LENGTH) {
    problems.push({ field: 'password', problem: `must be at least ${MIN_PASSWORD_LENGTH} characters long` });
    return problems;
  }
  if ([...password].length > 256) problems.push({ field: 'password', problem: 'must be at most 256 characters long' });
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower) || isCommonPattern(lower)) {
    problems.push({
      field: 'password',
      problem: 'is too common: choose one that is not in lists of frequent passwords',
    });
  }
  if (context.username && context.username.length >= 4 && lower.includes(context.username.toLowerCase())) {
    problems.push({ field: 'password', problem: 'must not contain the username' });
  }
  if (new Set(password).size < 4)
    problems.push({ field: 'password', problem: 'must use more than 3 different characters' });
  return problems;
}

/** A common password padded to length: `password1234`, `azertyuiop123`, `motdepasse2026!`. */
function isCommonPattern(lower: string): boolean {
  const stripped = lower.replace(/[0-9!@#$%^&*().?_\-+=]+$/, '').replace(/^[0-9!@#$%^&*().?_\-+=]+/, '');
  return stripped.length < 12 && (COMMON_PASSWORDS.has(stripped) || stripped.length <= 2);
}
