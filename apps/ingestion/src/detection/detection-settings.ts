import { dirname, isAbsolute, join, resolve } from 'node:path';
import { configDir, VigieConfig } from '@vigie/config';

/** Detector settings, resolved: every path is absolute. Built from the `detection.*` settings. */
export interface DetectionSettings {
  /** `detection.ruleDirs`: rule directories that must exist (the bundled pack). */
  ruleDirs: string[];
  /** `detection.userRuleDirs`: rule directories loaded when present. */
  userRuleDirs: string[];
  /** `detection.mappingFile`: Sigma → ECS field mapping. */
  mappingFile: string;
  /** `detection.placeholdersFile`: values of `%placeholders%` for the `expand` modifier. */
  placeholdersFile: string;
  /** `detection.workingHoursFile`: per-member working hours. */
  workingHoursFile: string;
  /** `detection.allowedLatenessSeconds`: events older than the watermark minus this are not correlated. */
  allowedLatenessMs: number;
  /** `detection.maxGroups`: correlation groups kept per rule (least recently updated evicted). */
  maxGroupsPerRule: number;
  /** `detection.flushIntervalMs`: how often idle windows are closed against the wall clock. */
  flushIntervalMs: number;
  /**
   * `detection.timeField`: `received` correlates on the time Vigie received the event (`event.created`),
   * immune to device clock skew; `event` on the device time (`@timestamp`), for replays.
   */
  timeField: 'received' | 'event';
  /** `detection.filterMode`: how Sigma filter documents apply (see docs/detection.md). */
  filterMode: 'exclude' | 'and';
  /** `detection.ruleSyncIntervalMs`: hit counts saved and enabled flags reloaded this often (rule state table). */
  ruleSyncIntervalMs: number;
  /**
   * `detection.stateCheckpoint`: correlation state is checkpointed per source partition (before each offset commit
   * that changed it) and restored when a detector starts consuming a partition. `auto` = on with the Kafka bus.
   */
  checkpointState: boolean;
  /**
   * `detection.rekeyCorrelations`: correlations whose group-by lacks the member or the host are counted on
   * `siem.correlation.v1`, their inputs keyed by group, so that a group's events meet in one detector.
   * `auto` = on with the Kafka bus (several detectors), off with the in-process bus (one detector).
   */
  rekeyCorrelations: boolean;
  /**
   * The second stage counts the inputs of a chained correlation at once instead of republishing them (one detector
   * consumes every partition: the in-process bus); with Kafka they are republished, keyed by the chained group.
   */
  chainsInPlace: boolean;
  /** Consumer group of the detectors (default `vigie-detector`; specs and benchmarks use their own). */
  consumerGroup?: string;
  /** Topic of normalised events (default `siem.events.v1`; specs and benchmarks use their own). */
  eventsTopic?: string;
  /** Topic of correlation inputs (default `siem.correlation.v1`; specs use their own). */
  correlationTopic?: string;
  /** Consumer group of the second stage (default `vigie-correlator`, or `<consumerGroup>-correlator`). */
  correlationGroup?: string;
}

/**
 * A path from the settings, made absolute: relative paths are read from the parent of the config folder
 * (`config/rules` next to `config/default.yaml` resolves to that folder's `rules/`).
 */
export function resolveSettingPath(path: string, dir: string = configDir()): string {
  return isAbsolute(path) ? path : resolve(dirname(resolve(dir)), path);
}

/** The detector's settings from the validated configuration, paths resolved against `dir`'s parent. */
export function detectionSettingsFrom(config: VigieConfig, dir: string = configDir()): DetectionSettings {
  const path = (p: string) => resolveSettingPath(p, dir);
  return {
    ruleDirs: config.get('detection.ruleDirs').map(path),
    userRuleDirs: (config.maybe('detection.userRuleDirs') ?? []).map(path),
    mappingFile: path(config.get('detection.mappingFile')),
    placeholdersFile: path(config.get('detection.placeholdersFile')),
    workingHoursFile: path(config.get('detection.workingHoursFile')),
    allowedLatenessMs: config.get('detection.allowedLatenessSeconds') * 1000,
    maxGroupsPerRule: config.get('detection.maxGroups'),
    flushIntervalMs: config.get('detection.flushIntervalMs'),
    timeField: config.get('detection.timeField') as DetectionSettings['timeField'],
    filterMode: config.get('detection.filterMode') as DetectionSettings['filterMode'],
    ruleSyncIntervalMs: config.get('detection.ruleSyncIntervalMs'),
    checkpointState: checkpointStateFrom(config.get('detection.stateCheckpoint'), config.get('bus.driver')),
    rekeyCorrelations: autoSwitchFrom(config.get('detection.rekeyCorrelations'), config.get('bus.driver')),
    // A republication to the topic being consumed could wait on itself under the in-process bus's back-pressure.
    chainsInPlace: config.get('bus.driver') !== 'kafka',
  };
}

/**
 * An `auto`/`on`/`off` detection switch resolved (`detection.stateCheckpoint`, `detection.rekeyCorrelations`):
 * `auto` is on with Kafka (several detectors may share the partitions), off with the in-process bus (one detector).
 */
export function autoSwitchFrom(setting: string, busDriver: string): boolean {
  if (setting === 'on') return true;
  if (setting === 'off') return false;
  return busDriver === 'kafka';
}

/** `detection.stateCheckpoint` resolved (see {@link autoSwitchFrom}). */
export const checkpointStateFrom = autoSwitchFrom;

/**
 * The defaults of `config/default.yaml` for a config folder `dir`, without reading any configuration
 * (specs, benchmarks, the CLI).
 */
export function defaultDetectionSettings(dir: string = configDir()): DetectionSettings {
  return {
    ruleDirs: [join(dir, 'rules')],
    userRuleDirs: [],
    mappingFile: join(dir, 'sigma/ecs-mapping.yml'),
    placeholdersFile: join(dir, 'detection/placeholders.yaml'),
    workingHoursFile: join(dir, 'detection/working-hours.yaml'),
    allowedLatenessMs: 60_000,
    maxGroupsPerRule: 10_000,
    flushIntervalMs: 1_000,
    timeField: 'received',
    filterMode: 'exclude',
    ruleSyncIntervalMs: 2_000,
    checkpointState: false,
    rekeyCorrelations: false,
    chainsInPlace: true,
  };
}
