import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
} from 'class-validator';

import { MAX_SIGMA_FILTER_LENGTH } from '@vigie/triage';

const MEMBER = /^[a-z0-9][a-z0-9_-]{0,31}$/;

export class CreateExceptionDto {
  @ApiPropertyOptional({
    description: 'Create from this alert: its rule (unless ruleId is given) and, unless given, its member',
  })
  @IsOptional()
  @IsUUID()
  fromAlertId?: string;

  @ApiPropertyOptional({
    type: String,
    description: 'Rule id; null = every rule (then a scope is required)',
    nullable: true,
  })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(200)
  ruleId?: string | null;

  @ApiPropertyOptional({ type: String, example: 'ivry', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @Matches(MEMBER, { message: 'member must be a member code' })
  member?: string | null;

  @ApiPropertyOptional({ type: String, example: 'srv-backup-01', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  host?: string | null;

  @ApiPropertyOptional({ type: String, example: 'svc-backup', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  user?: string | null;

  @ApiPropertyOptional({
    type: String,
    example: '10.20.0.0/16',
    description: 'An address or a CIDR block',
    nullable: true,
  })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(64)
  sourceIp?: string | null;

  @ApiPropertyOptional({
    example: { 'Hostname|startswith': 'scan-', 'source.ip|cidr': ['10.9.0.0/16'] },
    description:
      'Sigma-selection-like match on the alert’s group values and rule.id, rule.title, organization.id, host.name, user.name, source.ip, application.name: fields AND, values OR, * and ? wildcards, modifiers contains, startswith, endswith, cidr, all',
    nullable: true,
  })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsObject()
  match?: Record<string, string | number | boolean | Array<string | number | boolean>> | null;

  @ApiPropertyOptional({
    example:
      'selection:\n  user.name|startswith: svc-\nfilter_lab:\n  source.ip|cidr: 10.0.0.0/8\ncondition: selection and not filter_lab',
    description:
      'Sigma filter expression (YAML), evaluated on the event(s) that make the alert: a detection block (search identifiers and condition, as in a rule’s detection section) suppressing the events it matches, or a Sigma Filters document (filter: rules, selection…, condition) applied as the detector’s detection.filterMode says. Checked at creation (400, field sigmaFilter, with the parser’s message).',
    type: String,
    nullable: true,
    maxLength: MAX_SIGMA_FILTER_LENGTH,
  })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(MAX_SIGMA_FILTER_LENGTH)
  sigmaFilter?: string | null;

  @ApiProperty({ example: 'Authorised vulnerability scanner (ticket 4521)' })
  @IsString()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @MinLength(3)
  @MaxLength(2000)
  reason: string;

  @ApiProperty({ example: '2026-06-30T00:00:00Z', description: 'Mandatory; at most a year ahead' })
  @IsISO8601({ strict: true })
  expiresAt: string;
}

export class UpdateExceptionDto {
  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(200)
  ruleId?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @Matches(MEMBER, { message: 'member must be a member code' })
  member?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(255)
  host?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(255)
  user?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(64)
  sourceIp?: string | null;
  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsObject()
  match?: Record<string, string | number | boolean | Array<string | number | boolean>> | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Sigma filter expression (YAML); null removes it' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(MAX_SIGMA_FILTER_LENGTH)
  sigmaFilter?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(3) @MaxLength(2000) reason?: string;
  @ApiPropertyOptional() @IsOptional() @IsISO8601({ strict: true }) expiresAt?: string;
}

export class ExceptionQueryDto {
  @ApiPropertyOptional({ description: 'true: in force only; false: expired or revoked only' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ description: 'Exceptions for this rule (and those for every rule)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  rule?: string;
}
