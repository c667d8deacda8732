/** Severity of a Sigma rule, as written in the rule (`level`). */
export type AlertLevel = 'informational' | 'low' | 'medium' | 'high' | 'critical';

/**
 * An alert raised by the detector, published on `siem.alerts.v1` keyed by `${rule.id}|${groupKey}` so that
 * the updates of one alert stay in order. A correlation alert is published once with `status: 'new'` and then
 * with `status: 'update'` (same `alertKey`) for every further member event until its window closes; a
 * single-event match is one `new` alert with `count: 1`. Consumers deduplicate by `alertKey` and keep the
 * message with the highest `count` / latest `lastSeen`.
 */
export interface AlertMessage {
  /** Stable key of the alert, the same for the `new` message and its updates. */
  alertKey: string;
  status: 'new' | 'update';
  /** `match`: one event matched a single-event rule; `correlation`: a correlation rule's condition held. */
  kind: 'match' | 'correlation';
  rule: { id: string; title: string; level: AlertLevel; tags: string[] };
  /** Values of the grouping fields joined (correlations: the rule's group-by; matches: member and host). */
  groupKey: string;
  groupValues: Record<string, string>;
  /** ISO 8601 time of the first and last member events. */
  firstSeen: string;
  lastSeen: string;
  /** Member events (or member alerts, for chained correlations) counted so far. */
  count: number;
  /** `event.id` of the first member events (at most 20). */
  sampleEventIds: string[];
  /** Member codes (`organization.id`) of the events seen in the alert. */
  members: string[];
  /** Business application of the host, when the event was enriched with one. */
  application?: { id?: string; name?: string };
  /** The host processes personal data (GDPR registry), when known. */
  personalData?: boolean;
  /** True when a single-event match came from an event older than the allowed lateness (not correlated). */
  late?: boolean;
  /** ISO 8601 time the alert message was produced. */
  at: string;
  /** ECS document of the event that produced this message (absent for outputs of a window flush). */
  event?: Record<string, unknown>;
}
