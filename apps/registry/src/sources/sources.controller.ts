import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { READERS, Roles } from '@vigie/auth';
import { SourcesQueryDto } from './dto/sources-query.dto';
import { SourcesService } from './sources.service';

@ApiTags('sources')
@Controller('api/v1/sources')
export class SourcesController {
  constructor(private readonly sources: SourcesService) {}

  @Get()
  @Roles(...READERS)
  @ApiOperation({
    summary: 'Per member, each sending host with first seen, last seen and event count; flags silent hosts',
  })
  list(@Query() dto: SourcesQueryDto) {
    return this.sources.list(dto);
  }
}
