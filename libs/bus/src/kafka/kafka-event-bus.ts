import { Admin, Consumer, Kafka, KafkaConfig, logLevel, Producer } from 'kafkajs';
import { BusMessage, EventBus, OutgoingMessage, SubscribeOptions, Subscription } from '../event-bus';
import { CachedDefaultPartitioner } from './cached-partitioner';

export interface KafkaBusOptions {
  brokers: string[];
  clientId: string;
  partitions: number;
  replicationFactor: number;
  /** Back-off before redelivering a batch whose handler threw. */
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
  onHandlerError?: (error: unknown, topic: string, partition: number) => void;
  log?: (level: 'error' | 'warn' | 'info' | 'debug', message: string, extra?: Record<string, unknown>) => void;
}

/**
 * Apache Kafka adapter (kafkajs). Offsets are committed by hand, only after the
 * handler resolved for the whole batch: a crash between handling and commit
 * redelivers the batch (at-least-once), never skips it.
 */
export class KafkaEventBus extends EventBus {
  private readonly kafka: Kafka;
  private producer?: Producer;
  private producerReady?: Promise<Producer>;
  private admin?: Promise<Admin>;
  private readonly consumers = new Set<Consumer>();

  constructor(private readonly options: KafkaBusOptions) {
    super();
    const config: KafkaConfig = {
      clientId: options.clientId,
      brokers: options.brokers,
      connectionTimeout: 3000,
      requestTimeout: 30000,
      retry: { initialRetryTime: 300, retries: 12, maxRetryTime: 10000 },
      logLevel: logLevel.WARN,
      logCreator: () => (entry) => {
        const level = entry.level === logLevel.ERROR ? 'error' : entry.level === logLevel.WARN ? 'warn' : 'info';
        options.log?.(level, `kafka: ${entry.log.message}`, { namespace: entry.namespace });
      },
    };
    this.kafka = new Kafka(config);
  }

  private getAdmin(): Promise<Admin> {
    if (!this.admin) {
      const admin = this.kafka.admin();
      this.admin = admin.connect().then(
        () => admin,
        (e) => {
          this.admin = undefined;
          throw e;
        },
      );
    }
    return this.admin;
  }

  async ensureTopics(topics: readonly string[]): Promise<void> {
    const admin = await this.getAdmin();
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((t) => !existing.has(t));
    if (missing.length === 0) return;
    try {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({
          topic,
          numPartitions: this.options.partitions,
          replicationFactor: this.options.replicationFactor,
        })),
      });
    } catch (e) {
      // Another process may have created them meanwhile.
      if ((e as { type?: string }).type !== 'TOPIC_ALREADY_EXISTS') throw e;
    }
  }

  private getProducer(): Promise<Producer> {
    if (!this.producerReady) {
      const producer = this.kafka.producer({
        allowAutoTopicCreation: false,
        maxInFlightRequests: 5,
        createPartitioner: CachedDefaultPartitioner,
      });
      this.producerReady = producer.connect().then(
        () => (this.producer = producer),
        (e) => {
          this.producerReady = undefined;
          throw e;
        },
      );
    }
    return this.producerReady;
  }

  async publish(topic: string, messages: OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const producer = await this.getProducer();
    await producer.send({
      topic,
      acks: -1,
      messages: messages.map((m) => ({ key: m.key, value: m.value, headers: m.headers })),
    });
  }

  async subscribe(options: SubscribeOptions): Promise<Subscription> {
    const consumer = this.kafka.consumer({
      groupId: options.groupId,
      allowAutoTopicCreation: false,
      sessionTimeout: 30000,
      heartbeatInterval: 3000,
      maxBytesPerPartition: 1024 * 1024,
      retry: { initialRetryTime: 300, retries: Number.MAX_SAFE_INTEGER, maxRetryTime: 10000 },
    });
    await consumer.connect();
    await consumer.subscribe({ topics: options.topics, fromBeginning: options.fromBeginning ?? true });
    const initial = this.options.retryDelayMs ?? 200;
    const ceiling = this.options.maxRetryDelayMs ?? 10000;
    const max = options.maxBatchSize ?? 500;
    let running = true;

    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: 1,
      eachBatch: async ({ batch, heartbeat, isRunning, isStale, resolveOffset }) => {
        const all: BusMessage[] = batch.messages.map((m) => ({
          topic: batch.topic,
          partition: batch.partition,
          offset: m.offset,
          key: m.key?.toString() ?? '',
          value: m.value?.toString() ?? '',
          headers: decodeHeaders(m.headers),
        }));
        for (let start = 0; start < all.length; start += max) {
          const chunk = all.slice(start, start + max);
          let delay = initial;
          for (;;) {
            if (!running || !isRunning() || isStale()) return;
            try {
              await options.handler(chunk);
              break;
            } catch (error) {
              this.options.onHandlerError?.(error, batch.topic, batch.partition);
              await sleep(delay);
              delay = Math.min(delay * 2, ceiling);
              await heartbeat().catch(() => undefined);
            }
          }
          const last = chunk[chunk.length - 1].offset;
          resolveOffset(last);
          const next = (BigInt(last) + 1n).toString();
          await consumer.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: next }]);
          await heartbeat();
        }
      },
    });
    this.consumers.add(consumer);
    return {
      stop: async () => {
        running = false;
        this.consumers.delete(consumer);
        await consumer.disconnect();
      },
    };
  }

  async lag(groupId: string, topic: string): Promise<Array<{ partition: number; lag: number }>> {
    const admin = await this.getAdmin();
    const [ends, committed] = await this.retryRetriable(() =>
      Promise.all([admin.fetchTopicOffsets(topic), admin.fetchOffsets({ groupId, topics: [topic] })]),
    );
    const done = new Map(committed[0]?.partitions.map((p) => [p.partition, Number(p.offset)]) ?? []);
    return ends.map((e) => {
      const c = done.get(e.partition) ?? -1;
      const low = Number(e.low);
      const from = c < 0 ? low : c;
      return { partition: e.partition, lag: Math.max(0, Number(e.high) - from) };
    });
  }

  /**
   * kafkajs's admin gives up at once on some retriable broker answers, such as
   * NOT_LEADER_FOR_PARTITION while a freshly created or restarted partition
   * elects its leader. Those are retried here with a short backoff, up to ten
   * times; anything else is thrown as is.
   */
  private async retryRetriable<T>(op: () => Promise<T>, attempts = 10): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await op();
      } catch (e) {
        if (attempt >= attempts || (e as { retriable?: boolean }).retriable !== true) throw e;
        await new Promise((r) => setTimeout(r, Math.min(200 * 2 ** (attempt - 1), 3000)));
      }
    }
  }

  async ping(): Promise<void> {
    const admin = await this.getAdmin();
    await admin.describeCluster();
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.consumers].map((c) => c.disconnect()));
    this.consumers.clear();
    if (this.producer) await this.producer.disconnect().catch(() => undefined);
    if (this.admin) await (await this.admin.catch(() => undefined))?.disconnect().catch(() => undefined);
    this.producer = undefined;
    this.producerReady = undefined;
    this.admin = undefined;
  }
}

function decodeHeaders(headers: Record<string, Buffer | string | (Buffer | string)[] | undefined> | undefined): Record<string, string> | undefined {
  if (!headers) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (v === undefined) continue;
    out[k] = Array.isArray(v) ? v.map(String).join(',') : v.toString();
  }
  return Object.keys(out).length ? out : undefined;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
