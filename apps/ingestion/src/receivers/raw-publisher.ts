import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { EventBus } from '@vigie/bus';
import { RawEnvelope, Topics, Transport, UNATTRIBUTED_MEMBER } from '@vigie/contracts';
import { logger, Metrics } from '@vigie/observability';

const MAX_BATCH = 500;
const MAX_PENDING = 20000;

/**
 * Groups received messages into batches and publishes them on `siem.raw.v1`,
 * keyed by member and sending host so that one host's messages keep their
 * order. `pending` tells receivers when to stop reading (backpressure).
 */
@Injectable()
export class RawPublisher implements OnApplicationShutdown {
  private readonly log = logger('RawPublisher');
  private queue: RawEnvelope[] = [];
  private inFlight = 0;
  private flushing?: Promise<void>;
  private scheduled = false;
  private readonly drainWaiters: Array<() => void> = [];
  /** Messages accepted / acknowledged by the bus since start; batches go out in order. */
  private acceptedCount = 0;
  private publishedCount = 0;
  private readonly publishWaiters: Array<{ upTo: number; resolve: () => void }> = [];
  private readonly messages;
  private readonly bytes;
  private readonly errors;
  private readonly unattributed;

  constructor(
    private readonly bus: EventBus,
    metrics: Metrics,
  ) {
    this.messages = metrics.counter('vigie_receiver_messages_total', 'Messages received', ['transport']);
    this.bytes = metrics.counter('vigie_receiver_bytes_total', 'Bytes received', ['transport']);
    this.errors = metrics.counter('vigie_receiver_errors_total', 'Receiver errors', ['transport', 'reason']);
    this.unattributed = metrics.counter(
      'vigie_receiver_unattributed_total',
      'Messages whose source matched no member (attributed to `unattributed`)',
      ['transport'],
    );
  }

  /** Messages accepted but not yet acknowledged by the bus. */
  get pending(): number {
    return this.queue.length + this.inFlight;
  }

  get saturated(): boolean {
    return this.pending >= MAX_PENDING;
  }

  countError(transport: Transport, reason: string): void {
    this.errors.inc({ transport, reason });
  }

  /**
   * Queues a message for `siem.raw.v1`. Returns its sequence number, which
   * {@link published} waits for.
   */
  accept(envelope: RawEnvelope, byteLength: number): number {
    this.messages.inc({ transport: envelope.transport });
    this.bytes.inc({ transport: envelope.transport }, byteLength);
    if (envelope.member === UNATTRIBUTED_MEMBER) this.unattributed.inc({ transport: envelope.transport });
    this.queue.push(envelope);
    this.acceptedCount++;
    if (this.queue.length >= MAX_BATCH) void this.flush();
    else if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        void this.flush();
      });
    }
    return this.acceptedCount;
  }

  /** Resolves once every message up to sequence number `upTo` was acknowledged by the bus. */
  published(upTo: number): Promise<void> {
    if (this.publishedCount >= upTo) return Promise.resolve();
    return new Promise((resolve) => this.publishWaiters.push({ upTo, resolve }));
  }

  /** Resolves when the backlog is below the limit. */
  waitForDrain(): Promise<void> {
    if (!this.saturated) return Promise.resolve();
    return new Promise((resolve) => this.drainWaiters.push(resolve));
  }

  async flush(): Promise<void> {
    if (this.flushing) return this.flushing;
    this.flushing = (async () => {
      while (this.queue.length) {
        const batch = this.queue.splice(0, MAX_BATCH);
        this.inFlight += batch.length;
        for (let attempt = 0; ; attempt++) {
          try {
            await this.bus.publish(
              Topics.raw,
              batch.map((e) => ({ key: `${e.member}|${e.peer.ip}`, value: JSON.stringify(e) })),
            );
            break;
          } catch (error) {
            this.errors.inc({ transport: batch[0].transport, reason: 'publish_failed' });
            this.log.warn({ error: (error as Error).message, attempt, size: batch.length }, 'publish to siem.raw.v1 failed; retrying');
            await new Promise((r) => setTimeout(r, Math.min(200 * 2 ** attempt, 5000)));
          }
        }
        this.inFlight -= batch.length;
        this.publishedCount += batch.length;
        for (let i = this.publishWaiters.length - 1; i >= 0; i--) {
          if (this.publishWaiters[i].upTo <= this.publishedCount) this.publishWaiters.splice(i, 1)[0].resolve();
        }
        if (!this.saturated) this.drainWaiters.splice(0).forEach((w) => w());
      }
    })().finally(() => (this.flushing = undefined));
    return this.flushing;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.flush();
  }
}
