import { Module } from '@nestjs/common';
import { VigieConfig } from '@vigie/config';
import { detectionSettingsFrom } from './detection-settings';
import { DetectionStateStore } from './detection-state.store';
import { DETECTION_SETTINGS, DetectorWorker } from './detector.worker';
import { RuleStateStore } from './rule-state.store';

/** Streaming Sigma detection: siem.events.v1 → siem.alerts.v1, settings from `detection.*`. */
@Module({
  providers: [
    {
      provide: DETECTION_SETTINGS,
      useFactory: (config: VigieConfig) => detectionSettingsFrom(config),
      inject: [VigieConfig],
    },
    RuleStateStore,
    DetectionStateStore,
    DetectorWorker,
  ],
  exports: [DetectorWorker],
})
export class DetectionModule {}
