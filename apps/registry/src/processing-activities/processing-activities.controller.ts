import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { READERS, Roles } from '@vigie/auth';
import { DomainError } from '@vigie/contracts';
import {
  CreateActivityDto,
  DraftsFromApplicationsDto,
  ActivityTransitionDto,
  UpdateActivityDto,
} from './dto/processing-activity.dto';
import { fileResponse } from '../register-exports/register-file';
import { RegisterService } from '../register-exports/register.service';
import { ProcessingActivitiesService } from './processing-activities.service';

export const REGISTER_EDITORS = ['dpo', 'referent'] as const;

function version(v: string | undefined, field: string): number | undefined {
  if (v === undefined || v === '') return undefined;
  if (!/^\d{1,9}$/.test(v))
    throw new DomainError('invalid', 'invalid_version', `${field} must be a version number`, [
      { field, problem: 'must be a positive integer' },
    ]);
  return Number(v);
}

@ApiTags('processing-activities')
@Controller('api/v1/members/:member/processing-activities')
export class ProcessingActivitiesController {
  constructor(
    private readonly activities: ProcessingActivitiesService,
    private readonly registers: RegisterService,
  ) {}

  @Get()
  @Roles(...READERS)
  @ApiOperation({ summary: 'A member’s Art. 30(1) records; ?q= full text, ?status=, ?includeArchived=true' })
  @ApiQuery({ name: 'q', required: false })
  @ApiQuery({ name: 'status', required: false })
  @ApiQuery({ name: 'includeArchived', required: false })
  list(
    @Param('member') member: string,
    @Query('q') q?: string,
    @Query('status') status?: string,
    @Query('includeArchived') includeArchived?: string,
  ) {
    return this.activities.list(member, { q, status, includeArchived: includeArchived === 'true' });
  }

  @Post()
  @Roles(...REGISTER_EDITORS)
  @ApiOperation({ summary: 'Create a record (saved as a draft, complete or not)' })
  create(@Param('member') member: string, @Body() dto: CreateActivityDto) {
    return this.activities.create(member, dto);
  }

  @Post('drafts-from-applications')
  @Roles(...REGISTER_EDITORS)
  @ApiOperation({
    summary: 'Draft records from the applications the member uses (one per application not yet covered)',
  })
  drafts(@Param('member') member: string, @Body() dto: DraftsFromApplicationsDto) {
    return this.activities.draftsFromApplications(member, dto.applicationIds);
  }

  @Get(':id')
  @Roles(...READERS)
  get(@Param('member') member: string, @Param('id') id: string) {
    return this.activities.get(member, id);
  }

  @Patch(':id')
  @Roles(...REGISTER_EDITORS)
  @ApiOperation({ summary: 'Edit a record; a validated record goes back to review' })
  update(@Param('member') member: string, @Param('id') id: string, @Body() dto: UpdateActivityDto) {
    return this.activities.update(member, id, dto);
  }

  @Delete(':id')
  @Roles(...REGISTER_EDITORS)
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a draft that was never validated (archive the others)' })
  async delete(@Param('member') member: string, @Param('id') id: string) {
    await this.activities.delete(member, id);
  }

  @Get(':id/completeness')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Fields the CNIL model still needs' })
  completeness(@Param('member') member: string, @Param('id') id: string) {
    return this.activities.completeness(member, id);
  }

  @Get(':id/pdf')
  @Roles(...READERS)
  @ApiOperation({ summary: 'The record as a PDF fiche (CNIL model fields, completeness aside)' })
  async pdf(@Param('member') member: string, @Param('id') id: string) {
    return fileResponse(await this.registers.exportActivityPdf(member, id));
  }

  @Post(':id/submit')
  @Roles(...REGISTER_EDITORS)
  @HttpCode(200)
  @ApiOperation({ summary: 'Draft → in review (422 with the missing fields if incomplete)' })
  submit(@Param('member') member: string, @Param('id') id: string, @Body() dto: ActivityTransitionDto) {
    return this.activities.transitionTo(member, id, 'submit', dto.comment);
  }

  @Post(':id/validate')
  @Roles('dpo')
  @HttpCode(200)
  @ApiOperation({ summary: 'Validate (DPO): 422 listing the missing fields when incomplete' })
  validate(@Param('member') member: string, @Param('id') id: string, @Body() dto: ActivityTransitionDto) {
    return this.activities.transitionTo(member, id, 'validate', dto.comment);
  }

  @Post(':id/archive')
  @Roles(...REGISTER_EDITORS)
  @HttpCode(200)
  archive(@Param('member') member: string, @Param('id') id: string, @Body() dto: ActivityTransitionDto) {
    return this.activities.transitionTo(member, id, 'archive', dto.comment);
  }

  @Post(':id/reopen')
  @Roles(...REGISTER_EDITORS)
  @HttpCode(200)
  @ApiOperation({ summary: 'Archived → draft' })
  reopen(@Param('member') member: string, @Param('id') id: string, @Body() dto: ActivityTransitionDto) {
    return this.activities.transitionTo(member, id, 'reopen', dto.comment);
  }

  @Get(':id/history')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Every version: who, when, what kind of change, which fields' })
  history(@Param('member') member: string, @Param('id') id: string) {
    return this.activities.history(member, id);
  }

  @Get(':id/versions/:version')
  @Roles(...READERS)
  versionOf(@Param('member') member: string, @Param('id') id: string, @Param('version', ParseIntPipe) v: number) {
    return this.activities.version(member, id, v);
  }

  @Get(':id/diff')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Field-level diff between two versions (?from=&to=; default previous → current)' })
  @ApiQuery({ name: 'from', required: false })
  @ApiQuery({ name: 'to', required: false })
  diff(
    @Param('member') member: string,
    @Param('id') id: string,
    @Query('from') from?: string,
    @Query('to') to?: string,
  ) {
    return this.activities.diff(member, id, version(from, 'from'), version(to, 'to'));
  }
}

@ApiTags('processing-activities')
@Controller('api/v1/processing-activities')
export class ActivityDashboardController {
  constructor(private readonly activities: ProcessingActivitiesService) {}

  @Get()
  @Roles(...READERS)
  @ApiOperation({ summary: 'Records of every member in scope; ?q= full text' })
  @ApiQuery({ name: 'q', required: false })
  @ApiQuery({ name: 'status', required: false })
  search(@Query('q') q?: string, @Query('status') status?: string) {
    return this.activities.search({ q, status });
  }

  @Get('overdue')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Records past their next review date' })
  overdue() {
    return this.activities.overdue();
  }

  @Get('dpia-missing')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Records that need a DPIA and have none planned, in progress or done' })
  dpiaMissing() {
    return this.activities.dpiaMissing();
  }
}
