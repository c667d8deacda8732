import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { EventBus } from '@vigie/bus';
import { RawEnvelope, Topics, Transport } from '@vigie/contracts';
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
  private readonly messages;
  private readonly bytes;
  private readonly errors;

  constructor(
    private readonly bus: EventBus,
    metrics: Metrics,
  ) {
    this.messages = metrics.counter('vigie_receiver_messages_total', 'Messages received', ['transport']);
    this.bytes = metrics.counter('vigie_receiver_bytes_total', 'Bytes received', ['transport']);
    this.errors = metrics.counter('vigie_receiver_errors_total', 'Receiver errors', ['transport', 'reason']);
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

  accept(envelope: RawEnvelope, byteLength: number): void {
    this.messages.inc({ transport: envelope.transport });
    this.bytes.inc({ transport: envelope.transport }, byteLength);
    this.queue.push(envelope);
    if (this.queue.length >= MAX_BATCH) void this.flush();
    else if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        void this.flush();
      });
    }
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
        if (!this.saturated) this.drainWaiters.splice(0).forEach((w) => w());
      }
    })().finally(() => (this.flushing = undefined));
    return this.flushing;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.flush();
  }
}
