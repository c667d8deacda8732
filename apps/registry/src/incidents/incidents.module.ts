import { Module } from '@nestjs/common';
import { EvidenceRepository } from './evidence.repository';
import { RegistryImpactSource } from './impact/registry-impact.source';
import { SqlRegistryImpactSource } from './impact/sql-registry-impact.source';
import { IncidentsController } from './incidents.controller';
import { IncidentsRepository } from './incidents.repository';
import { IncidentsService } from './incidents.service';
import { IsmsClock } from './isms-clock';
import { TimelineController } from './timeline.controller';
import { TimelineRepository } from './timeline.repository';
import { TimelineService } from './timeline.service';

/** The ISMS incident log: incidents, links, derived impact, timeline and evidence. */
@Module({
  controllers: [IncidentsController, TimelineController],
  providers: [
    IncidentsRepository,
    IncidentsService,
    TimelineRepository,
    TimelineService,
    EvidenceRepository,
    IsmsClock,
    { provide: RegistryImpactSource, useClass: SqlRegistryImpactSource },
  ],
  exports: [
    IncidentsService,
    IncidentsRepository,
    TimelineRepository,
    TimelineService,
    EvidenceRepository,
    IsmsClock,
    RegistryImpactSource,
  ],
})
export class IncidentsModule {}
