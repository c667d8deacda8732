import { join } from 'node:path';
import { configDir } from '@vigie/config';

/**
 * Detector settings. Constants for now; each field is meant to become a configuration setting
 * (name in the comment) once the settings schema has them.
 */
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
}

export function defaultDetectionSettings(dir: string = configDir()): DetectionSettings {
  return {
    ruleDirs: [join(dir, 'rules')],
    userRuleDirs: [join(dir, 'rules.d'), '/etc/vigie/rules.d'],
    mappingFile: join(dir, 'sigma/ecs-mapping.yml'),
    placeholdersFile: join(dir, 'detection/placeholders.yaml'),
    workingHoursFile: join(dir, 'detection/working-hours.yaml'),
    allowedLatenessMs: 60_000,
    maxGroupsPerRule: 10_000,
    flushIntervalMs: 1_000,
    timeField: 'received',
    filterMode: 'exclude',
  };
}
