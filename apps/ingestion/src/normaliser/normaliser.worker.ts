import { Injectable, OnApplicationBootstrap, OnModuleDestroy, Optional } from '@nestjs/common';
import { BusMessage, EventBus, OutgoingMessage, Subscription } from '@vigie/bus';
import { logger, Metrics } from '@vigie/observability';
import { deadLetterMessage } from '../dead-letters/dead-letter-message';
import { deadLetterCounter } from '../dead-letters/dead-letter-metrics';
import { ConsumerLagPoller } from '../indexer/consumer-lag.poller';
import { AssetMap } from '../enrichment/asset-map';
import { MemberDirectory } from '../members/member-directory';
import { normaliseMessage } from './normalise-message';
import { NormaliserOptions } from './normaliser.options';

const RATE_INTERVAL_MS = 5000;

/**
 * siem.raw.v1 → ECS documents on siem.events.v1. A message that cannot be
 * normalised goes to siem.dlq.v1 and never stops its partition. Events and dead
 * letters are published before the batch handler resolves, so the bus commits
 * the raw offsets only once their output is safe.
 */
@Injectable()
export class NormaliserWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = logger('NormaliserWorker');
  private subscription?: Subscription;
  private starting?: Promise<void>;
  private readonly normalised;
  private readonly rate;
  private readonly deadLetters;
  private rateTimer?: NodeJS.Timeout;
  private lastCount = 0;
  private total = 0;
  private readonly lag: ConsumerLagPoller;

  constructor(
    private readonly bus: EventBus,
    private readonly members: MemberDirectory,
    private readonly options: NormaliserOptions,
    metrics: Metrics,
    @Optional() private readonly assetMap?: AssetMap,
  ) {
    this.normalised = metrics.counter('vigie_normaliser_events_total', 'Raw messages normalised into ECS events');
    this.rate = metrics.gauge('vigie_normaliser_events_per_second', 'Normalised events per second (last 5 s)');
    this.deadLetters = deadLetterCounter(metrics);
    this.lag = new ConsumerLagPoller(bus, metrics, options.groupId, options.inputTopic, options.lagPollMs);
  }

  get running(): boolean {
    return this.subscription !== undefined;
  }

  async onApplicationBootstrap(): Promise<void> {
    this.rateTimer = setInterval(() => {
      this.rate.set(((this.total - this.lastCount) * 1000) / RATE_INTERVAL_MS);
      this.lastCount = this.total;
    }, RATE_INTERVAL_MS);
    this.rateTimer.unref();
    this.lag.start();
    if (this.options.autoStart) await this.start();
  }

  /** Subscribe (again) in the normaliser's consumer group. */
  async start(): Promise<void> {
    if (this.subscription) return;
    this.starting ??= (async () => {
      const o = this.options;
      await this.bus.ensureTopics([o.inputTopic, o.outputTopic, o.deadLetterTopic]);
      this.subscription = await this.bus.subscribe({
        groupId: o.groupId,
        topics: [o.inputTopic],
        maxBatchSize: o.maxBatchSize,
        handler: (messages) => this.handle(messages),
      });
      this.log.info({ group: o.groupId, topic: o.inputTopic }, 'normaliser consuming');
    })().finally(() => (this.starting = undefined));
    await this.starting;
  }

  /** Stop consuming; what was not committed is delivered again on the next start. */
  async stop(): Promise<void> {
    await this.starting?.catch(() => undefined);
    const s = this.subscription;
    this.subscription = undefined;
    if (s) await s.stop();
  }

  async handle(messages: BusMessage[]): Promise<void> {
    const events: OutgoingMessage[] = [];
    const letters: OutgoingMessage[] = [];
    const lookup = (code: string) => this.members.info(code);
    const assets = this.assetMap;
    const enrichFor = assets ? (member: string | undefined) => assets.enrichFor(member) : undefined;
    for (const message of messages) {
      const outcome = normaliseMessage(message, lookup, undefined, enrichFor);
      if (outcome.ok) events.push(outcome.event);
      else {
        letters.push(deadLetterMessage(outcome.letter));
        this.deadLetters.inc({ stage: 'normaliser', reason: outcome.letter.reason });
        this.log.debug({ reason: outcome.letter.reason, detail: outcome.letter.detail }, 'dead-lettered');
      }
    }
    await Promise.all([
      this.bus.publish(this.options.outputTopic, events),
      this.bus.publish(this.options.deadLetterTopic, letters),
    ]);
    this.normalised.inc(events.length);
    this.total += events.length;
  }

  async onModuleDestroy(): Promise<void> {
    if (this.rateTimer) clearInterval(this.rateTimer);
    this.lag.stop();
    await this.stop();
  }
}
