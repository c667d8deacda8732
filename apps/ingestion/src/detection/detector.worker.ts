import { hostname } from 'node:os';
import { Injectable, OnApplicationBootstrap, OnApplicationShutdown, Optional, Inject } from '@nestjs/common';
import { BusMessage, EventBus, OutgoingMessage, Subscription } from '@vigie/bus';
import { AlertMessage, Topics } from '@vigie/contracts';
import { logger, Metrics } from '@vigie/observability';
import type { EcsEvent } from '@vigie/sigma';
import { alertBusKey } from './alert-builder';
import { CorrelationInputMessage, parseInputMessage, rekeyedCorrelations, toOutgoing } from './correlation-input';
import { DetectionPipeline } from './detection-pipeline';
import { defaultDetectionSettings, DetectionSettings } from './detection-settings';
import { CheckpointStore, CheckpointToSave, DetectionStateStore, StateCheckpoint } from './detection-state.store';
import { LruMap } from './lru-map';
import { buildRuleInventory, ruleIdOf, RuleInventoryEntry } from './rule-inventory';
import { loadRulePack, RulePack } from './rule-pack.loader';
import { RuleHits, RuleStateStore } from './rule-state.store';
import { RuleSwitch } from './rule-switch';
import { WorkingHoursCalendar } from './working-hours';

export const DETECTION_SETTINGS = Symbol('DETECTION_SETTINGS');
export const DETECTOR_GROUP = 'vigie-detector';
/** Consumer group of the second stage: re-keyed correlation inputs on `siem.correlation.v1`. */
export const CORRELATOR_GROUP = 'vigie-correlator';

/** State shard of a message: its source partition. */
export function shardOf(m: Pick<BusMessage, 'topic' | 'partition'>): string {
  return `${m.topic}:${m.partition}`;
}

/** What the detector knows of a partition it consumed. */
interface PartitionTrack {
  /** The correlation state in memory is exact for the partition's events before this offset. */
  covered: bigint;
  /** Highest offset evaluated here + 1: events below it may be in the duplicate cache without being in the state. */
  handled: bigint;
}

const STORE_ATTEMPTS = 4;

/**
 * One consuming stage of the detector: `events` (siem.events.v1: rules, correlations counted where the events are)
 * or `correlation` (siem.correlation.v1: correlations whose inputs are re-keyed by group). Each has its own
 * pipeline (engine), consumer group, partitions followed, duplicate cache and checkpoints.
 */
interface Stage {
  readonly name: 'events' | 'correlation';
  pipeline?: DetectionPipeline;
  /** Partitions consumed here, by shard (only with checkpoints). */
  readonly tracks: Map<string, PartitionTrack>;
  /** event.id (events) or input message id (correlation) of recently handled messages. */
  readonly seen: LruMap<string, true>;
  checkpointing?: Promise<void>;
  subscription?: Subscription;
  lastBatchAt: number;
  busy: boolean;
  lastStats: { evictions: number; lateEvents: number; unknownInputs: number };
}

function newStage(name: Stage['name']): Stage {
  return {
    name,
    tracks: new Map(),
    seen: new LruMap(200_000),
    lastBatchAt: 0,
    busy: false,
    lastStats: { evictions: 0, lateEvents: 0, unknownInputs: 0 },
  };
}

/**
 * Detector: consumes ECS documents from `siem.events.v1` (group `vigie-detector`), runs the Sigma rules and
 * correlations, and publishes {@link AlertMessage}s on `siem.alerts.v1` keyed by rule id and group key.
 * Rules are loaded once at start; bad rules are logged and skipped, never fatal. Idle windows are closed
 * against the wall clock every `flushIntervalMs`, only while the consumer is caught up.
 *
 * Correlations whose group-by does not include the event key's member and host (see
 * {@link rekeyedCorrelations}) are not counted on `siem.events.v1`, whose partitions carry one host's events each:
 * their inputs are published on `siem.correlation.v1`, keyed by group, before the events' offsets are committed,
 * and a second stage of the same worker (group `vigie-correlator`) counts them there and publishes their alerts.
 *
 * With a {@link RuleStateStore} (the app; not in specs without a database), the loaded inventory is saved to
 * `vigie_rules` at start, and every `ruleSyncIntervalMs` the hit counts are added and the enabled flags set through
 * the rules API reloaded: a disabled rule is skipped from the next event on.
 *
 * With `checkpointState` and a {@link CheckpointStore}, correlation groups belong to the partition of their first
 * event (or input); after a batch, the state of every partition whose groups changed is saved with the offset about
 * to be committed (and after a flush that changed it), and the first batch of a partition this detector was not
 * following is preceded by a restore of its checkpoint (events the checkpoint already covers are skipped). Each
 * stage does so for its own topic and consumer group. See docs/detection.md, "Correlation state across rebalances".
 */
@Injectable()
export class DetectorWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = logger('DetectorWorker');
  private readonly settings: DetectionSettings;
  private readonly events = newStage('events');
  private readonly correlation = newStage('correlation');
  private timer?: NodeJS.Timeout;
  private stopping = false;
  private readonly m;
  /** Rules disabled through the rules API. */
  readonly ruleSwitch = new RuleSwitch();
  private inventory?: RuleInventoryEntry[];
  private inventorySaved = false;
  private hits = new Map<string, RuleHits>();
  private syncTimer?: NodeJS.Timeout;
  private syncing?: Promise<void>;
  private readonly instance = `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;

  constructor(
    private readonly bus: EventBus,
    metrics: Metrics,
    @Optional() @Inject(DETECTION_SETTINGS) settings?: DetectionSettings,
    @Optional() private readonly ruleState?: RuleStateStore,
    @Optional() @Inject(DetectionStateStore) private readonly stateStore?: CheckpointStore,
  ) {
    this.settings = settings ?? defaultDetectionSettings();
    this.m = {
      events: metrics.counter('vigie_detector_events_total', 'Events evaluated by the detector'),
      duplicates: metrics.counter(
        'vigie_detector_duplicate_events_total',
        'Redelivered events skipped (same event.id)',
      ),
      invalid: metrics.counter(
        'vigie_detector_invalid_messages_total',
        'Messages on siem.events.v1 that are not JSON objects, or on siem.correlation.v1 that are not correlation inputs',
      ),
      inputs: metrics.counter(
        'vigie_detector_correlation_inputs_total',
        'Correlation input messages (siem.correlation.v1): published, counted, duplicate (skipped), unknown correlation',
        ['result'],
      ),
      alerts: metrics.counter('vigie_detector_alerts_total', 'Alert messages published', ['rule', 'level', 'status']),
      groups: metrics.gauge('vigie_detector_correlation_groups', 'Open correlation groups'),
      evictions: metrics.counter('vigie_detector_evictions_total', 'Correlation groups evicted (maxGroups reached)'),
      late: metrics.counter(
        'vigie_detector_late_events_total',
        'Events (or correlation inputs) older than the allowed lateness (not correlated)',
      ),
      rules: metrics.gauge('vigie_detector_rules', 'Loaded Sigma documents by status', ['status']),
      rekeyed: metrics.gauge(
        'vigie_detector_rekeyed_correlations',
        'Correlations counted on siem.correlation.v1 (group-by without member and host)',
      ),
      disabled: metrics.gauge('vigie_detector_rules_disabled', 'Rules disabled through the rules API'),
      syncFailures: metrics.counter(
        'vigie_detector_rule_sync_failures_total',
        'Failed saves or reads of the rule state table (vigie_rules)',
      ),
      publishFailures: metrics.counter(
        'vigie_detector_publish_failures_total',
        'Failed publications to siem.alerts.v1 or siem.correlation.v1',
      ),
      restores: metrics.counter(
        'vigie_detector_state_restores_total',
        'Partitions whose correlation state was loaded from their checkpoint before consuming',
        ['result'],
      ),
      restoredGroups: metrics.counter(
        'vigie_detector_state_restored_groups_total',
        'Correlation groups restored from partition checkpoints',
      ),
      restoreConflicts: metrics.counter(
        'vigie_detector_state_restore_conflicts_total',
        'Restored groups not taken: the same group was already open here, fed by another partition',
      ),
      droppedGroups: metrics.counter(
        'vigie_detector_state_dropped_groups_total',
        'Correlation groups dropped because their partition is now followed from its checkpoint',
      ),
      covered: metrics.counter(
        'vigie_detector_state_covered_events_total',
        'Redelivered events skipped because the restored checkpoint already includes them',
      ),
      checkpoints: metrics.counter(
        'vigie_detector_state_checkpoints_total',
        'Partition correlation state checkpoints written',
      ),
      checkpointFailures: metrics.counter(
        'vigie_detector_state_checkpoint_failures_total',
        'Failed reads or writes of correlation state checkpoints',
      ),
      checkpointBytes: metrics.gauge(
        'vigie_detector_state_checkpoint_bytes',
        'Size of the last correlation state checkpoint written (JSON)',
      ),
      latency: metrics.histogram(
        'vigie_detector_alert_latency_seconds',
        'From an event entering the detector to its alert being published',
        [],
        [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      ),
    };
  }

  /** Load the rules (logging every rule that is not ok) and build the pipelines. */
  load(): RulePack {
    const s = this.settings;
    const pack = loadRulePack({
      dirs: s.ruleDirs,
      optionalDirs: s.userRuleDirs,
      mappingFile: s.mappingFile,
      placeholdersFile: s.placeholdersFile,
      filterMode: s.filterMode,
    });
    for (const p of pack.problems) {
      this.log.warn(
        {
          rule: p.id ?? p.name,
          title: p.title,
          origin: `${p.origin.path}#${p.origin.document}`,
          status: p.status,
          feature: p.feature,
          reason: p.reason,
        },
        'Sigma rule not loaded',
      );
    }
    const counts = { ok: 0, unsupported: 0, invalid: 0 };
    for (const d of pack.documents) counts[d.result.status]++;
    for (const [status, n] of Object.entries(counts)) this.m.rules.set({ status }, n);
    let calendar: WorkingHoursCalendar | undefined;
    try {
      calendar = WorkingHoursCalendar.fromFile(s.workingHoursFile);
    } catch (e) {
      this.log.warn(
        { file: s.workingHoursFile, error: (e as Error).message },
        'working hours not loaded; using 07:00-20:00 Mon-Fri Europe/Paris',
      );
    }
    const forward = s.rekeyCorrelations ? rekeyedCorrelations(pack.rules) : new Set<string>();
    const options = {
      timeField: s.timeField,
      allowedLatenessMs: s.allowedLatenessMs,
      maxGroupsPerRule: s.maxGroupsPerRule,
      calendar,
      ruleSwitch: this.ruleSwitch,
      forward,
    };
    this.events.pipeline = new DetectionPipeline(pack.rules, options);
    this.correlation.pipeline = forward.size > 0 ? new DetectionPipeline(pack.rules, options) : undefined;
    this.m.rekeyed.set(forward.size);
    const inventory = buildRuleInventory(pack.documents, pack.rules, pack.sources);
    for (const d of inventory.duplicates) {
      this.log.warn(
        { rule: d.id, origin: d.sourcePath },
        'Sigma rule id already loaded from another document; ignored in the rule inventory',
      );
    }
    this.inventory = inventory.entries;
    this.inventorySaved = false;
    // New engines: no partition is followed yet.
    this.events.tracks.clear();
    this.correlation.tracks.clear();
    const rekeyed = pack.rules.filter((r) => forward.has(r.uid)).map((r) => ruleIdOf(r));
    this.log.info(
      { ...counts, rules: pack.rules.length, skippedDirs: pack.skippedDirs, rekeyedCorrelations: rekeyed },
      'detection rules loaded',
    );
    return pack;
  }

  async onApplicationBootstrap(): Promise<void> {
    try {
      this.load();
    } catch (e) {
      // A missing bundled pack or a broken mapping: detection stays off, ingestion keeps running.
      this.log.error({ error: (e as Error).message }, 'detection rules could not be loaded; detector not started');
      return;
    }
    if (this.ruleState) {
      // Before consuming, so that rules disabled before a restart stay disabled from the first event.
      await this.syncRules();
      this.syncTimer = setInterval(() => void this.syncRules(), this.settings.ruleSyncIntervalMs);
      this.syncTimer.unref();
    }
    if (this.settings.checkpointState && !this.stateStore) {
      this.log.warn(
        'detection.stateCheckpoint is on but no state store is available; correlation state is memory-only',
      );
    }
    // Both stages at once: a slow join of one group does not hold the other back.
    const [events, correlation] = await Promise.all([
      this.bus.subscribe({
        groupId: this.groupOf(this.events),
        topics: [this.settings.eventsTopic ?? Topics.events],
        fromBeginning: false,
        maxBatchSize: 500,
        handler: (batch) => this.handle(batch),
      }),
      this.correlation.pipeline
        ? this.bus.subscribe({
            groupId: this.groupOf(this.correlation),
            topics: [this.correlationTopic],
            // A group without committed offsets starts at the oldest retained input, not at the newest: inputs the
            // first stage published before this group first joined are counted. Inputs are only published for
            // events the first stage consumed, which itself starts at the newest event on a new deployment.
            fromBeginning: true,
            maxBatchSize: 500,
            handler: (batch) => this.handleInputs(batch),
          })
        : undefined,
    ]);
    this.events.subscription = events;
    this.correlation.subscription = correlation;
    this.timer = setInterval(() => void this.tick(), this.settings.flushIntervalMs);
    this.timer.unref();
  }

  private get correlationTopic(): string {
    return this.settings.correlationTopic ?? Topics.correlation;
  }

  private groupOf(stage: Stage): string {
    if (stage.name === 'events') return this.settings.consumerGroup ?? DETECTOR_GROUP;
    return (
      this.settings.correlationGroup ??
      (this.settings.consumerGroup ? `${this.settings.consumerGroup}-correlator` : CORRELATOR_GROUP)
    );
  }

  private get checkpoints(): CheckpointStore | undefined {
    return this.settings.checkpointState ? this.stateStore : undefined;
  }

  /**
   * First stage: evaluate a batch of `siem.events.v1` (one partition's messages, in order) and publish its
   * correlation inputs and alerts; resolves only once they are on the bus and, with checkpoints, the correlation
   * state they leave is saved.
   */
  async handle(batch: BusMessage[]): Promise<void> {
    const stage = this.events;
    const pipeline = stage.pipeline;
    if (!pipeline) return;
    stage.busy = true;
    try {
      const entered = performance.now();
      const alerts: AlertMessage[] = [];
      const { shard, track } = await this.begin(stage, batch);
      const redelivered = track?.handled ?? 0n;
      for (const msg of batch) {
        const offset = track ? BigInt(msg.offset) : 0n;
        if (track && offset < track.covered) {
          this.m.covered.inc();
          continue;
        }
        let event: EcsEvent;
        try {
          const parsed: unknown = JSON.parse(msg.value);
          if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
          event = parsed as EcsEvent;
        } catch {
          this.m.invalid.inc();
          continue;
        }
        const id = (event.event as { id?: unknown } | undefined)?.id;
        // An offset evaluated here before the state was reloaded is in the duplicate cache but not in the state.
        if (typeof id === 'string' && !(track && offset < redelivered)) {
          if (stage.seen.has(id)) {
            this.m.duplicates.inc();
            continue;
          }
          stage.seen.set(id, true);
        }
        this.m.events.inc();
        alerts.push(...pipeline.process(event, Date.now(), shard));
      }
      await this.publishInputs(pipeline);
      await this.publish(alerts, entered);
      await this.end(stage, batch, track);
    } finally {
      stage.lastBatchAt = Date.now();
      stage.busy = false;
    }
  }

  /**
   * Second stage: count a batch of `siem.correlation.v1` (inputs of re-keyed correlations, one partition's messages
   * in order) and publish the alerts (and the inputs of chained correlations) they raise, before the batch's offsets
   * are committed; with checkpoints, the correlation state is saved as in {@link handle}.
   */
  async handleInputs(batch: BusMessage[]): Promise<void> {
    const stage = this.correlation;
    const pipeline = stage.pipeline;
    if (!pipeline) return;
    stage.busy = true;
    try {
      const entered = performance.now();
      const alerts: AlertMessage[] = [];
      const { shard, track } = await this.begin(stage, batch);
      const redelivered = track?.handled ?? 0n;
      const inPlaceAll = this.settings.chainsInPlace;
      for (const msg of batch) {
        const offset = track ? BigInt(msg.offset) : 0n;
        if (track && offset < track.covered) {
          this.m.covered.inc();
          continue;
        }
        const input: CorrelationInputMessage | undefined = parseInputMessage(msg.value);
        if (!input) {
          this.m.invalid.inc();
          continue;
        }
        if (!(track && offset < redelivered)) {
          if (stage.seen.has(input.id)) {
            this.m.inputs.inc({ result: 'duplicate' });
            continue;
          }
          stage.seen.set(input.id, true);
        }
        this.m.inputs.inc({ result: 'counted' });
        // A chained input with this very key belongs to this partition: counted at once, without a hop.
        alerts.push(...pipeline.processInput(input, shard, (key) => inPlaceAll || key === msg.key));
      }
      await this.publishInputs(pipeline);
      await this.publish(alerts, entered);
      await this.end(stage, batch, track);
    } finally {
      stage.lastBatchAt = Date.now();
      stage.busy = false;
    }
  }

  /** Shard of a batch and, with checkpoints, the partition followed up to its first offset (restored if needed). */
  private async begin(stage: Stage, batch: BusMessage[]): Promise<{ shard?: string; track?: PartitionTrack }> {
    const shard = this.checkpoints && batch.length > 0 ? shardOf(batch[0]) : undefined;
    const track = shard !== undefined ? await this.follow(stage, shard, BigInt(batch[0].offset)) : undefined;
    return { shard, track };
  }

  /** After a batch's outputs are on the bus: the partition is followed up to its end, checkpoints saved. */
  private async end(stage: Stage, batch: BusMessage[], track: PartitionTrack | undefined): Promise<void> {
    if (track) {
      const next = BigInt(batch[batch.length - 1].offset) + 1n;
      if (next > track.covered) track.covered = next;
      if (next > track.handled) track.handled = next;
      await this.checkpoint(stage);
    }
    this.updateStats();
  }

  /** Close idle windows against the wall clock, per stage, only when it handles no batch and its consumer is idle. */
  async tick(nowMs = Date.now()): Promise<void> {
    for (const stage of [this.events, this.correlation]) {
      const pipeline = stage.pipeline;
      if (!pipeline || stage.busy || nowMs - stage.lastBatchAt < this.settings.flushIntervalMs) continue;
      const inPlace = stage.name === 'correlation' && this.settings.chainsInPlace ? () => true : undefined;
      const alerts = pipeline.flush(nowMs, inPlace);
      await this.publishInputs(pipeline);
      if (alerts.length > 0) await this.publish(alerts);
      if (this.checkpoints) await this.checkpoint(stage);
    }
    this.updateStats();
  }

  /**
   * Make the in-memory state of `shard` exact up to `first` (the first offset of the batch about to be evaluated).
   * When this detector followed the partition up to there, nothing to do. Otherwise (a partition newly assigned, or
   * one it lost and got back) its groups are dropped and its checkpoint restored; events before the checkpoint's
   * offset are then skipped as already counted.
   */
  private async follow(stage: Stage, shard: string, first: bigint): Promise<PartitionTrack> {
    const known = stage.tracks.get(shard);
    if (known && known.covered === first) return known;
    const pipeline = stage.pipeline!;
    const dropped = pipeline.engine.dropShard(shard);
    if (dropped > 0) this.m.droppedGroups.inc(dropped);
    const track: PartitionTrack = { covered: first, handled: known?.handled ?? 0n };
    stage.tracks.set(shard, track);
    let cp: StateCheckpoint | undefined;
    try {
      cp = await this.withRetry('load', () => this.stateStore!.load(this.groupOf(stage), shard));
    } catch (e) {
      this.m.restores.inc({ result: 'failed' });
      this.log.error(
        { shard, error: (e as Error).message },
        'correlation state checkpoint not read; the partition starts with empty windows',
      );
      return track;
    }
    if (!cp) {
      this.m.restores.inc({ result: 'none' });
      this.log.info({ shard, offset: first.toString() }, 'no correlation state checkpoint for partition');
      return track;
    }
    const res = pipeline.engine.restore(shard, cp.state);
    const next = BigInt(cp.nextOffset);
    if (next > track.covered) track.covered = next;
    this.m.restores.inc({ result: 'restored' });
    this.m.restoredGroups.inc(res.groups);
    if (res.conflicts > 0) this.m.restoreConflicts.inc(res.conflicts);
    this.log.info(
      { shard, offset: first.toString(), checkpointOffset: cp.nextOffset, dropped, ...res },
      'correlation state restored from checkpoint',
    );
    return track;
  }

  /** Save the state of every followed partition of `stage` whose groups changed; calls do not overlap. */
  private checkpoint(stage: Stage): Promise<void> {
    const run = async (): Promise<void> => {
      await prev;
      await this.saveDirty(stage);
    };
    const prev = stage.checkpointing ?? Promise.resolve();
    const p = run().finally(() => {
      if (stage.checkpointing === p) stage.checkpointing = undefined;
    });
    stage.checkpointing = p;
    return p;
  }

  private async saveDirty(stage: Stage): Promise<void> {
    const pipeline = stage.pipeline;
    const store = this.checkpoints;
    if (!pipeline || !store) return;
    const dirty = pipeline.engine.takeDirtyShards();
    const rows: CheckpointToSave[] = [];
    for (const shard of dirty) {
      const track = stage.tracks.get(shard);
      if (!track) continue; // groups of no partition (not consumed through this worker)
      rows.push({ shard, nextOffset: track.covered.toString(), json: JSON.stringify(pipeline.engine.snapshot(shard)) });
    }
    if (rows.length === 0) return;
    let refused: string[];
    try {
      refused = await this.withRetry('save', () => store.save(this.groupOf(stage), rows, this.instance));
    } catch (e) {
      // Kept dirty: the next batch or flush tries again. Until then the checkpoint lags the committed offset.
      for (const r of rows) pipeline.engine.markDirty(r.shard);
      this.log.error(
        { shards: rows.map((r) => r.shard), error: (e as Error).message },
        'correlation state checkpoint not saved; retrying with the next batch',
      );
      return;
    }
    this.m.checkpoints.inc(rows.length - refused.length);
    this.m.checkpointBytes.set(Math.max(...rows.map((r) => Buffer.byteLength(r.json))));
    for (const shard of refused) {
      // Another detector saved a later offset: the partition was reassigned. Its groups here are stale.
      const dropped = pipeline.engine.dropShard(shard);
      stage.tracks.delete(shard);
      if (dropped > 0) this.m.droppedGroups.inc(dropped);
      this.log.info({ shard, dropped }, 'partition followed by another detector; its correlation groups dropped here');
    }
  }

  private async withRetry<T>(what: string, fn: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await fn();
      } catch (e) {
        this.m.checkpointFailures.inc();
        if (this.stopping || attempt + 1 >= STORE_ATTEMPTS) throw e;
        this.log.warn({ error: (e as Error).message, attempt, what }, 'correlation state store failed; retrying');
        await new Promise((r) => setTimeout(r, 200 * 2 ** attempt));
      }
    }
  }

  /**
   * Publish with retries: the batch is not committed until its outputs are on the bus, and evaluating it again
   * would count its events twice, so a failed publication is retried here instead of throwing.
   */
  private async publishRetrying(topic: string, messages: OutgoingMessage[]): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.bus.publish(topic, messages);
        return;
      } catch (e) {
        this.m.publishFailures.inc();
        if (this.stopping) throw e;
        this.log.warn(
          { error: (e as Error).message, attempt, topic, messages: messages.length },
          'publish failed; retrying',
        );
        await new Promise((r) => setTimeout(r, Math.min(200 * 2 ** attempt, 5000)));
      }
    }
  }

  /** The correlation inputs a pipeline produced, on `siem.correlation.v1` keyed by group. */
  private async publishInputs(pipeline: DetectionPipeline): Promise<void> {
    const inputs = pipeline.takeInputs();
    if (inputs.length === 0) return;
    await this.publishRetrying(this.correlationTopic, toOutgoing(inputs));
    this.m.inputs.inc({ result: 'published' }, inputs.length);
  }

  private async publish(alerts: AlertMessage[], enteredAt?: number): Promise<void> {
    if (alerts.length === 0) return;
    const messages: OutgoingMessage[] = alerts.map((a) => ({
      key: alertBusKey(a),
      value: JSON.stringify(a),
      headers: { 'vigie-rule': a.rule.id, 'vigie-status': a.status },
    }));
    await this.publishRetrying(Topics.alerts, messages);
    const seconds = enteredAt !== undefined ? (performance.now() - enteredAt) / 1000 : undefined;
    const now = new Date();
    for (const a of alerts) {
      this.m.alerts.inc({ rule: a.rule.id, level: a.rule.level, status: a.status });
      if (seconds !== undefined) this.m.latency.observe(seconds);
      if (a.status === 'new' && this.ruleState) {
        const h = this.hits.get(a.rule.id);
        if (h) {
          h.count++;
          h.lastAt = now;
        } else this.hits.set(a.rule.id, { count: 1, lastAt: now });
      }
    }
  }

  /**
   * One exchange with the rule state table: save the inventory (until it succeeded once), add the hits counted
   * since the last exchange (kept for the next one if the save fails), and reload the disabled rules.
   * Never throws; calls do not overlap.
   */
  syncRules(): Promise<void> {
    this.syncing ??= this.doSync().finally(() => (this.syncing = undefined));
    return this.syncing;
  }

  private async doSync(): Promise<void> {
    const store = this.ruleState;
    if (!store) return;
    try {
      if (!this.inventorySaved && this.inventory) {
        await store.saveInventory(this.inventory);
        this.inventorySaved = true;
        this.log.info({ rules: this.inventory.length }, 'rule inventory saved');
      }
      if (this.hits.size > 0) {
        const hits = this.hits;
        this.hits = new Map();
        try {
          await store.addHits(hits);
        } catch (e) {
          for (const [id, h] of hits) {
            const cur = this.hits.get(id);
            if (cur) {
              cur.count += h.count;
              if (h.lastAt > cur.lastAt) cur.lastAt = h.lastAt;
            } else this.hits.set(id, h);
          }
          throw e;
        }
      }
      const disabled = await store.disabledIds();
      if (this.ruleSwitch.setDisabled(disabled)) {
        this.log.info({ disabled: this.ruleSwitch.disabledIds() }, 'disabled rules reloaded');
      }
      this.m.disabled.set(disabled.length);
    } catch (e) {
      this.m.syncFailures.inc();
      if (!this.stopping) this.log.warn({ error: (e as Error).message }, 'rule state sync failed; retrying later');
    }
  }

  private updateStats(): void {
    let groups = 0;
    for (const stage of [this.events, this.correlation]) {
      const pipeline = stage.pipeline;
      if (!pipeline) continue;
      const st = pipeline.stats();
      groups += st.groups;
      const last = stage.lastStats;
      if (st.evictions > last.evictions) this.m.evictions.inc(st.evictions - last.evictions);
      if (st.lateEvents > last.lateEvents) this.m.late.inc(st.lateEvents - last.lateEvents);
      if (pipeline.unknownInputs > last.unknownInputs) {
        this.m.inputs.inc({ result: 'unknown' }, pipeline.unknownInputs - last.unknownInputs);
      }
      stage.lastStats = { evictions: st.evictions, lateEvents: st.lateEvents, unknownInputs: pipeline.unknownInputs };
    }
    this.m.groups.set(groups);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    if (this.syncTimer) clearInterval(this.syncTimer);
    // Both consumers leave their groups at once (each may wait for a fetch in flight). Inputs the first stage
    // publishes meanwhile are counted after the next start, from the second stage's committed offsets.
    await Promise.all(
      [this.events, this.correlation].map(async (stage) => {
        await stage.subscription
          ?.stop()
          .catch((e) => this.log.warn({ error: (e as Error).message, stage: stage.name }, 'detector stop failed'));
        await stage.checkpointing?.catch(() => undefined);
      }),
    );
    // Last hit counts; the database may already be closing, in which case they are lost (logged at debug).
    await this.syncing;
    if (this.ruleState && this.hits.size > 0) {
      await this.ruleState
        .addHits(this.hits)
        .catch((e) => this.log.debug({ error: (e as Error).message }, 'last hit counts not saved'));
    }
  }
}
