import type { BusMessage, OutgoingMessage } from '@vigie/bus';
import { type DeadLetter, type RawEnvelope, UNATTRIBUTED_MEMBER } from '@vigie/contracts';
import { normalise, type EcsDocument, type NormaliseOptions } from '@vigie/ecs';
import { deadLetter, messageOf, originOf, reasonOf } from '../dead-letters/dead-letter-message';

/** What the normaliser needs to know about a member. */
export interface MemberLookup {
  (code: string): { name?: string; timeZone?: string } | undefined;
}

export type NormaliseOutcome =
  { ok: true; event: OutgoingMessage; document: EcsDocument } | { ok: false; letter: DeadLetter };

/** Thrown for a message that is not a RawEnvelope. */
export class InvalidEnvelopeError extends Error {
  readonly reason = 'invalid_envelope';
  constructor(message: string) {
    super(message);
    this.name = 'InvalidEnvelopeError';
  }
}

/** Parses a `siem.raw.v1` message value into a RawEnvelope, or throws InvalidEnvelopeError. */
export function parseEnvelope(value: string): RawEnvelope {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch (e) {
    throw new InvalidEnvelopeError(`not JSON: ${messageOf(e)}`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new InvalidEnvelopeError('not a JSON object');
  }
  const envelope = parsed as Partial<RawEnvelope>;
  if (typeof envelope.raw !== 'string') throw new InvalidEnvelopeError('field raw is missing or not a string');
  if (envelope.member !== undefined && typeof envelope.member !== 'string') {
    throw new InvalidEnvelopeError('field member is not a string');
  }
  return envelope as RawEnvelope;
}

/** The key of an event on `siem.events.v1`: one host's events stay in order on one partition. */
export function eventKey(document: EcsDocument): string {
  const host = document.host?.hostname ?? document.host?.ip?.[0] ?? '';
  return `${document.organization?.id ?? UNATTRIBUTED_MEMBER}|${host}`;
}

/**
 * One raw message to one ECS document, or to a dead letter when anything
 * throws (bad envelope, a decoder failure, a bug): never to an exception.
 */
export function normaliseMessage(
  message: BusMessage,
  members: MemberLookup,
  now?: () => Date,
  /** Asset map lookup (host → application) for the envelope's member. */
  enrichFor?: (member: string | undefined) => NormaliseOptions['enrich'],
): NormaliseOutcome {
  let envelope: RawEnvelope | undefined;
  try {
    envelope = parseEnvelope(message.value);
    const info = envelope.member ? members(envelope.member) : undefined;
    const enrich = enrichFor?.(envelope.member);
    const document = normalise(envelope, { timeZone: info?.timeZone, memberName: info?.name, now, enrich });
    return { ok: true, document, event: { key: eventKey(document), value: JSON.stringify(document) } };
  } catch (error) {
    return {
      ok: false,
      letter: deadLetter({
        stage: 'normaliser',
        reason: reasonOf(error, 'normalise_failed'),
        detail: messageOf(error),
        raw: envelope ? envelope.raw : message.value,
        member: envelope?.member,
        from: message,
        origin: envelope ? originOf(envelope) : undefined,
      }),
    };
  }
}
