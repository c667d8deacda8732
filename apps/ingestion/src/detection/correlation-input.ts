import type { OutgoingMessage } from '@vigie/bus';
import {
  CompiledRule,
  CorrelationMember,
  EcsEvent,
  ForwardOutput,
  groupRoutingKey,
  PartitionKeyParts,
  routeCorrelations,
} from '@vigie/sigma';
import { ruleIdOf } from './rule-inventory';

/**
 * The parts of the `siem.events.v1` key (`<organization.id>|<host.hostname>`, see `eventKey()` in the normaliser),
 * with the ECS paths that hold the same value: Vigie's Windows decoder sets `host.name` and `winlog.computer_name`
 * to the `host.hostname` it sets, no other decoder sets them. An event without a host name is keyed by its sender
 * address, but then it has no value for these paths either and is not counted by a group-by on them.
 */
export const EVENT_KEY_PARTS: PartitionKeyParts = [
  new Set(['organization.id']),
  new Set(['host.hostname', 'host.name', 'winlog.computer_name']),
];

/**
 * The correlations (uids) whose groups may span partitions of `siem.events.v1`: their inputs are re-keyed by group
 * on `siem.correlation.v1` instead of being counted where the events are consumed. See {@link routeCorrelations}.
 */
export function rekeyedCorrelations(rules: readonly CompiledRule[]): Set<string> {
  return routeCorrelations(rules, EVENT_KEY_PARTS).rekeyed;
}

/** One correlation fed by a correlation input message. */
export interface CorrelationInputEntry {
  /** The correlation's key (its id; `uid:<uid>` when it has none or shares it). */
  correlation: string;
  /** Id of the referenced rule that produced the input (a detection rule, or the inner correlation of a chain). */
  rule: string;
  /** Positions of that rule among the correlation's `rules`. */
  positions: number[];
  /** The correlation's group-by names and their values. */
  groupValues: Record<string, string>;
  /** `value_*` correlations: the value of their `field`. */
  value?: string;
}

/**
 * A message on `siem.correlation.v1`: the inputs one event (or one inner correlation alert) gives to the re-keyed
 * correlations sharing one group routing key. Keyed by that routing key, so that every input of a group reaches one
 * consumer of the group `vigie-correlator`.
 */
export interface CorrelationInputMessage {
  v: 1;
  /** Deduplication id: the event id (or the inner alert key) and the routing key. */
  id: string;
  /** Correlation time of the input (ms since the epoch). */
  timeMs: number;
  /**
   * `event`: the matching event as the rules saw it (with `vigie.working_hours`), carried whole because the alert
   * it completes carries it (alert exceptions' Sigma filters are evaluated on it).
   * `alert`: a `new` alert of an inner correlation of a chain, with the members of its events.
   */
  source: { kind: 'event'; eventId?: string; event: EcsEvent } | { kind: 'alert'; alertKey: string; members: string[] };
  inputs: CorrelationInputEntry[];
}

/** Group forwarded inputs into messages: one per source (event or inner alert) and routing key, in order. */
export function toInputMessages(
  forwards: readonly ForwardOutput[],
  membersOfAlert: (f: ForwardOutput & { from: { kind: 'alert' } }) => string[],
): Array<{ key: string; message: CorrelationInputMessage }> {
  const out = new Map<string, { key: string; message: CorrelationInputMessage }>();
  for (const f of forwards) {
    const key = groupRoutingKey(f.correlation.groupBy, f.member.groupValues);
    const sourceId =
      f.from.kind === 'event' ? `e:${f.member.eventId ?? `${f.member.timeMs}`}` : `a:${f.from.alert.alertKey}`;
    const id = `${sourceId}|${key}`;
    const entry: CorrelationInputEntry = {
      correlation: f.correlationKey,
      rule: f.from.kind === 'event' ? ruleIdOf(f.from.rule) : ruleIdOf(f.from.alert.rule),
      positions: [...f.member.positions],
      groupValues: { ...f.member.groupValues },
      ...(f.member.value !== undefined ? { value: f.member.value } : {}),
    };
    const known = out.get(id);
    if (known) {
      known.message.inputs.push(entry);
      continue;
    }
    const source: CorrelationInputMessage['source'] =
      f.from.kind === 'event'
        ? {
            kind: 'event',
            ...(f.member.eventId !== undefined ? { eventId: f.member.eventId } : {}),
            event: f.from.event,
          }
        : {
            kind: 'alert',
            alertKey: f.from.alert.alertKey,
            members: membersOfAlert(f as ForwardOutput & { from: { kind: 'alert' } }),
          };
    out.set(id, { key, message: { v: 1, id, timeMs: f.member.timeMs, source, inputs: [entry] } });
  }
  return [...out.values()];
}

/** Bus messages of correlation inputs (a header names the source for operators reading the topic). */
export function toOutgoing(
  inputs: ReadonlyArray<{ key: string; message: CorrelationInputMessage }>,
): OutgoingMessage[] {
  return inputs.map(({ key, message }) => ({
    key,
    value: JSON.stringify(message),
    headers: { 'vigie-source': message.source.kind },
  }));
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Parse a message of `siem.correlation.v1`; `undefined` when it is not one (counted as invalid by the consumer). */
export function parseInputMessage(text: string): CorrelationInputMessage | undefined {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(v) || v.v !== 1 || typeof v.id !== 'string' || typeof v.timeMs !== 'number') return undefined;
  if (!Number.isFinite(v.timeMs) || !Array.isArray(v.inputs) || !isRecord(v.source)) return undefined;
  const s = v.source;
  if (s.kind === 'event') {
    if (!isRecord(s.event) || (s.eventId !== undefined && typeof s.eventId !== 'string')) return undefined;
  } else if (s.kind === 'alert') {
    if (typeof s.alertKey !== 'string' || !Array.isArray(s.members)) return undefined;
    if (!s.members.every((m) => typeof m === 'string')) return undefined;
  } else return undefined;
  for (const i of v.inputs as unknown[]) {
    if (!isRecord(i) || typeof i.correlation !== 'string' || typeof i.rule !== 'string') return undefined;
    if (!Array.isArray(i.positions) || !i.positions.every((p) => typeof p === 'number')) return undefined;
    if (!isRecord(i.groupValues) || !Object.values(i.groupValues).every((x) => typeof x === 'string')) return undefined;
    if (i.value !== undefined && typeof i.value !== 'string') return undefined;
  }
  return v as unknown as CorrelationInputMessage;
}

/** The engine member of one entry of a message. */
export function memberOf(message: CorrelationInputMessage, entry: CorrelationInputEntry): CorrelationMember {
  const eventId = message.source.kind === 'event' ? message.source.eventId : message.source.alertKey;
  return {
    positions: entry.positions,
    timeMs: message.timeMs,
    ...(eventId !== undefined ? { eventId } : {}),
    groupValues: entry.groupValues,
    ...(entry.value !== undefined ? { value: entry.value } : {}),
  };
}
