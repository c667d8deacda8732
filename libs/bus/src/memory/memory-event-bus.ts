import { BatchHandler, BusMessage, EventBus, OutgoingMessage, SubscribeOptions, Subscription, partitionFor } from '../event-bus';

interface Partition {
  /** Offset of `messages[0]`. */
  base: number;
  messages: Array<Omit<BusMessage, 'topic' | 'partition' | 'offset'>>;
}

interface Topic {
  partitions: Partition[];
}

interface Group {
  /** topic -> committed next offset per partition */
  committed: Map<string, number[]>;
  /** One active consumer per group per topic in-process. */
  consumers: Set<Consumer>;
}

export interface MemoryBusOptions {
  partitions: number;
  /** Publishers wait while the slowest group is this many messages behind on a partition. */
  maxQueued: number;
  /** Delay before redelivering a batch whose handler threw. */
  retryDelayMs?: number;
  onHandlerError?: (error: unknown, topic: string, partition: number) => void;
}

/**
 * In-process event bus with Kafka's semantics: partitions by key, consumer
 * groups with committed offsets, at-least-once redelivery when a handler
 * throws, and backpressure on publishers instead of unbounded memory.
 */
export class MemoryEventBus extends EventBus {
  private readonly topics = new Map<string, Topic>();
  private readonly groups = new Map<string, Group>();
  private readonly waiters = new Set<() => void>();
  private closed = false;

  constructor(private readonly options: MemoryBusOptions) {
    super();
  }

  async ensureTopics(topics: readonly string[]): Promise<void> {
    for (const t of topics) this.topic(t);
  }

  private topic(name: string): Topic {
    let t = this.topics.get(name);
    if (!t) {
      t = { partitions: Array.from({ length: this.options.partitions }, () => ({ base: 0, messages: [] })) };
      this.topics.set(name, t);
    }
    return t;
  }

  async publish(topic: string, messages: OutgoingMessage[]): Promise<void> {
    if (this.closed) throw new Error('bus is closed');
    const t = this.topic(topic);
    for (const m of messages) {
      const p = t.partitions[partitionFor(m.key, t.partitions.length)];
      while (this.backlog(topic, p, t) >= this.options.maxQueued) {
        await new Promise<void>((resolve) => this.waiters.add(resolve));
        if (this.closed) throw new Error('bus is closed');
      }
      p.messages.push({ key: m.key, value: m.value, headers: m.headers });
    }
    this.wakeConsumers(topic);
  }

  /** Messages on the partition not yet committed by the slowest group subscribed to the topic. */
  private backlog(topic: string, p: Partition, t: Topic): number {
    const index = t.partitions.indexOf(p);
    const end = p.base + p.messages.length;
    let min = end;
    for (const g of this.groups.values()) {
      const c = g.committed.get(topic);
      if (c) min = Math.min(min, c[index]);
    }
    return end - min;
  }

  private wakeConsumers(topic: string): void {
    for (const g of this.groups.values()) for (const c of g.consumers) if (c.topics.includes(topic)) c.wake();
  }

  /** Called after a commit: trim what every group has passed and release waiting publishers. */
  trim(topic: string): void {
    const t = this.topics.get(topic);
    if (!t) return;
    t.partitions.forEach((p, index) => {
      let min = p.base + p.messages.length;
      for (const g of this.groups.values()) {
        const c = g.committed.get(topic);
        if (c) min = Math.min(min, c[index]);
      }
      const drop = min - p.base;
      if (drop > 0) {
        p.messages.splice(0, drop);
        p.base = min;
      }
    });
    for (const w of this.waiters) w();
    this.waiters.clear();
  }

  async subscribe(options: SubscribeOptions): Promise<Subscription> {
    let g = this.groups.get(options.groupId);
    if (!g) {
      g = { committed: new Map(), consumers: new Set() };
      this.groups.set(options.groupId, g);
    }
    for (const topic of options.topics) {
      const t = this.topic(topic);
      if (!g.committed.has(topic)) {
        g.committed.set(
          topic,
          t.partitions.map((p) => (options.fromBeginning === false ? p.base + p.messages.length : p.base)),
        );
      }
    }
    const consumer = new Consumer(this, g, options, this.options);
    g.consumers.add(consumer);
    consumer.start();
    return { stop: () => consumer.stop() };
  }

  read(topic: string, partition: number, from: number, max: number): BusMessage[] {
    const p = this.topic(topic).partitions[partition];
    const start = Math.max(from, p.base) - p.base;
    return p.messages.slice(start, start + max).map((m, i) => ({
      ...m,
      topic,
      partition,
      offset: String(p.base + start + i),
    }));
  }

  partitionCount(topic: string): number {
    return this.topic(topic).partitions.length;
  }

  async lag(groupId: string, topic: string): Promise<Array<{ partition: number; lag: number }>> {
    const t = this.topic(topic);
    const c = this.groups.get(groupId)?.committed.get(topic);
    return t.partitions.map((p, partition) => ({
      partition,
      lag: p.base + p.messages.length - (c ? c[partition] : p.base),
    }));
  }

  async ping(): Promise<void> {
    if (this.closed) throw new Error('bus is closed');
  }

  async close(): Promise<void> {
    this.closed = true;
    const stops: Array<Promise<void>> = [];
    for (const g of this.groups.values()) for (const c of g.consumers) stops.push(c.stop());
    await Promise.all(stops);
    for (const w of this.waiters) w();
  }
}

class Consumer {
  readonly topics: string[];
  private running = false;
  private loop?: Promise<void>;
  private wakeUp?: () => void;

  constructor(
    private readonly bus: MemoryEventBus,
    private readonly group: Group,
    private readonly options: SubscribeOptions,
    private readonly busOptions: MemoryBusOptions,
  ) {
    this.topics = options.topics;
  }

  start(): void {
    this.running = true;
    this.loop = this.run();
  }

  wake(): void {
    this.wakeUp?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loop;
    this.group.consumers.delete(this);
  }

  private async run(): Promise<void> {
    const handler: BatchHandler = this.options.handler;
    const max = this.options.maxBatchSize ?? 500;
    while (this.running) {
      let delivered = false;
      for (const topic of this.topics) {
        const committed = this.group.committed.get(topic)!;
        for (let partition = 0; partition < committed.length && this.running; partition++) {
          const batch = this.bus.read(topic, partition, committed[partition], max);
          if (batch.length === 0) continue;
          delivered = true;
          try {
            await handler(batch);
            // A batch whose handler completed is committed, even if stop() came meanwhile.
            committed[partition] = Number(batch[batch.length - 1].offset) + 1;
            this.bus.trim(topic);
          } catch (error) {
            this.busOptions.onHandlerError?.(error, topic, partition);
            await this.sleep(this.busOptions.retryDelayMs ?? 200);
          }
        }
      }
      if (!delivered && this.running) {
        await new Promise<void>((resolve) => {
          this.wakeUp = resolve;
          setTimeout(resolve, 1000).unref();
        });
        this.wakeUp = undefined;
      } else {
        // Let publishers and other consumers run between batches.
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(resolve, ms);
      this.wakeUp = () => {
        clearTimeout(t);
        resolve();
      };
    });
  }
}
