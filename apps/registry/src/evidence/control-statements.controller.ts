import { Body, Controller, Get, Param, Post, Put } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { AuditTrail } from '@vigie/audit';
import { READERS, Roles } from '@vigie/auth';
import { DomainError } from '@vigie/contracts';
import { loadFrameworks } from '@vigie/evidence';
import { IsBase64, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { DataSource } from 'typeorm';
import { ChecklistFramework, controlChecklist } from './control-checklist';
import { ControlStatements } from './control-statements';
import { findUp } from './evidence-bundle.service';

export class ControlStatementDto {
  @ApiProperty({
    example: 'Les journaux des pare-feu et des contrôleurs de domaine sont centralisés dans Vigie depuis 2026.',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(20000)
  statement: string;
}

export class ControlAttachmentDto {
  @ApiProperty({ example: 'procedure-journalisation.pdf' })
  @Matches(/^[\w][\w.-]{0,119}$/, { message: 'filename must be 1-120 letters, digits, _, - or .' })
  filename: string;

  @ApiProperty({ description: 'The file, base64-encoded' })
  @IsBase64()
  contentBase64: string;
}

/** Statements and attachments for framework controls, kept in Vigie and put into evidence bundles. */
@ApiTags('evidence')
@Controller('api/v1/evidence/controls')
export class ControlStatementsController {
  private readonly statements: ControlStatements;
  private readonly frameworks: () => ReturnType<typeof loadFrameworks>;

  constructor(
    dataSource: DataSource,
    private readonly audit: AuditTrail,
  ) {
    const dir = findUp('config/frameworks');
    this.frameworks = () => loadFrameworks(dir);
    this.statements = new ControlStatements(dataSource, this.frameworks);
  }

  @Get('checklist')
  @Roles(...READERS)
  @ApiOperation({
    summary: 'Every framework control with its evidence items and whether its statement is written (no member data)',
  })
  async checklist(): Promise<{ frameworks: ChecklistFramework[] }> {
    return { frameworks: controlChecklist(this.frameworks(), await this.statements.list()) };
  }

  @Get()
  @Roles(...READERS)
  @ApiOperation({ summary: 'Statements and attachments written for framework controls' })
  list() {
    return this.statements.list();
  }

  @Put(':framework/:control')
  @Roles('admin', 'rssi', 'dpo')
  @ApiOperation({ summary: 'Write the statement of a control (audited)' })
  set(@Param('framework') framework: string, @Param('control') control: string, @Body() dto: ControlStatementDto) {
    return this.statements.setStatement(this.audit, framework, control, dto.statement);
  }

  @Post(':framework/:control/attachments')
  @Roles('admin', 'rssi', 'dpo')
  @ApiOperation({ summary: 'Attach a file to a control (audited; kept with its SHA-256)' })
  attach(@Param('framework') framework: string, @Param('control') control: string, @Body() dto: ControlAttachmentDto) {
    const content = Buffer.from(dto.contentBase64, 'base64');
    if (!content.length)
      throw new DomainError('invalid', 'empty_attachment', 'The attachment is empty', [
        { field: 'contentBase64', problem: 'empty' },
      ]);
    return this.statements.addAttachment(this.audit, framework, control, dto.filename, content);
  }
}
