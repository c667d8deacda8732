import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';

export const RULE_LEVELS = ['informational', 'low', 'medium', 'high', 'critical'] as const;
export const RULE_STATUSES = ['ok', 'unsupported', 'invalid'] as const;
export const RULE_KINDS = ['detection', 'correlation', 'filter', 'unknown'] as const;

const toBool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class ListRulesQueryDto {
  @ApiPropertyOptional({ enum: RULE_LEVELS }) @IsOptional() @IsIn(RULE_LEVELS) level?: string;
  @ApiPropertyOptional({ enum: RULE_STATUSES }) @IsOptional() @IsIn(RULE_STATUSES) status?: string;
  @ApiPropertyOptional({ enum: RULE_KINDS }) @IsOptional() @IsIn(RULE_KINDS) kind?: string;
  @ApiPropertyOptional({ example: 'attack.t1110', description: 'A Sigma tag (case-insensitive)' })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  tag?: string;
  @ApiPropertyOptional({ description: 'Text searched in the id, title and file path' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
  @ApiPropertyOptional() @IsOptional() @Transform(toBool) @IsBoolean() enabled?: boolean;
  @ApiPropertyOptional({ description: 'Also list rules no longer loaded by the detectors' })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  all?: boolean;
  @ApiPropertyOptional({ default: 500 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(5000) limit?: number;
  @ApiPropertyOptional({ default: 0 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) offset?: number;
}

export class UpdateRuleDto {
  @ApiProperty({ description: 'false: the detectors skip the rule within `detection.ruleSyncIntervalMs`' })
  @IsBoolean()
  enabled: boolean;
}

export class TestRuleDto {
  @ApiProperty({
    description: 'Sigma YAML: one rule, or several documents (e.g. a correlation and the rules it references)',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(262_144)
  rule: string;

  @ApiProperty({
    description: 'Sample events: ECS documents (objects) or raw syslog lines (strings), in order',
    type: 'array',
    items: { oneOf: [{ type: 'string' }, { type: 'object' }] },
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(5000)
  events: Array<string | Record<string, unknown>>;

  @ApiPropertyOptional({
    example: 'ivry',
    description: 'Member the raw lines are attributed to (default unattributed)',
  })
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9_-]{0,31}$/, { message: 'member must be a member code' })
  member?: string;

  @ApiPropertyOptional({ example: '10.20.1.5', description: 'Sender address of the raw lines (default 127.0.0.1)' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  hostIp?: string;

  @ApiPropertyOptional({ example: 'Europe/Paris', description: 'Zone of RFC 3164 timestamps in raw lines' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  timeZone?: string;

  @ApiPropertyOptional({ enum: ['event', 'received'], default: 'event' })
  @IsOptional()
  @IsIn(['event', 'received'])
  timeField?: 'event' | 'received';

  @ApiPropertyOptional({ description: 'Return the evaluated ECS documents too' })
  @IsOptional()
  @IsBoolean()
  includeEvents?: boolean;
}
