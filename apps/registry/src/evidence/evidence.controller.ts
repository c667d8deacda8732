import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Res, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@vigie/auth';
import type { Response } from 'express';
import { CreateEvidenceExportDto } from './dto/create-evidence-export.dto';
import { EvidenceExportsService } from './evidence-exports.service';

@ApiTags('evidence')
@Controller('api/v1/evidence/exports')
export class EvidenceController {
  constructor(private readonly exports: EvidenceExportsService) {}

  @Post()
  @HttpCode(202)
  @Roles('admin', 'rssi', 'auditor', 'referent')
  @ApiOperation({
    summary: 'Start a signed evidence bundle for a period and one member or all in scope; answers with a job to poll',
  })
  create(@Body() dto: CreateEvidenceExportDto) {
    return this.exports.create(dto);
  }

  @Get()
  @Roles('admin', 'rssi', 'auditor', 'referent')
  @ApiOperation({
    summary: 'The evidence exports of this instance the caller may see (their own; all for an admin), newest first',
  })
  list() {
    return this.exports.list();
  }

  @Get(':id')
  @Roles('admin', 'rssi', 'auditor', 'referent')
  @ApiOperation({ summary: 'Progress of an evidence export' })
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.exports.get(id);
  }

  @Get(':id/download')
  @Roles('admin', 'rssi', 'auditor', 'referent')
  @ApiOperation({ summary: 'The bundle ZIP, once the export is done' })
  async download(@Param('id', ParseUUIDPipe) id: string, @Res({ passthrough: true }) res: Response) {
    const f = await this.exports.download(id);
    res.setHeader('content-type', 'application/zip');
    res.setHeader('content-disposition', `attachment; filename="${f.filename}"`);
    res.setHeader('x-content-sha256', f.sha256);
    return new StreamableFile(f.body);
  }
}
