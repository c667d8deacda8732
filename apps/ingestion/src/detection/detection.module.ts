import { Module } from '@nestjs/common';
import { DetectorWorker } from './detector.worker';

/** Streaming Sigma detection: siem.events.v1 → siem.alerts.v1. */
@Module({
  providers: [DetectorWorker],
  exports: [DetectorWorker],
})
export class DetectionModule {}
