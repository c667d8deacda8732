import {
  Body,
  Controller,
  Get,
  Param,
  ParseUUIDPipe,
  Post,
  Res,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { READERS, Roles } from '@vigie/auth';
import type { Response } from 'express';
import { EvidenceUploadDto, TimelineEntryDto } from './dto/timeline.dto';
import { TIMELINE_WRITERS } from './roles';
import { EVIDENCE_MAX_BYTES, TimelineService, UploadedFile as File } from './timeline.service';

@ApiTags('incidents')
@Controller('api/v1/incidents/:id')
export class TimelineController {
  constructor(private readonly timeline: TimelineService) {}

  @Get('timeline')
  @Roles(...READERS)
  @ApiOperation({ summary: 'The timeline, in order' })
  list(@Param('id') id: string) {
    return this.timeline.list(id);
  }

  @Post('timeline')
  @Roles(...TIMELINE_WRITERS)
  @ApiOperation({
    summary:
      'Append an entry; entries are never edited or deleted: a correction is a new entry naming the one it corrects',
  })
  append(@Param('id') id: string, @Body() dto: TimelineEntryDto) {
    return this.timeline.append(id, dto);
  }

  @Get('evidence')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Evidence files: name, size, SHA-256, uploader and time' })
  listEvidence(@Param('id') id: string) {
    return this.timeline.listEvidence(id);
  }

  @Post('evidence')
  @Roles(...TIMELINE_WRITERS)
  @ApiConsumes('multipart/form-data', 'application/json')
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: EVIDENCE_MAX_BYTES, files: 1 } }))
  @ApiOperation({
    summary: `Upload evidence (multipart \`file\`, or JSON base64); over ${EVIDENCE_MAX_BYTES} bytes: 413`,
  })
  upload(@Param('id') id: string, @Body() dto: EvidenceUploadDto, @UploadedFile() file?: File) {
    return this.timeline.upload(id, dto, file);
  }

  @Get('evidence/:evidenceId')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Evidence metadata' })
  getEvidence(@Param('id') id: string, @Param('evidenceId', ParseUUIDPipe) evidenceId: string) {
    return this.timeline.getEvidence(id, evidenceId);
  }

  @Get('evidence/:evidenceId/content')
  @Roles(...READERS)
  @ApiOperation({ summary: 'The evidence file, checked against its SHA-256 (download audited)' })
  async content(
    @Param('id') id: string,
    @Param('evidenceId', ParseUUIDPipe) evidenceId: string,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { evidence, content } = await this.timeline.download(id, evidenceId);
    res.setHeader('content-type', evidence.contentType);
    res.setHeader('content-disposition', `attachment; filename="${evidence.filename.replace(/["\\\r\n]/g, '_')}"`);
    res.setHeader('x-content-sha256', evidence.sha256);
    return new StreamableFile(content);
  }
}
