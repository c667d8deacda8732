import type { AlertLevel } from '@vigie/contracts';

/** Sigma levels, lowest first. */
export const ALERT_LEVELS: readonly AlertLevel[] = ['informational', 'low', 'medium', 'high', 'critical'];

/** 0 (informational) to 4 (critical); unknown levels rank as medium, like the detector does. */
export function levelRank(level: string): number {
  const i = ALERT_LEVELS.indexOf(level as AlertLevel);
  return i < 0 ? 2 : i;
}

export function isAlertLevel(level: string): level is AlertLevel {
  return ALERT_LEVELS.includes(level as AlertLevel);
}

/** Is `level` at or above `threshold`? */
export function atOrAbove(level: string, threshold: string): boolean {
  return levelRank(level) >= levelRank(threshold);
}
