/** Where an incident was first reported from. */
export const INCIDENT_SOURCES = ['alert', 'user_report', 'vendor', 'cert_fr', 'other'] as const;
export type IncidentSource = (typeof INCIDENT_SOURCES)[number];

/**
 * A small incident taxonomy, close to the ENISA reference taxonomy's top
 * classes, restricted to what a municipal IT service meets.
 */
export const INCIDENT_CATEGORIES = [
  'malware', // including ransomware
  'phishing',
  'unauthorised_access',
  'denial_of_service',
  'data_leak',
  'loss_or_theft',
  'misconfiguration',
  'other',
] as const;
export type IncidentCategory = (typeof INCIDENT_CATEGORIES)[number];

/** Kinds of timeline entry. */
export const TIMELINE_KINDS = ['observation', 'action', 'decision', 'communication', 'evidence'] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];
