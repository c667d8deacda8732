import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { READERS, Roles } from '@vigie/auth';
import { AlertEscalationService } from './alert-escalation.service';
import { AlertStatsService } from './alert-stats.service';
import { AlertsService } from './alerts.service';
import { AlertEventsQueryDto, AlertQueryDto, AlertStatsQueryDto } from './dto/alert-query.dto';
import { BulkAlertsDto, CommentDto, EscalateDto, UpdateAlertDto } from './dto/update-alert.dto';

/** Who triages alerts. */
const TRIAGERS = ['admin', 'rssi'] as const;

@ApiTags('alerts')
@Controller('api/v1/alerts')
export class AlertsController {
  constructor(
    private readonly alerts: AlertsService,
    private readonly statsService: AlertStatsService,
    private readonly escalation: AlertEscalationService,
  ) {}

  @Get()
  @Roles(...READERS)
  @ApiOperation({ summary: 'The alert queue in my scope: filters, level then recency, pages, counts per status' })
  list(@Query() q: AlertQueryDto) {
    return this.alerts.list(q);
  }

  @Get('stats')
  @Roles(...READERS)
  @ApiOperation({
    summary: 'Alerts per day by level, rule and member; TTA/TTC p50 and p90; false-positive rate per rule',
  })
  stats(@Query() q: AlertStatsQueryDto) {
    return this.statsService.stats(q);
  }

  @Post('bulk')
  @HttpCode(200)
  @Roles(...TRIAGERS)
  @ApiOperation({ summary: 'Apply one change to a selection of alerts or to those matching a filter (at most 1000)' })
  bulk(@Body() dto: BulkAlertsDto) {
    return this.alerts.bulk(dto);
  }

  @Get(':id')
  @Roles(...READERS)
  @ApiOperation({ summary: 'An alert with its history and its related events' })
  get(@Param('id') id: string) {
    return this.alerts.get(id);
  }

  @Get(':id/events')
  @Roles(...READERS)
  @ApiOperation({
    summary:
      'Related events of an alert, oldest first, in pages: its sample events and the events with its group values within its time window (± 5 min)',
  })
  events(@Param('id') id: string, @Query() q: AlertEventsQueryDto) {
    return this.alerts.events(id, q);
  }

  @Patch(':id')
  @Roles(...TRIAGERS)
  @ApiOperation({ summary: 'Status (closing needs a reason and a comment), assignee, tags; recorded in the history' })
  update(@Param('id') id: string, @Body() dto: UpdateAlertDto) {
    return this.alerts.update(id, dto);
  }

  @Post(':id/comments')
  @Roles(...TRIAGERS)
  @ApiOperation({ summary: 'Comment on an alert (history and audit trail)' })
  comment(@Param('id') id: string, @Body() dto: CommentDto) {
    return this.alerts.comment(id, dto.text);
  }

  @Post(':id/escalate')
  @Roles(...TRIAGERS)
  @ApiOperation({ summary: 'Create an ISMS incident from the alert, or attach it to an existing one' })
  escalate(@Param('id') id: string, @Body() dto: EscalateDto) {
    return this.escalation.escalate(id, dto);
  }
}
