/** A message to publish. Messages with the same key keep their order. */
export interface OutgoingMessage {
  key: string;
  value: string;
  headers?: Record<string, string>;
}

/** A message as delivered to a consumer. */
export interface BusMessage extends OutgoingMessage {
  topic: string;
  partition: number;
  /** Position in the partition, as a decimal string. */
  offset: string;
}

/**
 * Handles a batch of messages from one partition, in order. When it resolves,
 * the batch is committed. When it throws, nothing is committed and the same
 * messages are delivered again (after a back-off): delivery is at-least-once.
 */
export type BatchHandler = (messages: BusMessage[]) => Promise<void>;

export interface SubscribeOptions {
  /** Consumers sharing a group id share the partitions and the committed offsets. */
  groupId: string;
  topics: string[];
  handler: BatchHandler;
  /** A group with no committed offset starts at the oldest message (default) or at the newest. */
  fromBeginning?: boolean;
  /** Most messages handed to the handler at once. */
  maxBatchSize?: number;
}

export interface Subscription {
  /** Stop consuming. Work in progress finishes or is left uncommitted. */
  stop(): Promise<void>;
}

/**
 * The event bus port. Adapters: Apache Kafka (`kafka/`) and in-process
 * (`memory/`), with the same semantics; one contract suite runs on both.
 */
export abstract class EventBus {
  /** Create the topics if missing, with the configured number of partitions. */
  abstract ensureTopics(topics: readonly string[]): Promise<void>;
  /** Resolves once the bus has accepted every message (acks=all on Kafka). */
  abstract publish(topic: string, messages: OutgoingMessage[]): Promise<void>;
  abstract subscribe(options: SubscribeOptions): Promise<Subscription>;
  /** Messages not yet committed by a group, per partition. */
  abstract lag(groupId: string, topic: string): Promise<Array<{ partition: number; lag: number }>>;
  /** Throws when the bus cannot be reached. */
  abstract ping(): Promise<void>;
  abstract close(): Promise<void>;
}

/** Partition for a key: the same key always lands on the same partition. */
export function partitionFor(key: string, partitions: number): number {
  // FNV-1a, 32 bit.
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % partitions;
}
