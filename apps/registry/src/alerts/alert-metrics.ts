import { Injectable } from '@nestjs/common';
import { Metrics } from '@vigie/observability';

/**
 * Alert metrics in `/metrics`. Per-day figures come from Prometheus (`increase(vigie_alerts_created_total[1d])`
 * by level, rule or member); the false-positive rate of a rule is
 * `vigie_alerts_closed_total{reason="false_positive"} / vigie_alerts_closed_total` by rule.
 */
@Injectable()
export class AlertMetrics {
  readonly created;
  readonly updated;
  readonly reopened;
  readonly suppressed;
  readonly ignored;
  readonly invalid;
  readonly closed;
  readonly timeToAcknowledge;
  readonly timeToClose;
  readonly sinkLatency;

  constructor(metrics: Metrics) {
    const durations = [60, 300, 900, 1800, 3600, 4 * 3600, 8 * 3600, 86400, 3 * 86400, 7 * 86400, 30 * 86400];
    this.created = metrics.counter('vigie_alerts_created_total', 'Alerts opened by the sink', [
      'level',
      'rule',
      'member',
    ]);
    this.updated = metrics.counter('vigie_alerts_updated_total', 'Detector messages that added events to an alert', [
      'level',
    ]);
    this.reopened = metrics.counter('vigie_alerts_reopened_total', 'Closed alerts reopened by new events', ['rule']);
    this.suppressed = metrics.counter(
      'vigie_alerts_suppressed_total',
      'Detector messages recorded as suppressed by an exception',
      ['rule'],
    );
    this.ignored = metrics.counter(
      'vigie_alert_sink_duplicates_total',
      'Redelivered or stale detector messages ignored',
    );
    this.invalid = metrics.counter('vigie_alert_sink_invalid_total', 'Messages on siem.alerts.v1 that are not alerts');
    this.closed = metrics.counter('vigie_alerts_closed_total', 'Alerts closed, by rule and reason', ['rule', 'reason']);
    this.timeToAcknowledge = metrics.histogram(
      'vigie_alert_time_to_acknowledge_seconds',
      'From an alert opening to its first acknowledgement',
      ['level'],
      durations,
    );
    this.timeToClose = metrics.histogram(
      'vigie_alert_time_to_close_seconds',
      'From an alert opening to its closing',
      ['level'],
      durations,
    );
    this.sinkLatency = metrics.histogram(
      'vigie_alert_sink_latency_seconds',
      'From the detector producing an alert message to the sink committing it',
      [],
      [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    );
  }
}
