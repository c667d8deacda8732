import { join } from 'node:path';
import { ConfigError, loadConfig } from '@vigie/config';
import {
  checkpointStateFrom,
  defaultDetectionSettings,
  detectionSettingsFrom,
  resolveSettingPath,
} from './detection-settings';
import { CONFIG_DIR } from './scenarios/scenario-harness';

const ROOT = join(CONFIG_DIR, '..');
const config = (overrides: Record<string, unknown> = {}, env: NodeJS.ProcessEnv = {}) =>
  loadConfig({ env: { VIGIE_CONFIG_DIR: CONFIG_DIR, ...env }, overrides });

describe('detection settings', () => {
  it('resolves relative paths against the parent of the config folder, keeps absolute ones', () => {
    expect(resolveSettingPath('config/rules', '/opt/vigie/config')).toBe('/opt/vigie/config/rules');
    expect(resolveSettingPath('rules.d', '/opt/vigie/config/')).toBe('/opt/vigie/rules.d');
    expect(resolveSettingPath('/srv/sigma/rules', '/opt/vigie/config')).toBe('/srv/sigma/rules');
    expect(resolveSettingPath('../shared/map.yml', '/opt/vigie/config')).toBe('/opt/shared/map.yml');
  });

  it('gives, from config/default.yaml, the same settings as the built-in defaults', () => {
    const s = detectionSettingsFrom(config(), CONFIG_DIR);
    expect(s).toEqual(defaultDetectionSettings(CONFIG_DIR));
    expect(s.ruleDirs).toEqual([join(ROOT, 'config/rules')]);
    expect(s.mappingFile).toBe(join(ROOT, 'config/sigma/ecs-mapping.yml'));
    expect(s.allowedLatenessMs).toBe(60_000);
    expect(s.userRuleDirs).toEqual([]);
  });

  it('reads overrides and VIGIE_DETECTION_* variables, lists comma-separated', () => {
    const s = detectionSettingsFrom(
      config(
        { 'detection.timeField': 'event', 'detection.maxGroups': 50 },
        {
          VIGIE_DETECTION_USER_RULE_DIRS: '/srv/sigma/rules/linux, sigma/windows',
          VIGIE_DETECTION_ALLOWED_LATENESS_SECONDS: '5',
          VIGIE_DETECTION_FILTER_MODE: 'and',
        },
      ),
      '/etc/vigie',
    );
    expect(s.userRuleDirs).toEqual(['/srv/sigma/rules/linux', '/etc/sigma/windows']);
    expect(s.ruleDirs).toEqual(['/etc/config/rules']);
    expect(s).toMatchObject({ timeField: 'event', maxGroupsPerRule: 50, allowedLatenessMs: 5000, filterMode: 'and' });
  });

  it('checkpoints correlation state with Kafka by default (auto), never with the in-process bus unless on', () => {
    expect(detectionSettingsFrom(config({ 'bus.driver': 'kafka' }), CONFIG_DIR).checkpointState).toBe(true);
    expect(detectionSettingsFrom(config({ 'bus.driver': 'memory' }), CONFIG_DIR).checkpointState).toBe(false);
    expect(
      detectionSettingsFrom(
        config({}, { VIGIE_BUS_DRIVER: 'kafka', VIGIE_DETECTION_STATE_CHECKPOINT: 'off' }),
        CONFIG_DIR,
      ).checkpointState,
    ).toBe(false);
    expect(checkpointStateFrom('on', 'memory')).toBe(true);
    expect(() => config({ 'detection.stateCheckpoint': 'yes' })).toThrow(/detection\.stateCheckpoint.*auto, on, off/);
  });

  it('re-keys cross-host correlations by default with Kafka only; chains are counted in place only with the in-process bus', () => {
    const kafka = detectionSettingsFrom(config({ 'bus.driver': 'kafka' }), CONFIG_DIR);
    expect([kafka.rekeyCorrelations, kafka.chainsInPlace]).toEqual([true, false]);
    const memory = detectionSettingsFrom(config({ 'bus.driver': 'memory' }), CONFIG_DIR);
    expect([memory.rekeyCorrelations, memory.chainsInPlace]).toEqual([false, true]);
    expect(
      detectionSettingsFrom(
        config({ 'bus.driver': 'memory' }, { VIGIE_DETECTION_REKEY_CORRELATIONS: 'on' }),
        CONFIG_DIR,
      ).rekeyCorrelations,
    ).toBe(true);
    expect(
      detectionSettingsFrom(
        config({ 'bus.driver': 'kafka' }, { VIGIE_DETECTION_REKEY_CORRELATIONS: 'off' }),
        CONFIG_DIR,
      ).rekeyCorrelations,
    ).toBe(false);
    expect(() => config({ 'detection.rekeyCorrelations': 'yes' })).toThrow(
      /detection\.rekeyCorrelations.*auto, on, off/,
    );
  });

  it('rejects invalid values, naming the setting', () => {
    expect(() => config({ 'detection.timeField': 'device' })).toThrow(ConfigError);
    expect(() => config({ 'detection.timeField': 'device' })).toThrow(/detection\.timeField.*received, event/);
    expect(() => config({}, { VIGIE_DETECTION_MAX_GROUPS: '0' })).toThrow(
      /VIGIE_DETECTION_MAX_GROUPS: must be at least 1/,
    );
    expect(() => config({ 'detection.ruleDirs': [] })).not.toThrow();
    expect(() => config({ 'detection.flushIntervalMs': 'soon' })).toThrow(/detection\.flushIntervalMs.*whole number/);
  });
});
