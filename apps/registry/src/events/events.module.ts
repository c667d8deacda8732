import { Module } from '@nestjs/common';
import { EventMembersRepository } from './event-members.repository';
import { EVENTS_CLOCK, systemClock } from './events.clock';
import { EventsController } from './events.controller';
import { EventsService } from './events.service';

/** Event search, aggregations and the retention view (`/api/v1/events`). */
@Module({
  controllers: [EventsController],
  providers: [EventsService, EventMembersRepository, { provide: EVENTS_CLOCK, useValue: systemClock }],
  exports: [EventsService, EventMembersRepository, EVENTS_CLOCK],
})
export class EventsModule {}
