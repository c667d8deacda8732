import type { BusMessage, OutgoingMessage } from '@vigie/bus';
import type { DeadLetter, EnvelopeOrigin, PipelineStage, RawEnvelope } from '@vigie/contracts';

/** What a stage knows when it gives up on a message. */
export interface DeadLetterInput {
  stage: PipelineStage;
  reason: string;
  detail: string;
  raw: string;
  member?: string;
  /** The bus message that could not be processed. */
  from?: Pick<BusMessage, 'topic' | 'partition' | 'offset'>;
  /** How the original message was received, when known. */
  origin?: EnvelopeOrigin;
  at?: Date;
}

/** The receipt details of an envelope (everything but its member and line). */
export function originOf(envelope: Partial<RawEnvelope>): EnvelopeOrigin | undefined {
  const origin: EnvelopeOrigin = {};
  if (typeof envelope.receivedAt === 'string') origin.receivedAt = envelope.receivedAt;
  if (
    envelope.transport === 'udp' ||
    envelope.transport === 'tcp' ||
    envelope.transport === 'tls' ||
    envelope.transport === 'http'
  )
    origin.transport = envelope.transport;
  const peer = envelope.peer;
  if (peer && typeof peer === 'object' && typeof peer.ip === 'string') {
    origin.peer = typeof peer.port === 'number' ? { ip: peer.ip, port: peer.port } : { ip: peer.ip };
  }
  if (envelope.truncated === true) origin.truncated = true;
  return Object.keys(origin).length ? origin : undefined;
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
    ...(input.origin ? { origin: input.origin } : {}),
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
