import { Partitioners, type PartitionerArgs, type PartitionMetadata } from 'kafkajs';
import { CachedDefaultPartitioner } from './cached-partitioner';

const metadata = (n: number): PartitionMetadata[] =>
  Array.from({ length: n }, (_, partitionId) => ({
    partitionErrorCode: 0,
    partitionId,
    leader: 1,
    replicas: [1],
    isr: [1],
  }));

const args = (topic: string, n: number, key: string | Buffer | null, partition?: number): PartitionerArgs => ({
  topic,
  partitionMetadata: metadata(n),
  message: { key, value: 'v', partition },
});

describe('CachedDefaultPartitioner', () => {
  it('picks the partition the default partitioner picks, for every key, on every call', () => {
    const cached = CachedDefaultPartitioner();
    const reference = Partitioners.DefaultPartitioner();
    const keys = Array.from({ length: 500 }, (_, i) => `member-${i % 7}|host-${i}`);
    const spread = new Set<number>();
    for (let round = 0; round < 2; round++) {
      for (const key of keys) {
        const expected = reference(args('t', 6, key));
        expect(cached(args('t', 6, key))).toBe(expected);
        spread.add(expected);
      }
    }
    expect(spread.size).toBe(6); // the keys do spread, so a constant answer would fail
  });

  it('follows a change in the number of partitions and keeps topics apart', () => {
    const cached = CachedDefaultPartitioner();
    const reference = Partitioners.DefaultPartitioner();
    const key = 'ivry|web01';
    const on = (topic: string, n: number) => [cached(args(topic, n, key)), reference(args(topic, n, key))];
    for (const n of [6, 5, 12, 6]) {
      const [got, expected] = on('a', n);
      expect(got).toBe(expected);
    }
    // keys whose partition differs between 6 and 4 partitions: the memo of one topic is not used for the other
    const differing = Array.from({ length: 100 }, (_, i) => `k${i}`).filter(
      (k) => reference(args('x', 6, k)) !== reference(args('x', 4, k)),
    );
    expect(differing.length).toBeGreaterThan(0);
    for (const k of differing) {
      expect(cached(args('six', 6, k))).toBe(reference(args('six', 6, k)));
      expect(cached(args('four', 4, k))).toBe(reference(args('four', 4, k)));
    }
  });

  it('honours an explicit partition and hashes Buffer keys like the default partitioner', () => {
    const cached = CachedDefaultPartitioner();
    const reference = Partitioners.DefaultPartitioner();
    expect(cached(args('t', 6, 'ivry|a', 4))).toBe(4);
    const buf = Buffer.from('ivry|web02');
    expect(cached(args('t', 6, buf))).toBe(reference(args('t', 6, buf)));
    expect(cached(args('t', 6, buf))).toBe(cached(args('t', 6, 'ivry|web02')));
  });
});
