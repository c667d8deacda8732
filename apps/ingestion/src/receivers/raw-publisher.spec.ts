import { MemoryEventBus } from '@vigie/bus';
import { RawEnvelope, Topics } from '@vigie/contracts';
import { Metrics } from '@vigie/observability';
import { RawPublisher } from './raw-publisher';

const envelope = (member: string, raw: string, transport: RawEnvelope['transport'] = 'http'): RawEnvelope => ({
  receivedAt: '2026-11-29T10:00:00.000Z',
  transport,
  peer: { ip: '192.0.2.1' },
  member,
  raw,
});

async function counter(metrics: Metrics, name: string): Promise<Record<string, number>> {
  const data = await metrics.registry.getSingleMetric(name)!.get();
  return Object.fromEntries(data.values.map((v) => [Object.values(v.labels).join('/'), v.value]));
}

describe('RawPublisher', () => {
  let bus: MemoryEventBus;
  let metrics: Metrics;
  let publisher: RawPublisher;
  const seen: string[] = [];

  beforeEach(async () => {
    bus = new MemoryEventBus({ partitions: 2, maxQueued: 10_000 });
    await bus.ensureTopics([Topics.raw]);
    metrics = new Metrics(false);
    publisher = new RawPublisher(bus, metrics);
    seen.length = 0;
    await bus.subscribe({
      groupId: 'spec',
      topics: [Topics.raw],
      handler: async (batch) => {
        for (const m of batch) seen.push(`${m.key} ${(JSON.parse(m.value) as RawEnvelope).raw}`);
      },
    });
  });
  afterEach(() => bus.close());

  it('resolves published(seq) only once that message is on the bus, in order, keyed by member and peer', async () => {
    const seqs = Array.from({ length: 1200 }, (_, i) => publisher.accept(envelope('ivry', `m${i}`), 2));
    expect(seqs[0]).toBeLessThan(seqs[1199]);
    await publisher.published(seqs[1199]);
    expect(publisher.pending).toBe(0);
    for (let i = 0; i < 50 && seen.length < 1200; i++) await new Promise((r) => setTimeout(r, 5));
    expect(seen).toHaveLength(1200);
    expect(seen[0]).toBe('ivry|192.0.2.1 m0');
    expect(seen[1199]).toBe('ivry|192.0.2.1 m1199');
  });

  it('counts messages and bytes per transport, and unattributed messages', async () => {
    publisher.accept(envelope('ivry', 'a', 'tls'), 10);
    publisher.accept(envelope('unattributed', 'b', 'tls'), 20);
    publisher.accept(envelope('unattributed', 'c', 'udp'), 5);
    await publisher.flush();
    expect(await counter(metrics, 'vigie_receiver_messages_total')).toEqual({ tls: 2, udp: 1 });
    expect(await counter(metrics, 'vigie_receiver_bytes_total')).toEqual({ tls: 30, udp: 5 });
    expect(await counter(metrics, 'vigie_receiver_unattributed_total')).toEqual({ tls: 1, udp: 1 });
  });
});
