import { ApiProperty, ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
import {
  CIA_LEVELS,
  CiaLevel,
  DECISIONS,
  Decision,
  INCIDENT_CATEGORIES,
  INCIDENT_SOURCES,
  INCIDENT_STATUSES,
  IncidentCategory,
  IncidentSource,
  IncidentStatus,
  LEVELS,
  Level,
  SEVERITIES,
} from '@vigie/isms';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';

export const MEMBER_CODE = /^[a-z0-9][a-z0-9_-]{0,31}$/;

export class CreateIncidentDto {
  @ApiProperty({ example: 'Ransomware on the HR file server' })
  @IsString()
  @MinLength(3)
  @MaxLength(300)
  title: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  description?: string;

  @ApiPropertyOptional({ description: 'When it happened (if known)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  occurredAt?: string;

  @ApiPropertyOptional({ description: 'When it was detected; defaults to now' })
  @IsOptional()
  @IsISO8601({ strict: true })
  detectedAt?: string;

  @ApiPropertyOptional({ description: 'When it was reported to the security team' })
  @IsOptional()
  @IsISO8601({ strict: true })
  reportedAt?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsISO8601({ strict: true })
  resolvedAt?: string;

  @ApiPropertyOptional({ description: 'Who reported it; defaults to the caller' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  reporter?: string;

  @ApiProperty({ enum: INCIDENT_SOURCES })
  @IsIn(INCIDENT_SOURCES)
  source: IncidentSource;

  @ApiPropertyOptional({ description: 'Alert id, ticket or CERT-FR bulletin number' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  sourceRef?: string;

  @ApiProperty({ enum: INCIDENT_CATEGORIES })
  @IsIn(INCIDENT_CATEGORIES)
  category: IncidentCategory;

  @ApiPropertyOptional({ enum: LEVELS, description: 'Defaults to the worst CIA impact' })
  @IsOptional()
  @IsIn(LEVELS)
  impact?: Level;

  @ApiPropertyOptional({ enum: LEVELS, default: 'medium' })
  @IsOptional()
  @IsIn(LEVELS)
  urgency?: Level;

  @ApiPropertyOptional({ enum: CIA_LEVELS })
  @IsOptional()
  @IsIn(CIA_LEVELS)
  confidentiality?: CiaLevel;

  @ApiPropertyOptional({ enum: CIA_LEVELS })
  @IsOptional()
  @IsIn(CIA_LEVELS)
  integrity?: CiaLevel;

  @ApiPropertyOptional({ enum: CIA_LEVELS })
  @IsOptional()
  @IsIn(CIA_LEVELS)
  availability?: CiaLevel;

  @ApiPropertyOptional({ description: 'Personal data breach suspected (also set from the derived impact)' })
  @IsOptional()
  @IsBoolean()
  personalDataSuspected?: boolean;

  @ApiPropertyOptional({ example: ['ivry'], description: 'Affected members' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @Matches(MEMBER_CODE, { each: true, message: 'members must be member codes' })
  members?: string[];

  @ApiPropertyOptional({ description: 'Affected applications (registry ids)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  @MaxLength(255, { each: true })
  applications?: string[];

  @ApiPropertyOptional({ description: 'Affected hosts (host names or addresses)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsString({ each: true })
  @MaxLength(255, { each: true })
  hosts?: string[];

  @ApiPropertyOptional({ description: 'Related alert ids' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsString({ each: true })
  @MaxLength(255, { each: true })
  alerts?: string[];
}

export class UpdateIncidentDto extends PartialType(
  PickType(CreateIncidentDto, [
    'title',
    'description',
    'occurredAt',
    'detectedAt',
    'reportedAt',
    'resolvedAt',
    'reporter',
    'source',
    'sourceRef',
    'category',
    'impact',
    'urgency',
    'confidentiality',
    'integrity',
    'availability',
    'personalDataSuspected',
  ] as const),
) {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  rootCause?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  lessonsLearned?: string;
}

export class IncidentTransitionDto {
  @ApiProperty({ enum: INCIDENT_STATUSES })
  @IsIn(INCIDENT_STATUSES)
  status: IncidentStatus;

  @ApiPropertyOptional({ description: 'Recorded on the timeline' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  note?: string;

  @ApiPropertyOptional({ description: 'Required to close an incident' })
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  rootCause?: string;

  @ApiPropertyOptional({ description: 'Required to close an incident' })
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  lessonsLearned?: string;
}

export class DecisionDto {
  @ApiProperty({ enum: DECISIONS, description: 'Is this an information security incident, or only an event?' })
  @IsIn(DECISIONS)
  decision: Decision;

  @ApiProperty({ description: 'Why' })
  @IsString()
  @MinLength(3)
  @MaxLength(5000)
  rationale: string;
}

export class IncidentQueryDto {
  @ApiPropertyOptional({ enum: INCIDENT_STATUSES }) @IsOptional() @IsIn(INCIDENT_STATUSES) status?: string;
  @ApiPropertyOptional({ enum: INCIDENT_CATEGORIES }) @IsOptional() @IsIn(INCIDENT_CATEGORIES) category?: string;
  @ApiPropertyOptional({ enum: SEVERITIES }) @IsOptional() @IsIn(SEVERITIES) severity?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(MEMBER_CODE) member?: string;
  @ApiPropertyOptional({ description: 'Detected at or after' }) @IsOptional() @IsISO8601() from?: string;
  @ApiPropertyOptional({ description: 'Detected before' }) @IsOptional() @IsISO8601() to?: string;
}
