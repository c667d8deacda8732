/**
 * Versioned topic names. A breaking change to a payload gets a new version
 * (`siem.raw.v2`) so that old and new producers and consumers can coexist.
 */
export const Topics = {
  /** Raw syslog/HTTP messages as received, in a {@link RawEnvelope}. */
  raw: 'siem.raw.v1',
  /** ECS documents produced by the normaliser. */
  events: 'siem.events.v1',
  /** Alerts raised by the detection engine. */
  alerts: 'siem.alerts.v1',
  /** Inputs of correlations whose group spans hosts, keyed by correlation group (detection's second stage). */
  correlation: 'siem.correlation.v1',
  /** Messages a stage could not process, in a {@link DeadLetter}. */
  dlq: 'siem.dlq.v1',
} as const;

export type TopicName = (typeof Topics)[keyof typeof Topics];

export const ALL_TOPICS: readonly TopicName[] = Object.values(Topics);
