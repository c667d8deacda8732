import { randomUUID } from 'node:crypto';
import { BusMessage, EventBus, Subscription } from '@vigie/bus';

export interface BusHarness {
  bus: () => EventBus;
  /** Restart the broker (Kafka only). */
  restartBroker?: () => Promise<void>;
}

async function waitFor(cond: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The semantics every EventBus adapter must have. */
export function runBusContract(harness: BusHarness, timeoutMs = 30000): void {
  const topicName = () => `test.contract.${randomUUID().slice(0, 8)}`;
  const subs: Subscription[] = [];
  afterEach(async () => {
    await Promise.all(subs.splice(0).map((s) => s.stop()));
  });

  it('delivers every published message to a group, keeping order per key', async () => {
    const bus = harness.bus();
    const topic = topicName();
    await bus.ensureTopics([topic]);
    const keys = ['ivry|10.0.0.1', 'vitry|10.0.0.2', 'arcueil|10.0.0.3', 'gentilly|10.0.0.4'];
    const sent = keys.flatMap((key) => Array.from({ length: 50 }, (_, i) => ({ key, value: `${key}#${i}` })));
    await bus.publish(topic, sent);
    const got: BusMessage[] = [];
    subs.push(await bus.subscribe({ groupId: `g-${randomUUID()}`, topics: [topic], handler: async (b) => void got.push(...b) }));
    await waitFor(() => got.length >= sent.length, timeoutMs, 'all messages');
    expect(got).toHaveLength(sent.length);
    for (const key of keys) {
      const seq = got.filter((m) => m.key === key).map((m) => Number(m.value.split('#')[1]));
      expect(seq).toEqual(Array.from({ length: 50 }, (_, i) => i));
    }
    // A key always lands on one partition.
    for (const key of keys) expect(new Set(got.filter((m) => m.key === key).map((m) => m.partition)).size).toBe(1);
  });

  it('redelivers a batch whose handler threw, and commits only after success (at-least-once)', async () => {
    const bus = harness.bus();
    const topic = topicName();
    await bus.ensureTopics([topic]);
    await bus.publish(topic, Array.from({ length: 10 }, (_, i) => ({ key: 'k', value: String(i) })));
    let failures = 0;
    const handled: string[] = [];
    subs.push(
      await bus.subscribe({
        groupId: `g-${randomUUID()}`,
        topics: [topic],
        handler: async (batch) => {
          if (failures < 2 && batch.some((m) => m.value === '5')) {
            failures++;
            throw new Error('transient');
          }
          handled.push(...batch.map((m) => m.value));
        },
      }),
    );
    await waitFor(() => handled.includes('9'), timeoutMs, 'message 9');
    expect(failures).toBe(2);
    // Every message handled at least once, in order of first success.
    expect([...new Set(handled)]).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
  });

  it('resumes a group from its committed offset after the consumer stops', async () => {
    const bus = harness.bus();
    const topic = topicName();
    const groupId = `g-${randomUUID()}`;
    await bus.ensureTopics([topic]);
    await bus.publish(topic, Array.from({ length: 20 }, (_, i) => ({ key: 'k', value: String(i) })));
    const first: string[] = [];
    const sub = await bus.subscribe({ groupId, topics: [topic], handler: async (b) => void first.push(...b.map((m) => m.value)) });
    await waitFor(() => first.length >= 20, timeoutMs, 'first 20');
    await sub.stop();
    await bus.publish(topic, Array.from({ length: 5 }, (_, i) => ({ key: 'k', value: String(20 + i) })));
    const second: string[] = [];
    subs.push(await bus.subscribe({ groupId, topics: [topic], handler: async (b) => void second.push(...b.map((m) => m.value)) }));
    await waitFor(() => second.length >= 5, timeoutMs, 'next 5');
    await new Promise((r) => setTimeout(r, 300));
    expect(second).toEqual(['20', '21', '22', '23', '24']);
    const lag = await bus.lag(groupId, topic);
    expect(lag.reduce((n, p) => n + p.lag, 0)).toBe(0);
  });

  it('shares partitions between two groups independently', async () => {
    const bus = harness.bus();
    const topic = topicName();
    await bus.ensureTopics([topic]);
    const a: string[] = [];
    const b: string[] = [];
    subs.push(await bus.subscribe({ groupId: `ga-${randomUUID()}`, topics: [topic], handler: async (m) => void a.push(...m.map((x) => x.value)) }));
    subs.push(await bus.subscribe({ groupId: `gb-${randomUUID()}`, topics: [topic], handler: async (m) => void b.push(...m.map((x) => x.value)) }));
    await bus.publish(topic, Array.from({ length: 30 }, (_, i) => ({ key: `k${i % 3}`, value: String(i) })));
    await waitFor(() => a.length >= 30 && b.length >= 30, timeoutMs, 'both groups');
    expect(new Set(a).size).toBe(30);
    expect(new Set(b).size).toBe(30);
  });

  if (harness.restartBroker) {
    it('keeps consuming after a broker restart without losing or duplicating committed work', async () => {
      const bus = harness.bus();
      const topic = topicName();
      await bus.ensureTopics([topic]);
      const seen = new Map<string, number>();
      subs.push(
        await bus.subscribe({
          groupId: `g-${randomUUID()}`,
          topics: [topic],
          handler: async (batch) => {
            for (const m of batch) seen.set(m.value, (seen.get(m.value) ?? 0) + 1);
          },
        }),
      );
      await bus.publish(topic, Array.from({ length: 100 }, (_, i) => ({ key: `k${i % 5}`, value: `a${i}` })));
      await waitFor(() => seen.size >= 100, timeoutMs, 'before restart');
      await harness.restartBroker!();
      // Publishing retries until the broker is back.
      await bus.publish(topic, Array.from({ length: 100 }, (_, i) => ({ key: `k${i % 5}`, value: `b${i}` })));
      await waitFor(() => seen.size >= 200, 90000, 'after restart');
      await new Promise((r) => setTimeout(r, 1000));
      expect(seen.size).toBe(200);
      // Work committed before the restart is not redelivered after it.
      const redelivered = [...seen].filter(([v, n]) => v.startsWith('a') && n > 1);
      expect(redelivered).toEqual([]);
    }, 180000);
  }
}
