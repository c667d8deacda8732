import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { AuditTrail } from '@vigie/audit';
import { memberScope, RequestContext, Roles } from '@vigie/auth';
import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export class AuditQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsISO8601() from?: string;
  @ApiPropertyOptional() @IsOptional() @IsISO8601() to?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(120) actor?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(80) entityType?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(120) entityId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(80) action?: string;
  @ApiPropertyOptional({ description: 'Continue after this sequence number' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  afterSeq?: number;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000) limit?: number;
}

@ApiTags('audit')
@Controller('api/v1/audit')
export class AuditController {
  constructor(private readonly audit: AuditTrail) {}

  @Get()
  @Roles('admin', 'rssi', 'dpo', 'auditor', 'referent')
  @ApiOperation({ summary: 'The audit trail, oldest first, filtered and limited to my members' })
  async list(@Query() q: AuditQueryDto) {
    const scope = memberScope(RequestContext.requirePrincipal());
    const records = await this.audit.list({ ...q, members: scope });
    return { records, nextAfterSeq: records.length ? records[records.length - 1].seq : undefined };
  }
}
