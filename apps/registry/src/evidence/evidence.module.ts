import { Module } from '@nestjs/common';
import { ControlStatementsController } from './control-statements.controller';
import { EvidenceController } from './evidence.controller';
import { EvidenceExportsService } from './evidence-exports.service';

/** Signed evidence bundles for auditors (`/api/v1/evidence/exports`). */
@Module({
  controllers: [EvidenceController, ControlStatementsController],
  providers: [EvidenceExportsService],
})
export class EvidenceModule {}
