import type { BusMessage } from '@vigie/bus';
import type { EnvelopeOrigin } from '@vigie/contracts';
import type { StoredEvent } from '@vigie/event-store';

export type ParsedEvent =
  { ok: true; event: StoredEvent } | { ok: false; reason: string; detail: string; member?: string };

/**
 * A `siem.events.v1` message to the store's shape: id = event.id, member =
 * organization.id, timestamp = @timestamp, json = the message value.
 */
export function toStoredEvent(message: Pick<BusMessage, 'value'>): ParsedEvent {
  let doc: unknown;
  try {
    doc = JSON.parse(message.value);
  } catch (e) {
    return { ok: false, reason: 'invalid_document', detail: `not JSON: ${(e as Error).message}` };
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) {
    return { ok: false, reason: 'invalid_document', detail: 'not a JSON object' };
  }
  const d = doc as Record<string, unknown> & { event?: { id?: unknown }; organization?: { id?: unknown } };
  const member = typeof d.organization?.id === 'string' ? d.organization.id : undefined;
  const id = d.event?.id;
  if (typeof id !== 'string' || id === '')
    return { ok: false, reason: 'invalid_document', detail: 'event.id is missing', member };
  if (member === undefined || member === '') {
    return { ok: false, reason: 'invalid_document', detail: 'organization.id is missing', member };
  }
  const timestamp = d['@timestamp'];
  if (typeof timestamp !== 'string')
    return { ok: false, reason: 'invalid_document', detail: '@timestamp is missing', member };
  // The message value is the document's JSON: the store may write it without serialising `doc` again.
  return { ok: true, event: { id, member, timestamp, doc: d, json: message.value } };
}

/** The raw line of a document, for its dead letter: `event.original` when kept, else the document itself. */
export function rawLineOf(event: StoredEvent | undefined, value: string): string {
  const original = (event?.doc.event as { original?: unknown } | undefined)?.original;
  return typeof original === 'string' ? original : value;
}

/**
 * What a document tells of how its line was received: `event.created` is the
 * receive time and `host.ip` the sender's address (the transport is not kept).
 */
export function originOfDocument(event: StoredEvent | undefined): EnvelopeOrigin | undefined {
  const doc = event?.doc as { event?: { created?: unknown }; host?: { ip?: unknown } } | undefined;
  if (!doc) return undefined;
  const origin: EnvelopeOrigin = {};
  if (typeof doc.event?.created === 'string') origin.receivedAt = doc.event.created;
  const ip = doc.host?.ip;
  const first = Array.isArray(ip) ? ip[0] : ip;
  if (typeof first === 'string' && first !== '') origin.peer = { ip: first };
  return Object.keys(origin).length ? origin : undefined;
}
