import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module';
import { SourcesController } from './sources.controller';
import { SourcesService } from './sources.service';

/** Collection coverage: which hosts of each member send events (`/api/v1/sources`). */
@Module({
  imports: [EventsModule],
  controllers: [SourcesController],
  providers: [SourcesService],
})
export class SourcesModule {}
