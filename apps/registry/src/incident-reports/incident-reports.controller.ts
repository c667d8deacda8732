import { Controller, Get, Param, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { READERS, Roles } from '@vigie/auth';
import { IsIn, IsOptional } from 'class-validator';
import type { Response } from 'express';
import { IncidentQueryDto } from '../incidents/dto/incident.dto';
import { IncidentReportsService, Rendered } from './incident-reports.service';

export class LogExportQueryDto extends IncidentQueryDto {
  @ApiPropertyOptional({ enum: ['csv', 'xlsx'], default: 'csv' })
  @IsOptional()
  @IsIn(['csv', 'xlsx'])
  format?: 'csv' | 'xlsx';
}

function send(res: Response, r: Rendered): StreamableFile {
  res.setHeader('content-type', r.contentType);
  res.setHeader('content-disposition', `attachment; filename="${r.filename}"`);
  res.setHeader('x-content-sha256', r.sha256);
  return new StreamableFile(r.content);
}

@ApiTags('incident-reports')
@Controller('api/v1')
export class IncidentReportsController {
  constructor(private readonly reports: IncidentReportsService) {}

  @Get('incidents/:id/report')
  @Roles(...READERS)
  @ApiOperation({
    summary: 'Incident report (JSON): record, impact, timeline by phase, evidence, notifications, actions',
  })
  json(@Param('id') id: string) {
    return this.reports.json(id);
  }

  @Get('incidents/:id/report/pdf')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Incident report (PDF); its SHA-256 is returned in X-Content-SHA256 and audited' })
  async pdf(@Param('id') id: string, @Res({ passthrough: true }) res: Response) {
    return send(res, await this.reports.pdf(id));
  }

  @Get('incident-reports/log')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Incident log export, CSV or XLSX, with the list filters' })
  async log(@Query() q: LogExportQueryDto, @Res({ passthrough: true }) res: Response) {
    const { format = 'csv', ...filters } = q;
    return send(res, await this.reports.log(filters, format));
  }

  @Get('incident-reports/metrics')
  @Roles(...READERS)
  @ApiOperation({ summary: 'MTTD, MTTC, MTTR; incidents per month by category and member; overdue actions' })
  metrics(@Query() q: IncidentQueryDto) {
    return this.reports.metrics(q);
  }
}
