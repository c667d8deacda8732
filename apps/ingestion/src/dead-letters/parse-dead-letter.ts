import type { BusMessage } from '@vigie/bus';
import type { DeadLetter, PipelineStage } from '@vigie/contracts';
import { originOf } from './dead-letter-message';

const STAGES: readonly PipelineStage[] = ['receiver', 'normaliser', 'indexer', 'detector', 'alert-sink'];

/**
 * A `siem.dlq.v1` message to a DeadLetter. A message that is not one is kept
 * anyway (stage `unknown`, reason `invalid_dead_letter`, the value as raw), so
 * nothing published on the dead-letter topic is ever lost.
 */
export function parseDeadLetter(message: Pick<BusMessage, 'topic' | 'partition' | 'offset' | 'value'>): DeadLetter {
  let parsed: unknown;
  try {
    parsed = JSON.parse(message.value);
  } catch {
    parsed = undefined;
  }
  const d = parsed as Partial<DeadLetter> | undefined;
  if (!d || typeof d !== 'object' || typeof d.stage !== 'string' || typeof d.reason !== 'string') {
    return {
      stage: 'unknown' as PipelineStage,
      reason: 'invalid_dead_letter',
      detail: 'message on the dead-letter topic is not a dead letter',
      raw: message.value,
      at: new Date().toISOString(),
      source: { topic: message.topic, partition: message.partition, offset: message.offset },
    };
  }
  const at = typeof d.at === 'string' && !Number.isNaN(Date.parse(d.at)) ? d.at : new Date().toISOString();
  const source =
    d.source && typeof d.source === 'object' && typeof d.source.topic === 'string'
      ? {
          topic: d.source.topic,
          ...(typeof d.source.partition === 'number' ? { partition: d.source.partition } : {}),
          ...(typeof d.source.offset === 'string' ? { offset: d.source.offset } : {}),
        }
      : // Without an origin, the dead-letter message's own position identifies it (redeliveries stay single).
        { topic: message.topic, partition: message.partition, offset: message.offset };
  const origin = d.origin && typeof d.origin === 'object' ? originOf(d.origin) : undefined;
  return {
    stage: (STAGES.includes(d.stage as PipelineStage) ? d.stage : d.stage.slice(0, 64)) as PipelineStage,
    reason: d.reason.slice(0, 200),
    detail: typeof d.detail === 'string' ? d.detail : '',
    raw: typeof d.raw === 'string' ? d.raw : JSON.stringify(d.raw ?? null),
    ...(typeof d.member === 'string' ? { member: d.member } : {}),
    at,
    source,
    ...(origin ? { origin } : {}),
  };
}
