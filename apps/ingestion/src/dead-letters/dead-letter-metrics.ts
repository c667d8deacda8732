import type { Counter } from 'prom-client';
import { Metrics } from '@vigie/observability';

/** Dead letters published by the pipeline's stages, by stage and reason. */
export function deadLetterCounter(metrics: Metrics): Counter<'stage' | 'reason'> {
  return metrics.counter('vigie_pipeline_dead_letters_total', 'Messages sent to siem.dlq.v1, by stage and reason', [
    'stage',
    'reason',
  ]);
}
