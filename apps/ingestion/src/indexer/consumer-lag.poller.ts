import { EventBus } from '@vigie/bus';
import { logger, Metrics } from '@vigie/observability';

/**
 * Polls the bus for a consumer group's lag per partition into the
 * `vigie_consumer_lag{group,topic,partition}` gauge, every `periodMs` while started.
 */
export class ConsumerLagPoller {
  private readonly log = logger('ConsumerLagPoller');
  private readonly gauge;
  private timer?: NodeJS.Timeout;
  private polling = false;

  constructor(
    private readonly bus: EventBus,
    metrics: Metrics,
    private readonly group: string,
    private readonly topic: string,
    private readonly periodMs: number,
  ) {
    this.gauge = metrics.gauge('vigie_consumer_lag', 'Messages not yet committed by a consumer group, per partition', [
      'group',
      'topic',
      'partition',
    ]);
  }

  start(): void {
    if (this.timer) return;
    void this.poll();
    this.timer = setInterval(() => void this.poll(), this.periodMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  async poll(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    try {
      for (const { partition, lag } of await this.bus.lag(this.group, this.topic)) {
        this.gauge.set({ group: this.group, topic: this.topic, partition: String(partition) }, lag);
      }
    } catch (e) {
      this.log.debug({ error: (e as Error).message, group: this.group }, 'lag poll failed');
    } finally {
      this.polling = false;
    }
  }
}
