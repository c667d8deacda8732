import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { READERS, Role, Roles } from '@vigie/auth';
import { BreachesService } from './breaches.service';
import {
  AwarenessDto,
  NoticeDto,
  NotificationDto,
  OpenBreachDto,
  RiskAssessmentDto,
  SubjectCommunicationDto,
  UpdateBreachDto,
} from './dto/breach.dto';

/** Who runs the breach workflow: the security team and the DPO. */
const BREACH_WRITERS: Role[] = ['admin', 'rssi', 'dpo'];

@ApiTags('breaches')
@Controller('api/v1/incidents')
export class BreachesController {
  constructor(private readonly breaches: BreachesService) {}

  @Get('breaches/deadlines')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Every controller’s 72 h CNIL deadline in my scope, with countdown: overdue first' })
  deadlines() {
    return this.breaches.deadlines();
  }

  @Get(':id/breach')
  @Roles(...READERS)
  @ApiOperation({ summary: 'The breach record: awareness, controllers, deadlines, risk, notices and notifications' })
  get(@Param('id') id: string) {
    return this.breaches.get(id);
  }

  @Post(':id/breach')
  @Roles(...BREACH_WRITERS)
  @ApiOperation({ summary: 'Open the personal data breach workflow: when the consortium became aware, the nature' })
  open(@Param('id') id: string, @Body() dto: OpenBreachDto) {
    return this.breaches.open(id, dto);
  }

  @Patch(':id/breach')
  @Roles(...BREACH_WRITERS)
  @ApiOperation({ summary: 'Correct the consortium’s awareness time, the nature or the numbers' })
  update(@Param('id') id: string, @Body() dto: UpdateBreachDto) {
    return this.breaches.update(id, dto);
  }

  @Post(':id/breach/notices')
  @Roles(...BREACH_WRITERS)
  @ApiOperation({ summary: 'Record a processor → controller notice (Art. 33(2)): member, when, by whom, content' })
  notice(@Param('id') id: string, @Body() dto: NoticeDto) {
    return this.breaches.addNotice(id, dto);
  }

  @Put(':id/breach/controllers/:member/awareness')
  @Roles(...BREACH_WRITERS)
  @ApiOperation({ summary: 'When this controller became aware: its CNIL deadline is 72 h later' })
  awareness(@Param('id') id: string, @Param('member') member: string, @Body() dto: AwarenessDto) {
    return this.breaches.setAwareness(id, member, dto);
  }

  @Post(':id/breach/risk-assessment')
  @HttpCode(200)
  @Roles(...BREACH_WRITERS)
  @ApiOperation({
    summary:
      'No risk / risk / high risk, with the Art. 34(3) exemptions: decides CNIL notification and data-subject communication',
  })
  assess(@Param('id') id: string, @Body() dto: RiskAssessmentDto) {
    return this.breaches.assessRisk(id, dto);
  }

  @Post(':id/breach/notifications')
  @Roles(...BREACH_WRITERS)
  @ApiOperation({
    summary: 'Record a CNIL notification with the Art. 33(3) contents (phased allowed; reasons required when late)',
  })
  notify(@Param('id') id: string, @Body() dto: NotificationDto) {
    return this.breaches.notify(id, dto);
  }

  @Post(':id/breach/controllers/:member/subject-communication')
  @HttpCode(200)
  @Roles(...BREACH_WRITERS)
  @ApiOperation({ summary: 'Record the communication to data subjects (Art. 34)' })
  subjects(@Param('id') id: string, @Param('member') member: string, @Body() dto: SubjectCommunicationDto) {
    return this.breaches.communicateSubjects(id, member, dto);
  }
}
