import { hostname } from 'node:os';
import { Injectable, OnApplicationBootstrap, OnApplicationShutdown, Optional, Inject } from '@nestjs/common';
import { BusMessage, EventBus, OutgoingMessage, Subscription } from '@vigie/bus';
import { AlertMessage, Topics } from '@vigie/contracts';
import { logger, Metrics } from '@vigie/observability';
import type { EcsEvent } from '@vigie/sigma';
import { alertBusKey } from './alert-builder';
import { DetectionPipeline } from './detection-pipeline';
import { defaultDetectionSettings, DetectionSettings } from './detection-settings';
import { CheckpointStore, CheckpointToSave, DetectionStateStore, StateCheckpoint } from './detection-state.store';
import { LruMap } from './lru-map';
import { buildRuleInventory, RuleInventoryEntry } from './rule-inventory';
import { loadRulePack, RulePack } from './rule-pack.loader';
import { RuleHits, RuleStateStore } from './rule-state.store';
import { RuleSwitch } from './rule-switch';
import { WorkingHoursCalendar } from './working-hours';

export const DETECTION_SETTINGS = Symbol('DETECTION_SETTINGS');
export const DETECTOR_GROUP = 'vigie-detector';

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
 * Detector: consumes ECS documents from `siem.events.v1` (group `vigie-detector`), runs the Sigma rules and
 * correlations, and publishes {@link AlertMessage}s on `siem.alerts.v1` keyed by rule id and group key.
 * Rules are loaded once at start; bad rules are logged and skipped, never fatal. Idle windows are closed
 * against the wall clock every `flushIntervalMs`, only while the consumer is caught up.
 *
 * With a {@link RuleStateStore} (the app; not in specs without a database), the loaded inventory is saved to
 * `vigie_rules` at start, and every `ruleSyncIntervalMs` the hit counts are added and the enabled flags set through
 * the rules API reloaded: a disabled rule is skipped from the next event on.
 *
 * With `checkpointState` and a {@link CheckpointStore}, correlation groups belong to the partition of their first
 * event; after a batch, the state of every partition whose groups changed is saved with the offset about to be
 * committed (and after a flush that changed it), and the first batch of a partition this detector was not following
 * is preceded by a restore of its checkpoint (events the checkpoint already covers are skipped). See
 * docs/detection.md, "Correlation state across rebalances".
 */
@Injectable()
export class DetectorWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = logger('DetectorWorker');
  private readonly settings: DetectionSettings;
  private pipeline?: DetectionPipeline;
  private subscription?: Subscription;
  private timer?: NodeJS.Timeout;
  private lastBatchAt = 0;
  private busy = false;
  private stopping = false;
  /** event.id of recently evaluated events: a redelivered batch is not counted twice. */
  private readonly seen = new LruMap<string, true>(200_000);
  private lastStats = { evictions: 0, lateEvents: 0 };
  private readonly m;
  /** Rules disabled through the rules API. */
  readonly ruleSwitch = new RuleSwitch();
  private inventory?: RuleInventoryEntry[];
  private inventorySaved = false;
  private hits = new Map<string, RuleHits>();
  private syncTimer?: NodeJS.Timeout;
  private syncing?: Promise<void>;
  /** Partitions consumed here, by shard (only with checkpoints). */
  private readonly tracks = new Map<string, PartitionTrack>();
  private checkpointing?: Promise<void>;
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
        'Messages on siem.events.v1 that are not JSON objects',
      ),
      alerts: metrics.counter('vigie_detector_alerts_total', 'Alert messages published', ['rule', 'level', 'status']),
      groups: metrics.gauge('vigie_detector_correlation_groups', 'Open correlation groups'),
      evictions: metrics.counter('vigie_detector_evictions_total', 'Correlation groups evicted (maxGroups reached)'),
      late: metrics.counter(
        'vigie_detector_late_events_total',
        'Events older than the allowed lateness (not correlated)',
      ),
      rules: metrics.gauge('vigie_detector_rules', 'Loaded Sigma documents by status', ['status']),
      disabled: metrics.gauge('vigie_detector_rules_disabled', 'Rules disabled through the rules API'),
      syncFailures: metrics.counter(
        'vigie_detector_rule_sync_failures_total',
        'Failed saves or reads of the rule state table (vigie_rules)',
      ),
      publishFailures: metrics.counter(
        'vigie_detector_publish_failures_total',
        'Failed publications to siem.alerts.v1',
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

  /** Load the rules (logging every rule that is not ok) and build the pipeline. */
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
    this.pipeline = new DetectionPipeline(pack.rules, {
      timeField: s.timeField,
      allowedLatenessMs: s.allowedLatenessMs,
      maxGroupsPerRule: s.maxGroupsPerRule,
      calendar,
      ruleSwitch: this.ruleSwitch,
    });
    const inventory = buildRuleInventory(pack.documents, pack.rules, pack.sources);
    for (const d of inventory.duplicates) {
      this.log.warn(
        { rule: d.id, origin: d.sourcePath },
        'Sigma rule id already loaded from another document; ignored in the rule inventory',
      );
    }
    this.inventory = inventory.entries;
    this.inventorySaved = false;
    this.tracks.clear(); // a new engine: no partition is followed yet
    this.log.info({ ...counts, rules: pack.rules.length, skippedDirs: pack.skippedDirs }, 'detection rules loaded');
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
    this.subscription = await this.bus.subscribe({
      groupId: this.group,
      topics: [this.settings.eventsTopic ?? Topics.events],
      fromBeginning: false,
      maxBatchSize: 500,
      handler: (batch) => this.handle(batch),
    });
    this.timer = setInterval(() => void this.tick(), this.settings.flushIntervalMs);
    this.timer.unref();
  }

  private get group(): string {
    return this.settings.consumerGroup ?? DETECTOR_GROUP;
  }

  private get checkpoints(): CheckpointStore | undefined {
    return this.settings.checkpointState ? this.stateStore : undefined;
  }

  /**
   * Evaluate a batch (one partition's messages, in order) and publish its alerts; resolves only once the alerts are
   * on the bus and, with checkpoints, the correlation state they leave is saved.
   */
  async handle(batch: BusMessage[]): Promise<void> {
    const pipeline = this.pipeline;
    if (!pipeline) return;
    this.busy = true;
    try {
      const entered = performance.now();
      const alerts: AlertMessage[] = [];
      const store = this.checkpoints;
      const shard = store && batch.length > 0 ? shardOf(batch[0]) : undefined;
      const track = shard !== undefined ? await this.follow(shard, BigInt(batch[0].offset)) : undefined;
      const redelivered = track?.handled ?? 0n;
      for (const msg of batch) {
        let offset = 0n;
        if (track) {
          offset = BigInt(msg.offset);
          if (offset < track.covered) {
            this.m.covered.inc();
            continue;
          }
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
          if (this.seen.has(id)) {
            this.m.duplicates.inc();
            continue;
          }
          this.seen.set(id, true);
        }
        this.m.events.inc();
        alerts.push(...pipeline.process(event, Date.now(), shard));
      }
      await this.publish(alerts, entered);
      if (track) {
        const next = BigInt(batch[batch.length - 1].offset) + 1n;
        if (next > track.covered) track.covered = next;
        if (next > track.handled) track.handled = next;
        await this.checkpoint();
      }
      this.updateStats();
    } finally {
      this.lastBatchAt = Date.now();
      this.busy = false;
    }
  }

  /** Close idle windows against the wall clock, only when no batch is being handled and the consumer is idle. */
  async tick(nowMs = Date.now()): Promise<void> {
    const pipeline = this.pipeline;
    if (!pipeline || this.busy || nowMs - this.lastBatchAt < this.settings.flushIntervalMs) return;
    const alerts = pipeline.flush(nowMs);
    if (alerts.length > 0) await this.publish(alerts);
    if (this.checkpoints) await this.checkpoint();
    this.updateStats();
  }

  /**
   * Make the in-memory state of `shard` exact up to `first` (the first offset of the batch about to be evaluated).
   * When this detector followed the partition up to there, nothing to do. Otherwise (a partition newly assigned, or
   * one it lost and got back) its groups are dropped and its checkpoint restored; events before the checkpoint's
   * offset are then skipped as already counted.
   */
  private async follow(shard: string, first: bigint): Promise<PartitionTrack> {
    const known = this.tracks.get(shard);
    if (known && known.covered === first) return known;
    const pipeline = this.pipeline!;
    const dropped = pipeline.engine.dropShard(shard);
    if (dropped > 0) this.m.droppedGroups.inc(dropped);
    const track: PartitionTrack = { covered: first, handled: known?.handled ?? 0n };
    this.tracks.set(shard, track);
    let cp: StateCheckpoint | undefined;
    try {
      cp = await this.withRetry('load', () => this.stateStore!.load(this.group, shard));
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

  /** Save the state of every followed partition whose groups changed; calls do not overlap. */
  private checkpoint(): Promise<void> {
    const run = async (): Promise<void> => {
      await prev;
      await this.saveDirty();
    };
    const prev = this.checkpointing ?? Promise.resolve();
    const p = run().finally(() => {
      if (this.checkpointing === p) this.checkpointing = undefined;
    });
    this.checkpointing = p;
    return p;
  }

  private async saveDirty(): Promise<void> {
    const pipeline = this.pipeline;
    const store = this.checkpoints;
    if (!pipeline || !store) return;
    const dirty = pipeline.engine.takeDirtyShards();
    const rows: CheckpointToSave[] = [];
    for (const shard of dirty) {
      const track = this.tracks.get(shard);
      if (!track) continue; // groups of no partition (not consumed through this worker)
      rows.push({ shard, nextOffset: track.covered.toString(), json: JSON.stringify(pipeline.engine.snapshot(shard)) });
    }
    if (rows.length === 0) return;
    let refused: string[];
    try {
      refused = await this.withRetry('save', () => store.save(this.group, rows, this.instance));
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
      this.tracks.delete(shard);
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

  private async publish(alerts: AlertMessage[], enteredAt?: number): Promise<void> {
    if (alerts.length === 0) return;
    const messages: OutgoingMessage[] = alerts.map((a) => ({
      key: alertBusKey(a),
      value: JSON.stringify(a),
      headers: { 'vigie-rule': a.rule.id, 'vigie-status': a.status },
    }));
    // Alerts are never dropped: the batch is not committed until they are on the bus. Evaluating the batch again
    // would count its events twice, so the publication is retried here instead of throwing.
    for (let attempt = 0; ; attempt++) {
      try {
        await this.bus.publish(Topics.alerts, messages);
        break;
      } catch (e) {
        this.m.publishFailures.inc();
        if (this.stopping) throw e;
        this.log.warn(
          { error: (e as Error).message, attempt, alerts: alerts.length },
          'publish to siem.alerts.v1 failed; retrying',
        );
        await new Promise((r) => setTimeout(r, Math.min(200 * 2 ** attempt, 5000)));
      }
    }
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
    const st = this.pipeline?.stats();
    if (!st) return;
    this.m.groups.set(st.groups);
    if (st.evictions > this.lastStats.evictions) this.m.evictions.inc(st.evictions - this.lastStats.evictions);
    if (st.lateEvents > this.lastStats.lateEvents) this.m.late.inc(st.lateEvents - this.lastStats.lateEvents);
    this.lastStats = { evictions: st.evictions, lateEvents: st.lateEvents };
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    if (this.syncTimer) clearInterval(this.syncTimer);
    await this.subscription
      ?.stop()
      .catch((e) => this.log.warn({ error: (e as Error).message }, 'detector stop failed'));
    await this.checkpointing?.catch(() => undefined);
    // Last hit counts; the database may already be closing, in which case they are lost (logged at debug).
    await this.syncing;
    if (this.ruleState && this.hits.size > 0) {
      await this.ruleState
        .addHits(this.hits)
        .catch((e) => this.log.debug({ error: (e as Error).message }, 'last hit counts not saved'));
    }
  }
}
