import type { BusMessage, OutgoingMessage } from '@vigie/bus';
import type { DeadLetter, PipelineStage } from '@vigie/contracts';

/** What a stage knows when it gives up on a message. */
export interface DeadLetterInput {
  stage: PipelineStage;
  reason: string;
  detail: string;
  raw: string;
  member?: string;
  /** The bus message that could not be processed. */
  from?: Pick<BusMessage, 'topic' | 'partition' | 'offset'>;
  at?: Date;
}

export function deadLetter(input: DeadLetterInput): DeadLetter {
  return {
    stage: input.stage,
    reason: input.reason,
    detail: input.detail,
    raw: input.raw,
    ...(input.member ? { member: input.member } : {}),
    at: (input.at ?? new Date()).toISOString(),
    ...(input.from
      ? { source: { topic: input.from.topic, partition: input.from.partition, offset: input.from.offset } }
      : {}),
  };
}

/** A dead letter as published on `siem.dlq.v1`, keyed by stage and member. */
export function deadLetterMessage(letter: DeadLetter): OutgoingMessage {
  return { key: `${letter.stage}|${letter.member ?? ''}`, value: JSON.stringify(letter) };
}

/** The name of the reason of an error: its own `reason` or `code` when it has one, else a fallback. */
export function reasonOf(error: unknown, fallback: string): string {
  const e = error as { reason?: unknown; code?: unknown } | undefined;
  if (e && typeof e.reason === 'string' && /^[a-z][a-z0-9_]*$/.test(e.reason)) return e.reason;
  if (e && typeof e.code === 'string' && /^[a-z][a-z0-9_]*$/.test(e.code)) return e.code;
  return fallback;
}

export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
