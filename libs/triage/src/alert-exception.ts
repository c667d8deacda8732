import ipaddr from 'ipaddr.js';
import { AlertFacts, factFields, hostsOf, sourceIpsOf, usersOf } from './alert-facts';
import { checkFieldMatch, compileFieldMatch, FieldMatch, MatchProblem } from './field-match';
import { cachedSigmaFilter, compileSigmaFilter, SigmaFilterOptions } from './sigma-filter';

/** What an exception applies to. Every given criterion must hold (AND); `ruleId: null` means every rule. */
export interface ExceptionScope {
  ruleId: string | null;
  member: string | null;
  host: string | null;
  user: string | null;
  /** An address or a CIDR block. */
  sourceIp: string | null;
  match: FieldMatch | null;
  /**
   * A Sigma detection expression (YAML) evaluated on the event that brought the alert message: the message is
   * suppressed when the event satisfies it (see {@link compileSigmaFilter}). Absent or null: no such criterion.
   */
  sigmaFilter?: string | null;
}

export interface AlertException extends ExceptionScope {
  id: string;
  /** ISO 8601: the exception stops applying at this time, on its own. */
  expiresAt: string;
  revokedAt: string | null;
}

/** Longest an exception may last: it must be reviewed at least once a year. */
export const MAX_EXCEPTION_DAYS = 366;

/** Is the exception in force at `nowMs`? */
export function isActive(e: Pick<AlertException, 'expiresAt' | 'revokedAt'>, nowMs: number): boolean {
  return e.revokedAt === null && Date.parse(e.expiresAt) > nowMs;
}

function ipMatches(spec: string, values: string[]): boolean {
  try {
    const range = spec.includes('/') ? ipaddr.parseCIDR(spec) : null;
    const single = range ? null : ipaddr.process(spec);
    return values.some((v) => {
      try {
        const a = ipaddr.process(v.split('%')[0]);
        if (range) return a.kind() === range[0].kind() && a.match(range);
        return single !== null && a.kind() === single.kind() && a.toString() === single.toString();
      } catch {
        return false;
      }
    });
  } catch {
    return false;
  }
}

const sameText = (a: string, b: string) => a.localeCompare(b, undefined, { sensitivity: 'accent' }) === 0;

/**
 * Does the exception's scope cover the alert? A member-scoped exception only covers alerts whose members are all
 * that member (a cross-member alert is not silenced by one member's exception). A criterion the alert carries no
 * value for does not match.
 */
export function exceptionCovers(scope: ExceptionScope, alert: AlertFacts, sigma: SigmaFilterOptions = {}): boolean {
  if (scope.ruleId !== null && scope.ruleId !== alert.ruleId) return false;
  if (scope.member !== null && (alert.members.length === 0 || alert.members.some((m) => m !== scope.member)))
    return false;
  if (scope.host !== null && !hostsOf(alert.groupValues).some((h) => sameText(h, scope.host!))) return false;
  if (scope.user !== null && !usersOf(alert.groupValues).some((u) => sameText(u, scope.user!))) return false;
  if (scope.sourceIp !== null && !ipMatches(scope.sourceIp, sourceIpsOf(alert.groupValues))) return false;
  if (scope.match !== null && !compileFieldMatch(scope.match)(factFields(alert))) return false;
  if (scope.sigmaFilter) {
    // Evaluated on the event only: a message that carries none (or an expression that no longer compiles) is
    // never suppressed by it.
    const compiled = cachedSigmaFilter(scope.sigmaFilter, sigma);
    if (!compiled.ok || !alert.event || !compiled.filter.appliesTo(alert.ruleId)) return false;
    if (!compiled.filter.suppresses(alert.event)) return false;
  }
  return true;
}

/** The first active exception covering the alert (oldest first, as given), if any. */
export function findException<E extends AlertException>(
  exceptions: readonly E[],
  alert: AlertFacts,
  nowMs: number,
  sigma: SigmaFilterOptions = {},
): E | undefined {
  return exceptions.find((e) => isActive(e, nowMs) && exceptionCovers(e, alert, sigma));
}

/** Problems of a Sigma filter expression (field `sigmaFilter`, the parser's message); empty when it compiles. */
export function checkSigmaFilter(text: string | null | undefined, sigma: SigmaFilterOptions = {}): MatchProblem[] {
  if (text === undefined || text === null) return [];
  const r = compileSigmaFilter(text, sigma);
  return r.ok ? [] : [{ field: 'sigmaFilter', problem: r.problem }];
}

/** Problems of an exception's scope and expiry, with the field at fault. */
export function checkException(
  e: Partial<ExceptionScope> & { expiresAt?: string; reason?: string },
  nowMs: number,
  sigma: SigmaFilterOptions = {},
): MatchProblem[] {
  const problems: MatchProblem[] = [];
  if (!e.reason || !e.reason.trim()) problems.push({ field: 'reason', problem: 'a reason is required' });
  if (!e.expiresAt) problems.push({ field: 'expiresAt', problem: 'an expiry date is required' });
  else {
    const t = Date.parse(e.expiresAt);
    if (Number.isNaN(t)) problems.push({ field: 'expiresAt', problem: 'must be an ISO 8601 date-time' });
    else if (t <= nowMs) problems.push({ field: 'expiresAt', problem: 'must be in the future' });
    else if (t - nowMs > MAX_EXCEPTION_DAYS * 86_400_000)
      problems.push({ field: 'expiresAt', problem: `must be within ${MAX_EXCEPTION_DAYS} days` });
  }
  if (e.sourceIp) {
    try {
      if (e.sourceIp.includes('/')) ipaddr.parseCIDR(e.sourceIp);
      else ipaddr.process(e.sourceIp);
    } catch {
      problems.push({ field: 'sourceIp', problem: `${e.sourceIp} is not an IP address or CIDR block` });
    }
  }
  if (e.match !== undefined && e.match !== null) problems.push(...checkFieldMatch(e.match));
  problems.push(...checkSigmaFilter(e.sigmaFilter, sigma));
  const scoped = [e.member, e.host, e.user, e.sourceIp, e.sigmaFilter].some(
    (v) => v !== undefined && v !== null && v !== '',
  );
  const hasMatch = e.match !== undefined && e.match !== null;
  if (!e.ruleId && !scoped && !hasMatch)
    problems.push({
      field: 'ruleId',
      problem: 'an exception for every rule must be scoped (member, host, user, source IP, match or Sigma filter)',
    });
  return problems;
}
