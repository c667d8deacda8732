import { Partitioners, type ICustomPartitioner, type PartitionerArgs } from 'kafkajs';

/** Keys remembered per topic before the memo starts over (bounds memory with many distinct keys). */
const MAX_KEYS = 50_000;

/**
 * kafkajs's default (Java-compatible murmur2) partitioner, memoised per topic,
 * partition count and key: the same key lands on the same partition as with the
 * default partitioner, without hashing the key (and filtering the partition
 * list) again for every message. Producers send many messages with few keys
 * (`member|host`), so nearly every call is a lookup.
 */
export const CachedDefaultPartitioner: ICustomPartitioner = () => {
  const fallback = Partitioners.DefaultPartitioner();
  const topics = new Map<string, { partitions: number; byKey: Map<string, number> }>();
  return (args: PartitionerArgs): number => {
    const { topic, partitionMetadata, message } = args;
    if (message.partition !== null && message.partition !== undefined) return message.partition;
    if (typeof message.key !== 'string') return fallback(args);
    let memo = topics.get(topic);
    if (!memo || memo.partitions !== partitionMetadata.length || memo.byKey.size >= MAX_KEYS) {
      memo = { partitions: partitionMetadata.length, byKey: new Map() };
      topics.set(topic, memo);
    }
    let partition = memo.byKey.get(message.key);
    if (partition === undefined) {
      partition = fallback(args);
      memo.byKey.set(message.key, partition);
    }
    return partition;
  };
};
