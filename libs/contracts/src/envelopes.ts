/** Transport a message arrived on. */
export type Transport = 'udp' | 'tcp' | 'tls' | 'http';

/** A message as received, before any parsing: published on `siem.raw.v1`. */
export interface RawEnvelope {
  /** ISO 8601 receive time (UTC). */
  receivedAt: string;
  transport: Transport;
  /** Sender address and port as seen by the receiver. */
  peer: { ip: string; port?: number };
  /** Member (tenant) code the message was attributed to; `unattributed` when none matched. */
  member: string;
  /** The message, decoded as UTF-8 (invalid sequences replaced). */
  raw: string;
  /** Set when the message was cut at the configured maximum size. */
  truncated?: boolean;
}

/** Stages of the pipeline that can dead-letter a message. */
export type PipelineStage = 'receiver' | 'normaliser' | 'indexer' | 'detector' | 'alert-sink';

/** A message a stage could not process: published on `siem.dlq.v1`, kept and searchable. */
export interface DeadLetter {
  stage: PipelineStage;
  /** Machine-readable reason, e.g. `decoder_error`, `mapping_conflict`. */
  reason: string;
  /** Human-readable detail (error message, store response). */
  detail: string;
  /** The original payload, verbatim. */
  raw: string;
  member?: string;
  at: string;
  /** Where it came from, for consumers. */
  source?: { topic: string; partition?: number; offset?: string };
  /** How the original message was received, when the stage knew it: a replay sends it again as it came. */
  origin?: EnvelopeOrigin;
}

/** The receipt details of a raw message, kept with its dead letter. */
export interface EnvelopeOrigin {
  receivedAt?: string;
  transport?: Transport;
  peer?: { ip: string; port?: number };
  truncated?: boolean;
}

/** Built-in member for messages whose source matched no member. */
export const UNATTRIBUTED_MEMBER = 'unattributed';
