import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { READERS, Roles } from '@vigie/auth';
import { EventQueryDto, HistogramDto, SearchEventsDto, TopDto } from './dto/event-query.dto';
import { EventsService } from './events.service';

@ApiTags('events')
@Controller('api/v1/events')
export class EventsController {
  constructor(private readonly events: EventsService) {}

  @Get()
  @Roles(...READERS)
  @ApiOperation({ summary: 'Search events of my members with a KQL query; newest first, paged by cursor' })
  search(@Query() dto: SearchEventsDto) {
    return this.events.search(dto);
  }

  @Get('count')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Count the events matching a KQL query' })
  count(@Query() dto: EventQueryDto) {
    return this.events.count(dto);
  }

  @Get('histogram')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Events per time bucket (interval 1m, 1h, 1d... or auto)' })
  histogram(@Query() dto: HistogramDto) {
    return this.events.histogram(dto);
  }

  @Get('top')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Most frequent values of a field among the matching events' })
  top(@Query() dto: TopDto) {
    return this.events.top(dto);
  }

  @Get('retention')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Per member: retention setting, oldest and newest day held' })
  retention() {
    return this.events.retention();
  }
}
