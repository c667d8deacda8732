/** Impact and urgency levels of the priority matrix. */
export const LEVELS = ['low', 'medium', 'high'] as const;
export type Level = (typeof LEVELS)[number];

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Confidentiality, integrity or availability impact. */
export const CIA_LEVELS = ['none', 'low', 'medium', 'high'] as const;
export type CiaLevel = (typeof CIA_LEVELS)[number];

export interface CiaImpact {
  confidentiality: CiaLevel;
  integrity: CiaLevel;
  availability: CiaLevel;
}

/**
 * Impact (rows) × urgency (columns) → severity, the ITIL-style priority
 * matrix: high impact and high urgency is critical, low and low is low.
 */
export const SEVERITY_MATRIX: Record<Level, Record<Level, Severity>> = {
  high: { high: 'critical', medium: 'high', low: 'medium' },
  medium: { high: 'high', medium: 'medium', low: 'low' },
  low: { high: 'medium', medium: 'low', low: 'low' },
};

export function severityOf(impact: Level, urgency: Level): Severity {
  return SEVERITY_MATRIX[impact][urgency];
}

/** The impact implied by the worst of the CIA impacts (none counts as low). */
export function impactFromCia(cia: CiaImpact): Level {
  const rank = Math.max(...[cia.confidentiality, cia.integrity, cia.availability].map((l) => CIA_LEVELS.indexOf(l)));
  return rank <= 1 ? 'low' : rank === 2 ? 'medium' : 'high';
}

/** Severities from the least to the most severe, for sorting. */
export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}
