import { Body, Controller, Get, HttpCode, Param, Post, Query, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { READERS, Roles } from '@vigie/auth';
import { IsBase64, IsOptional, MaxLength } from 'class-validator';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { REGISTER_EDITORS } from '../processing-activities/processing-activities.controller';
import { fileResponse } from './register-file';
import { RegisterService } from './register.service';

export { fileResponse };

export class ImportRegisterDto {
  @ApiPropertyOptional({ description: 'The workbook, base64-encoded (instead of a multipart "file")' })
  @IsOptional()
  @IsBase64()
  @MaxLength(14_000_000)
  contentBase64?: string;
}

export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

@ApiTags('registers')
@Controller('api/v1/members/:member/register')
export class RegisterController {
  constructor(private readonly registers: RegisterService) {}

  @Get()
  @Roles(...READERS)
  @ApiOperation({ summary: 'A member’s whole Art. 30(1) register, with its version and summary' })
  @ApiQuery({ name: 'includeArchived', required: false })
  register(@Param('member') member: string, @Query('includeArchived') includeArchived?: string) {
    return this.registers.register(member, includeArchived === 'true');
  }

  @Get('export')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Export the register: csv (UTF-8 with BOM), xlsx (one sheet per record type), json, pdf' })
  @ApiQuery({ name: 'format', enum: ['csv', 'xlsx', 'json', 'pdf'] })
  async export(@Param('member') member: string, @Query('format') format: string) {
    return fileResponse(await this.registers.exportRegister(member, format));
  }

  @Post('import')
  @Roles(...REGISTER_EDITORS)
  @HttpCode(200)
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_IMPORT_BYTES, files: 1 } }))
  @ApiConsumes('multipart/form-data', 'application/json')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' }, contentBase64: { type: 'string' } } } })
  @ApiOperation({ summary: 'Import an XLSX in the export layout: all rows validated, errors by row and column, nothing imported on error (?dryRun=true validates only)' })
  @ApiQuery({ name: 'dryRun', required: false })
  import(
    @Param('member') member: string,
    @Body() dto: ImportRegisterDto,
    @UploadedFile() file?: { buffer: Buffer },
    @Query('dryRun') dryRun?: string,
  ) {
    const content = file?.buffer ?? (dto?.contentBase64 ? Buffer.from(dto.contentBase64, 'base64') : undefined);
    return this.registers.importRegister(member, content, dryRun === 'true');
  }
}
